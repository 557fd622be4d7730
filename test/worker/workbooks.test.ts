import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { childReportOf } from "../../shared/consolidate/merge-unit-reports.ts";
import { formSetOf } from "../../shared/forms/form-set.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import { diffReports } from "../../shared/report/report-diff.ts";
import { readReportWorkbook } from "../../shared/workbook/read-report.ts";
import { STATUS_SHEET_NAME } from "../../shared/workbook/render-consolidated.ts";
import { readXlsx } from "../../shared/xlsx/read-xlsx.ts";
import { api, bearer, createToken, expectProblem } from "./api-client.ts";
import { withValue } from "../support/sample-report.ts";
import { jinan, openPeriod, qingdao, reportOf, review, submissionsPath, submitOk, usePeriod2019 } from "./submission-client.ts";

const { clerk, province } = usePeriod2019();

const download = async (path: string, token: string) => {
  const response = await api(path, bearer(token));
  expect(response.status).toBe(200);
  expect(response.headers.get("Content-Type")).toBe("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");
  expect(response.headers.get("Content-Disposition")).toMatch(/^attachment; filename="tianbao-[\w-]+\.xlsx"; filename\*=UTF-8''/);
  return new Uint8Array(await response.arrayBuffer());
};

/** The keys of the workbooks kept in R2 under a name (this Worker version's). */
const keptKeys = async (name: string) =>
  (await env.WORKBOOKS.list({ prefix: `${env.CF_VERSION_METADATA.id}/${name}/` })).objects.map((object) => object.key).sort();

