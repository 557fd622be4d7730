// Counties report to their prefecture (issue 12), inside workerd on a real local D1: a county clerk
// submits the county's own workbook; the prefecture sees its counties against the county deadline,
// reviews them, and gets its report merged from their newest revisions that are not returned; the
// province's totals count the prefectures only.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { childReportOf } from "../../shared/consolidate/merge-unit-reports.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { canonicalJson } from "../../shared/report/canonical-json.ts";
import type { ReportData } from "../../shared/report/report-data.ts";

import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { readReportWorkbookContents } from "../../shared/workbook/read-report.ts";
import { COUNTY_SOURCES_SHEET_NAME } from "../../shared/workbook/render-consolidated.ts";
import { readXlsx } from "../../shared/xlsx/read-xlsx.ts";
import { formSetOf } from "../../shared/forms/form-set.ts";
import { api, auditActions, bearer, createToken, expectProblem, jsonRequest } from "./api-client.ts";
import type { TestToken } from "./api-client.ts";
import { jinan, openPeriod, reportOf, review, submitOk, submitRequest } from "./submission-client.ts";

const tree = reportingTree;
const jinanUnit = tree.unit(jinan.code) as ReportingUnit;
const [lixia, shizhong, huaiyin] = jinanUnit.children as [ReportingUnit, ReportingUnit, ReportingUnit];
const prefectureReport = reportOf(jinan);
const countyReport = (county: ReportingUnit, report: ReportData = prefectureReport) =>
  childReportOf(currentFormSet, report, county, { cover: report.sheets["封面"]?.[0] });

interface UnitCompleteness {
  unitCode: string;
  level: string;
  deadline: string | null;
  units: { unitCode: string; status: string; overdue: boolean; revision: number }[];
}
interface Merged {
  report: ReportData;
  provenance: { unitCode: string; revision: number; status: string }[];
  missingUnits: string[];
  returnedUnits: string[];
  notAccepted: string[];
  staleness: {
    revision: number;
    children: { unitCode: string; was: number | null; now: number | null; change: string }[];
    totals: { sheetCode: string; fieldCode: string; before: number | null; after: number | null }[];
    keptUnits: string[];
  } | null;
}

let admin: TestToken;
let prefectureClerk: TestToken;
let province: TestToken;
const countyClerks = new Map<string, TestToken>();
beforeAll(async () => {
  await openPeriod("2019", "2999-12-31");
  admin = await createToken("admin");
  prefectureClerk = await createToken("clerk", jinan.code);
  province = await createToken("province");
  for (const county of [lixia, shizhong, huaiyin]) countyClerks.set(county.code, await createToken("clerk", county.code));
});

const clerkOf = (county: ReportingUnit) => (countyClerks.get(county.code) as TestToken).token;
const completeness = async () =>
  (await (await api(`/periods/2019/units/${jinan.code}/completeness`, bearer(prefectureClerk.token))).json()) as UnitCompleteness;
const merged = async () => (await (await api(`/periods/2019/units/${jinan.code}/merged`, bearer(prefectureClerk.token))).json()) as Merged;
const statusOf = (view: UnitCompleteness, county: ReportingUnit) => view.units.find((unit) => unit.unitCode === county.code);

describe("a county clerk", () => {
  it("submits the county's own report, checked as the county's: its own row only", async () => {
    const receipt = await submitOk(clerkOf(lixia), countyReport(lixia));
    expect(receipt.revision).toBe(1);

    // A row of another county is no part of 历下区's report: 422, with the structure rule naming it.
    const foreign = countyReport(lixia, prefectureReport);
    const withSibling = {
      ...foreign,
      sheets: { ...foreign.sheets, 教扶01: [...(foreign.sheets["教扶01"] ?? []), ...(countyReport(shizhong).sheets["教扶01"] ?? [])] },
    };
    const refused = await expectProblem(await submitRequest(clerkOf(lixia), withSibling, { basedOnRevision: 1 }), 422);
    expect((refused.issues as { ruleId: string; rowKey: string }[]).map((issue) => `${issue.ruleId} ${issue.rowKey}`)).toContain(`T03 ${shizhong.code}`);

    // Nor may it submit for its sibling or its prefecture.
    await expectProblem(await submitRequest(clerkOf(lixia), countyReport(shizhong)), 403);
    await expectProblem(await submitRequest(clerkOf(lixia), { ...prefectureReport }), 403);
  });

  it("gets the county's template: one row per grid sheet, the county's identity in _meta", async () => {
    const response = await api(`/periods/2019/units/${huaiyin.code}/template.xlsx`, bearer(clerkOf(huaiyin)));
    expect(response.status).toBe(200);
    const { report } = readReportWorkbookContents(new Uint8Array(await response.arrayBuffer()), { formSetOf });
    expect(report.unitCode).toBe(huaiyin.code);
    expect(report.sheets["教扶01"]?.map((row) => row.key)).toEqual([huaiyin.code]);
  });
});