describe("workbooks", () => {
  it("are rendered when asked and kept in R2 by what they show: the same state is read back, a new state is a new file", async () => {
    await openPeriod("2013");
    const jinanClerk = (await createToken("clerk", jinan.code)).token;
    const lixiaClerk = (await createToken("clerk", "370102")).token;
    const path = "/periods/2013/consolidated.xlsx";
    const first = await download(path, province.token);
    expect(await keptKeys("consolidated/2013/latest")).toHaveLength(1);
    // Asked again: the kept file, byte for byte, and no second one.
    expect(await download(path, province.token)).toEqual(first);
    expect(await keptKeys("consolidated/2013/latest")).toHaveLength(1);
    // The kept file is what is served: replaced in R2, the next download is the replacement.
    const [key] = await keptKeys("consolidated/2013/latest");
    await env.WORKBOOKS.put(key!, new Uint8Array([1, 2, 3]));
    expect(new Uint8Array(await (await api(path, bearer(province.token))).arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    await env.WORKBOOKS.delete(key!);

    // A county's submit changes nothing the province's workbook shows (its prefecture's revision carries its row): same file.
    await download(path, province.token);
    const county = childReportOf(currentFormSet, reportOf(jinan, 1, "2013"), reportingTree.unit("370102")!, {
      cover: reportOf(jinan, 1, "2013").sheets["封面"]?.[0],
    });
    await submitOk(lixiaClerk, county, { period: "2013" });
    await download(path, province.token);
    expect(await keptKeys("consolidated/2013/latest")).toHaveLength(1);
    // Jinan's submit and then its acceptance each change what it shows: a new file each, the old ones left as they were.
    await submitOk(jinanClerk, reportOf(jinan, 1, "2013"), { period: "2013" });
    const submitted = await download(path, province.token);
    expect(submitted).not.toEqual(first);
    await review(province.token, "2013", jinan.code, 1, { action: "accept" });
    await download(path, province.token);
    expect(await keptKeys("consolidated/2013/latest")).toHaveLength(3);
    // The report workbooks (templates, revisions, merged) are kept the same way.
    await download("/periods/2013/units/370100/submissions/1/workbook.xlsx", jinanClerk);
    await download("/periods/2013/units/370100/submissions/1/workbook.xlsx", jinanClerk);
    expect(await keptKeys("report/2013/370100")).toHaveLength(1);
  });

  it("GET …/template.xlsx: the prefecture's blank workbook, which reads back as an empty report of that prefecture and period", async () => {
    const bytes = await download("/periods/2019/units/370100/template.xlsx", clerk.token);
    const report = readReportWorkbook(bytes, { formSetOf });
    expect(report).toMatchObject({ edition: "323/2019", unitCode: "370100", period: "2019" });
    await expectProblem(await api("/periods/2031/units/370100/template.xlsx", bearer(clerk.token)), 404);
  });

  it("GET /periods/{period}/consolidated.xlsx: form sheets plus 汇总状态 naming each prefecture's revision and status", async () => {
    await submitOk(clerk.token, reportOf(jinan));
    await submitOk((await createToken("clerk", "370200")).token, reportOf(qingdao));
    await review(province.token, "2019", "370100", 1, { action: "accept" });
    const workbook = readXlsx(await download("/periods/2019/consolidated.xlsx", province.token));
    const names = workbook.sheets.map((sheet) => sheet.name);
    expect(names).toEqual(expect.arrayContaining(["教扶01 建档立卡贫困教育人口", STATUS_SHEET_NAME]));
    const statusSheet = workbook.sheets.find((sheet) => sheet.name === STATUS_SHEET_NAME)!;
    const statusText = [...statusSheet.cells.values()].map((cell) => String(cell.value)).join("\n");
    for (const text of ["济南市", "通过", "青岛市", "已报", "淄博市"]) expect(statusText).toContain(text);
    expect(statusText).not.toMatch(/\d{4}-\d\d-\d\dT/); // times in Beijing time, not ISO UTC
  });

  it("汇总状态 comes first and tells each prefecture's true state (通过, 已报, 退回, 未报, 逾期) in Beijing time; every form sheet says who is left out and what is 暂定数", async () => {
    await openPeriod("2017", "2018-01-31"); // its deadline has passed
    const [weifang, jining] = [reportingTree.unit("370700")!, reportingTree.unit("370800")!];
    const clerks = {
      accepted: clerk,
      submitted: await createToken("clerk", "370200"),
      returned: await createToken("clerk", weifang.code),
      late: await createToken("clerk", jining.code),
    };
    await submitOk(clerks.accepted.token, reportOf(jinan, 1, "2017"), { period: "2017" });
    await review(province.token, "2017", jinan.code, 1, { action: "accept" });
    const submitted = await submitOk(clerks.submitted.token, reportOf(qingdao, 1, "2017"), { period: "2017" });
    await submitOk(clerks.returned.token, reportOf(weifang, 1, "2017"), { period: "2017" });
    await review(province.token, "2017", weifang.code, 1, { action: "return", comment: "请核对" });
    const workbook = readXlsx(await download("/periods/2017/consolidated.xlsx", province.token));
    expect(workbook.sheets[0]!.name).toBe(STATUS_SHEET_NAME);
    const cells = workbook.sheets[0]!.cells;
    const rowOf = (code: string) => {
      const index = [...cells.entries()].find(([a1, cell]) => a1.startsWith("A") && cell.value === code)![0].slice(1);
      return ["A", "B", "C", "D", "E", "F", "G", "H", "I"].map((column) => cells.get(`${column}${index}`)?.value);
    };
    const beijing = new Date(Date.parse(submitted.submittedAt) + 8 * 3_600_000).toISOString().slice(0, 19).replace("T", " ");
    expect(rowOf(jinan.code).slice(2, 4)).toEqual([1, "通过"]);
    expect(rowOf(qingdao.code)).toEqual([qingdao.code, qingdao.name, 1, "已报", expect.any(String), beijing, "未盖章", 0, expect.stringMatching(/暂定/)]);
    expect(rowOf(weifang.code)).toEqual([weifang.code, weifang.name, "", "退回", "", "", "", 0, expect.stringMatching(/^已退回/)]);
    expect(rowOf(jining.code).slice(3, 4)).toEqual(["逾期"]);
    expect(rowOf(jining.code)[8]).toMatch(/未报送/);
    const formSheet = workbook.sheets.find((sheet) => sheet.name.startsWith("教扶01"))!;
    const notes = [...formSheet.cells.values()].map((cell) => String(cell.value)).filter((text) => text.startsWith("注:山东省合计"));
    expect(notes).toHaveLength(1);
    expect(notes[0]).toContain(`${weifang.name}(退回)`);
    expect(notes[0]).toContain(`${jining.name}(逾期)`);
    expect(notes[0]).toContain(`所含 ${qingdao.name}第 1 版 尚未审核通过,合计为暂定数`);
    expect(notes[0]).not.toContain(jinan.name);
  });

  it("GET …/submissions/{revision}/workbook.xlsx: the revision's report and explanations, read back unchanged, with last period's accepted figures in _prev", async () => {
    const zibo = reportingTree.unit("370300") as ReportingUnit;
    const ziboClerk = await createToken("clerk", zibo.code);
    await openPeriod("2018");
    await submitOk(ziboClerk.token, reportOf(zibo, 1, "2018"), { period: "2018" });
    await review(province.token, "2018", zibo.code, 1, { action: "accept" });
    const county = zibo.children[0]!.code;
    const report: ReportData = {
      ...withValue(reportOf(zibo), "教扶05", county, "E05_COVERED", 1),
      explanations: [{ ruleId: "R05.2", sheetCode: "教扶05", rowKey: county, fieldCode: "E05_COVERED", text: "部分重点村学校已撤并，无需结对" }],
    };
    await submitOk(ziboClerk.token, report);
    const revision = `${submissionsPath("2019", zibo.code)}/1`;
    const stored = (await (await api(revision, bearer(province.token))).json()) as { report: ReportData };

    for (const token of [province.token, ziboClerk.token]) {
      const bytes = await download(`${revision}/workbook.xlsx`, token);
      const read = readReportWorkbook(bytes, { formSetOf });
      expect(read).toMatchObject({ edition: "323/2019", unitCode: zibo.code, period: "2019" });
      expect(diffReports(currentFormSet, zibo, stored.report, read)).toEqual([]);
      expect(read.explanations).toEqual(report.explanations);
      const previousSheet = (book: Uint8Array) => readXlsx(book).sheets.find((sheet) => sheet.name === "_prev")!.cells;
      const templatePrevious = previousSheet(await download(`/periods/2019/units/${zibo.code}/template.xlsx`, token));
      expect(templatePrevious.size).toBeGreaterThan(100);
      expect(previousSheet(bytes)).toEqual(templatePrevious);
    }
    await expectProblem(await api(`${submissionsPath("2019", zibo.code)}/2/workbook.xlsx`, bearer(province.token)), 404);
  });
});