describe("the prefecture over its counties", () => {
  it("sets a county deadline no later than its own, and sees 逾期 for counties that have not reported by it", async () => {
    const unknown = await expectProblem(await api("/periods/2019", jsonRequest("PATCH", { levelDeadlines: { town: "2019-12-20" } }, admin.token)), 400);
    expect(unknown.errors?.[0]).toMatchObject({ field: "levelDeadlines.town", code: "unknown_level" });
    const late = await expectProblem(
      await api("/periods/2019", jsonRequest("PATCH", { deadline: "2020-01-31", levelDeadlines: { county: "2020-02-10" } }, admin.token)),
      422,
    );
    expect(late.errors?.[0]).toMatchObject({ field: "levelDeadlines.county", code: "after_period_deadline" });

    const updated = await api("/periods/2019", jsonRequest("PATCH", { deadline: "2999-12-31", levelDeadlines: { county: "2020-01-15" } }, admin.token));
    expect(((await updated.json()) as { levelDeadlines: Record<string, string> }).levelDeadlines).toEqual({ county: "2020-01-15" });
    expect(await auditActions("period:2019")).toContain("period.update");

    const view = await completeness();
    expect(view).toMatchObject({ unitCode: jinan.code, level: "county", deadline: "2020-01-15" });
    expect(view.units.map((unit) => unit.unitCode)).toEqual(jinan.children.map((county) => county.code));
    // 历下区 reported (above); 槐荫区 has not, and the county deadline has passed though the prefecture's has not.
    expect(statusOf(view, lixia)).toMatchObject({ status: "已报", revision: 1, overdue: false });
    expect(statusOf(view, huaiyin)).toMatchObject({ status: "逾期", revision: 0, overdue: true });

    await api("/periods/2019", jsonRequest("PATCH", { levelDeadlines: { county: null } }, admin.token));
    expect((await completeness()).deadline).toBe("2999-12-31");
  });

  it("reviews a county: the prefecture's clerk returns it with a cell pinned, and the return drops it out of the merge until resubmitted", async () => {
    await submitOk(clerkOf(shizhong), countyReport(shizhong));
    let view = await merged();
    expect(view.provenance.map((entry) => entry.unitCode)).toEqual([lixia.code, shizhong.code]);
    expect(view.missingUnits).toContain(huaiyin.code);
    expect(view.returnedUnits).toEqual([]);
    expect(view.notAccepted).toEqual([lixia.code, shizhong.code]);
    expect(view.report.sheets["教扶01"]?.map((row) => row.key)).toEqual([lixia.code, shizhong.code]);

    const cell = { sheetCode: "教扶05", cell: "D6" };
    const returned = await review(prefectureClerk.token, "2019", shizhong.code, 1, { action: "return", comment: "请核实结对学校数", cells: [cell] });
    expect(returned.status).toBe(200);
    expect(await auditActions(`period:2019/prefecture:${shizhong.code}`)).toContain("submission.return");
    expect(statusOf(await completeness(), shizhong)?.status).toBe("退回");
    view = await merged();
    expect(view.provenance.map((entry) => entry.unitCode)).toEqual([lixia.code]);
    expect(view.missingUnits).toContain(shizhong.code);
    // Returned, told apart from the counties that never submitted (槐荫区 and the rest).
    expect(view.returnedUnits).toEqual([shizhong.code]);

    await submitOk(clerkOf(shizhong), countyReport(shizhong, reportOf(jinan, 2)), { basedOnRevision: 1, resubmissionReason: "已核实更正" });
    view = await merged();
    expect(view.provenance.map((entry) => [entry.unitCode, entry.revision])).toEqual([
      [lixia.code, 1],
      [shizhong.code, 2],
    ]);
  });

  it("merges every county's report back into the prefecture's, and the province's totals count only prefectures", async () => {
    const rest = jinanUnit.children.filter((county) => ![lixia, shizhong, huaiyin].includes(county));
    const clerks = await Promise.all(rest.map((county) => createToken("clerk", county.code)));
    await submitOk(clerkOf(huaiyin), countyReport(huaiyin));
    for (const [index, county] of rest.entries()) await submitOk((clerks[index] as TestToken).token, countyReport(county));
    // 市中区 resubmitted another seed's figures above; with its first figures back the merge is the prefecture's report.
    await submitOk(clerkOf(shizhong), countyReport(shizhong), { basedOnRevision: 2 });

    const view = await merged();
    expect(view.missingUnits).toEqual([]);
    const { 封面: _cover, ...expectedSheets } = prefectureReport.sheets;
    const { 封面: _none, ...mergedSheets } = view.report.sheets;
    expect(canonicalJson({ ...view.report, sheets: mergedSheets })).toBe(canonicalJson({ ...prefectureReport, sheets: expectedSheets }));

    // The same as a workbook: the counties' rows, ready for the prefecture's clerk to check and submit.
    const workbook = await api(`/periods/2019/units/${jinan.code}/merged.xlsx`, bearer(prefectureClerk.token));
    expect(workbook.status).toBe(200);
    const fromWorkbook = readReportWorkbookContents(new Uint8Array(await workbook.arrayBuffer()), { formSetOf }).report;
    expect(fromWorkbook.sheets["教扶04"]?.map((row) => row.values)).toEqual(prefectureReport.sheets["教扶04"]?.map((row) => row.values));

    // Counties' revisions are no prefecture's: the province's consolidation still misses 济南.
    const consolidated = (await (await api("/periods/2019/consolidated", bearer(province.token))).json()) as {
      missingPrefectures: string[];
      provenance: unknown[];
    };
    expect(consolidated.provenance).toEqual([]);
    expect(consolidated.missingPrefectures).toContain(jinan.code);

    // The prefecture submits the merged report with its own cover: one revision of 济南, as before counties reported.
    const receipt = await submitOk(prefectureClerk.token, { ...view.report, sheets: { ...view.report.sheets, 封面: prefectureReport.sheets["封面"] ?? [] } });
    expect(receipt.revision).toBe(1);
    const after = (await (await api("/periods/2019/consolidated", bearer(province.token))).json()) as {
      missingPrefectures: string[];
      provenance: { unitCode: string; sources: { unitCode: string; revision: number | null }[] | null }[];
    };
    expect(after.missingPrefectures).not.toContain(jinan.code);
    // Drill-down: from the province's totals to 济南's revision to the county revisions behind its rows.
    expect(after.provenance.find((entry) => entry.unitCode === jinan.code)?.sources?.map((source) => source.unitCode)).toEqual(
      jinanUnit.children.map((county) => county.code),
    );
    // The province's workbook carries the drill-down too: 各县来源, one row per county of 济南's revision.
    const provinceWorkbook = readXlsx(new Uint8Array(await (await api("/periods/2019/consolidated.xlsx", bearer(province.token))).arrayBuffer()));
    const countySources = provinceWorkbook.sheets.find((sheet) => sheet.name === COUNTY_SOURCES_SHEET_NAME)!;
    const countyRows = jinanUnit.children.map((_, index) => ["A", "D", "E", "F", "G"].map((column) => countySources.cells.get(`${column}${index + 2}`)?.value));
    expect(countyRows[0]).toEqual([jinan.code, lixia.code, lixia.name, 1, "该县第 1 版"]);
    expect(countyRows.map((row) => row[1])).toEqual(jinanUnit.children.map((county) => county.code));
    const stored = await env.DB.prepare("SELECT count(*) AS n FROM submissions WHERE unit_code = ?").bind(jinan.code).first<{ n: number }>();
    expect(stored?.n).toBe(1);
    // The revision says, and the audit log records, which county revision each county's rows came from.
    const detail = (await (await api(`/periods/2019/units/${jinan.code}/submissions/1`, bearer(province.token))).json()) as {
      sources: { unitCode: string; revision: number | null }[];
    };
    expect(detail.sources).toEqual(jinanUnit.children.map((county) => ({ unitCode: county.code, revision: county === shizhong ? 3 : 1 })));
    const audit = await env.DB.prepare("SELECT detail FROM audit_log WHERE action = 'submission.create' AND target = ?")
      .bind(`period:2019/prefecture:${jinan.code}`)
      .first<{ detail: string }>();
    expect(JSON.parse(audit?.detail ?? "{}").sources).toEqual(detail.sources);
  });

  it("tells the prefecture its report is out of date when a county moves on: which county, its 合计 changes; a return clears the rows", async () => {
    expect((await merged()).staleness).toEqual({ revision: 1, children: [], totals: [], keptUnits: [] });
    // 市中区 resubmits other figures after 济南's revision 1 was built from its revision 3.
    await submitOk(clerkOf(shizhong), countyReport(shizhong, reportOf(jinan, 5)), { basedOnRevision: 3 });
    let view = await merged();
    expect(view.staleness?.children).toEqual([{ unitCode: shizhong.code, was: 3, now: 4, change: "resubmitted" }]);
    const changed = view.staleness?.totals.find((total) => total.sheetCode === "教扶01");
    expect(changed).toBeDefined();
    // Before: 济南's revision 1's 合计; after: the merge now (市中区's revision 4 in its row).
    const total = view.report.sheets["教扶01"]?.reduce((sum, row) => sum + Number(row.values[changed!.fieldCode] ?? 0), 0);
    expect(changed?.after).toBe(total);
    expect(changed?.before).not.toBe(changed?.after);
    // The province, reading 济南's merge for its review card, sees the same.
    const provinceView = (await (await api(`/periods/2019/units/${jinan.code}/merged`, bearer(province.token))).json()) as Merged;
    expect(provinceView.staleness?.children.map((child) => child.unitCode)).toEqual([shizhong.code]);

    // Returned with none accepted: 市中区 has nothing included, its rows are cleared for the clerk to type.
    expect((await review(prefectureClerk.token, "2019", shizhong.code, 4, { action: "return", comment: "请核实" })).status).toBe(200);
    view = await merged();
    expect(view.staleness?.children).toEqual([{ unitCode: shizhong.code, was: 3, now: null, change: "returned" }]);
    const rebuilt = readReportWorkbookContents(
      new Uint8Array(await (await api(`/periods/2019/units/${jinan.code}/merged.xlsx`, bearer(prefectureClerk.token))).arrayBuffer()),
      { formSetOf },
    ).report;
    expect(rebuilt.sheets["教扶01"]?.find((row) => row.key === shizhong.code)?.values).toSatisfy((values: Record<string, unknown> | undefined) =>
      Object.values(values ?? {}).every((value) => value === null || value === ""),
    );
  });

  it("mixed rollout: rows of counties that do not use the system are the prefecture clerk's, marked as such", async () => {
    const qingdao = tree.unit("370200") as ReportingUnit;
    const [first] = qingdao.children as [ReportingUnit];
    const qingdaoReport = reportOf(reportingTree.unit(qingdao.code)!);
    const countyClerk = await createToken("clerk", first.code);
    await submitOk(countyClerk.token, childReportOf(currentFormSet, qingdaoReport, first, { cover: qingdaoReport.sheets["封面"]?.[0] }));
    const qingdaoClerk = await createToken("clerk", qingdao.code);
    // The prefecture's clerk typed every other county's row (and kept the first county's as it sent them).
    await submitOk(qingdaoClerk.token, qingdaoReport);
    const detail = (await (await api(`/periods/2019/units/${qingdao.code}/submissions/1`, bearer(qingdaoClerk.token))).json()) as {
      sources: { unitCode: string; revision: number | null }[];
    };
    expect(detail.sources).toEqual(qingdao.children.map((county) => ({ unitCode: county.code, revision: county === first ? 1 : null })));
    // A second county reports after 青岛's revision: its typed rows are out of date, the rest are kept by a rebuild.
    const second = qingdao.children[1] as ReportingUnit;
    const secondClerk = await createToken("clerk", second.code);
    await submitOk(
      secondClerk.token,
      childReportOf(currentFormSet, reportOf(reportingTree.unit(qingdao.code)!, 7), second, { cover: qingdaoReport.sheets["封面"]?.[0] }),
    );
    const view = (await (await api(`/periods/2019/units/${qingdao.code}/merged`, bearer(qingdaoClerk.token))).json()) as Merged;
    expect(view.staleness?.children).toEqual([{ unitCode: second.code, was: null, now: 1, change: "submitted" }]);
    expect(view.staleness?.keptUnits).toEqual(qingdao.children.slice(2).map((county) => county.code));
    // A county's own revision has no units below it.
    const countyDetail = (await (await api(`/periods/2019/units/${first.code}/submissions/1`, bearer(countyClerk.token))).json()) as { sources: unknown };
    expect(countyDetail.sources).toBeNull();
  });

  it("a county has no units reporting to it", async () => {
    await expectProblem(await api(`/periods/2019/units/${lixia.code}/merged`, bearer(prefectureClerk.token)), 404);
    await expectProblem(await api(`/periods/2019/units/${lixia.code}/completeness`, bearer(clerkOf(lixia))), 404);
  });
});

describe("locks per level", () => {
  it("a locked period refuses a county (423) until it is unlocked for that county alone; its prefecture stays locked", async () => {
    await openPeriod("2020", "2999-12-31");
    const figures = reportOf(jinan, 1, "2020");
    const post = (path: string, body: unknown) => api(path, jsonRequest("POST", body, admin.token));
    expect((await post("/periods/2020/lock", {})).status).toBe(200);
    await expectProblem(await submitRequest(clerkOf(huaiyin), countyReport(huaiyin, figures), { period: "2020" }), 423);
    expect((await post("/periods/2020/unlock", { unitCode: huaiyin.code, reason: "槐荫区补报" })).status).toBe(200);
    expect((await submitRequest(clerkOf(huaiyin), countyReport(huaiyin, figures), { period: "2020" })).status).toBe(201);
    await expectProblem(await submitRequest(prefectureClerk.token, figures, { period: "2020" }), 423);
    expect(await auditActions(`period:2020/prefecture:${huaiyin.code}`)).toContain("period.unlock");
  });
});
