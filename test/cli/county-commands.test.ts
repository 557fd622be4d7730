// The county commands in-process against a fake server (fetch stubbed): submit a county's workbook,
// its template from the server, status --unit, review of a county, and merge (cover, outputs, submit).
import { samplePeriod } from "../support/sample-period.ts";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { MergedReport, UnitCompleteness } from "../../shared/api/api-client.ts";
import { describeFailure } from "../../cli/cli-error.ts";
import { mergeCommand } from "../../cli/commands/merge.ts";
import { periodCommand } from "../../cli/commands/period.ts";
import { reviewCommand } from "../../cli/commands/review.ts";
import { remindCommand } from "../../cli/commands/remind.ts";
import { statusCommand } from "../../cli/commands/status.ts";
import { submitCommand } from "../../cli/commands/submit.ts";
import { templateCommand } from "../../cli/commands/template.ts";
import { childReportOf, mergeChildReports } from "../../shared/consolidate/merge-unit-reports.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import type { ReportData } from "../../shared/report/report-data.ts";

import { readReportWorkbookContents } from "../../shared/workbook/read-report.ts";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import { mergedWorkbookInput } from "../../shared/workbook/merged-workbook.ts";
import { SOURCES_SHEET_NAME } from "../../shared/workbook/sources-sheet.ts";
import { readXlsx } from "../../shared/xlsx/read-xlsx.ts";
import { formSetOf } from "../../shared/forms/form-set.ts";
import { sampleReport } from "../support/sample-report.ts";

const dir = mkdtempSync(join(tmpdir(), "tianbao-county-commands-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const tree = reportingTree;
const jinan = tree.unit("370100")!;
const lixia = tree.unit("370102")!;
const jinanReport = sampleReport(reportingTree.unit("370100")!, { listRows: 24 });
const cover = jinanReport.sheets["封面"]![0]!;
const countyReports = jinan.children.map((county) => childReportOf(currentFormSet, jinanReport, county, { cover }));
const lixiaReport = countyReports[0]!;
const server = "http://fake.test";

/** A request the fake server got: method, path below /api/v1, JSON body and headers. */
interface Received {
  method: string;
  path: string;
  body: unknown;
  headers: Headers;
}
let received: Received[];
let answers: Record<string, (request: Received) => { status?: number; json?: unknown; bytes?: Uint8Array }>;
let out: string[];
let err: string[];

async function run(command: { run(args: string[]): Promise<number> }, args: string[]) {
  out = [];
  err = [];
  const exitCode = await command.run([...args, "--server", server, "--token", "t"]).catch((error: unknown) => {
    const failure = describeFailure(error);
    err.push(failure.line);
    return failure.exitCode;
  });
  return { exitCode, stdout: out.join("\n"), stderr: err.join("\n") };
}

beforeEach(() => {
  received = [];
  answers = {};
  vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, "error").mockImplementation((line: string) => void err.push(line));
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    const path = new URL(url).pathname.replace(/^\/api\/v1/, "");
    const request: Received = {
      method: init.method ?? "GET",
      path,
      body: typeof init.body === "string" ? JSON.parse(init.body) : undefined,
      headers: new Headers(init.headers),
    };
    received.push(request);
    const answer = answers[`${request.method} ${path}`]?.(request);
    if (!answer) return Response.json({ title: "not found", detail: `no fake answer for ${request.method} ${path}` }, { status: 404 });
    return answer.bytes
      ? new Response(answer.bytes as Uint8Array<ArrayBuffer>, { status: answer.status ?? 200 })
      : Response.json(answer.json, { status: answer.status ?? 200 });
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const receipt = (unitCode: string, revision: number) => ({
  submissionId: String(revision),
  unitCode: unitCode,
  period: "2019",
  revision,
  status: "submitted",
  submittedAt: "2020-01-10T08:00:00.000Z",
  sha256: "ab".repeat(32),
});

/** The fake server's submissions of one unit: none yet, then what was posted. */
function acceptSubmissions(unitCode: string) {
  answers[`GET /periods/2019/units/${unitCode}/submissions`] = () => ({ json: { submissions: [] } });
  answers[`POST /periods/2019/units/${unitCode}/submissions`] = () => ({ status: 201, json: receipt(unitCode, 1) });
}

const merged = (reports: ReportData[], returnedUnits: string[] = [], staleness: MergedReport["staleness"] = null): MergedReport => {
  const { report } = mergeChildReports(currentFormSet, jinan, reports);
  const included = new Set(reports.map((entry) => entry.unitCode));
  return {
    unitCode: jinan.code,
    period: "2019",
    report: { ...report, explanations: report.explanations ?? [] },
    provenance: reports.map((entry, index) => ({
      unitCode: entry.unitCode,
      submissionId: String(index + 1),
      revision: 1,
      status: "accepted",
      submittedAt: "2020-01-10T08:00:00.000Z",
    })),
    missingUnits: jinan.children.filter((county) => !included.has(county.code)).map((county) => county.code),
    returnedUnits,
    notAccepted: [],
    staleness,
  };
};

describe("the command line for counties", () => {
  it("submits a county's workbook to the county's path with an idempotency key, and prints the receipt", async () => {
    const file = join(dir, "lixia.xlsx");
    writeFileSync(file, renderReportTemplate({ formSet: currentFormSet, unit: lixia, period: "2019", report: lixiaReport }));
    acceptSubmissions(lixia.code);
    const submitted = await run(submitCommand, [file]);
    expect(submitted.exitCode, submitted.stderr).toBe(0);
    expect(submitted.stdout.split("\n")[0]).toBe("已报送 / submitted: 济南市历下区 2019 修订 / revision 1");
    // Who reviews it now, from the tree: the county's prefecture, never the province.
    expect(submitted.stdout.split("\n")[2]).toBe("等待市级审核(济南市) / awaiting review by the prefecture (Jinan)");
    const post = received.find((request) => request.method === "POST")!;
    expect(post.path).toBe("/periods/2019/units/370102/submissions");
    expect(post.headers.get("Idempotency-Key")).toMatch(/^[0-9a-f]{64}$/);
    expect(post.body).toMatchObject({ basedOnRevision: null, report: { unitCode: "370102", period: "2019" } });
  });

  it("takes a county's template from the server (its _prev read back), and renders it here with --local", async () => {
    const previous = { ...lixiaReport, period: "2018" };
    const served = renderReportTemplate({ formSet: currentFormSet, unit: lixia, period: "2019", previous });
    answers["GET /periods/2019/units/370102/template.xlsx"] = () => ({ bytes: served });
    const file = join(dir, "lixia-template.xlsx");
    const fetched = await run(templateCommand, ["--unit", "370102", "--period", "2019", "-o", file]);
    expect(fetched.exitCode, fetched.stderr).toBe(0);
    expect(fetched.stderr).toContain("含 2018 年通过数(_prev)");
    expect(new Uint8Array(readFileSync(file))).toEqual(served);
  });

  it("status --unit lists the prefecture's counties; without --unit it is the province's table as before", async () => {
    const state = (code: string, status: "未报" | "通过") => ({
      unitCode: code,
      name: tree.unit(code)!.name,
      status,
      overdue: false,
      late: false,
      revision: status === "通过" ? 1 : 0,
      submittedAt: status === "通过" ? "2020-01-10T08:00:00.000Z" : null,
      latestStatus: status === "通过" ? ("accepted" as const) : null,
      stampedCopy: status === "通过" ? ("未盖章" as const) : null,
      stampedCopySha256: null,
      reminders: { count: 0, lastAt: null },
      waitingOn: [],
    });
    const counties: UnitCompleteness = {
      period: "2019",
      unitCode: "370100",
      level: "county",
      deadline: "2020-01-15",
      units: jinan.children.map((county, index) => state(county.code, index === 0 ? "通过" : "未报")),
    };
    answers["GET /periods/2019/units/370100/completeness"] = () => ({ json: counties });
    answers["GET /periods/2019/units/370100/merged"] = () => ({ json: merged([lixiaReport]) });
    const table = await run(statusCommand, ["--period", "2019", "--unit", "370100"]);
    expect(table.exitCode, table.stderr).toBe(0);
    const lines = table.stdout.split("\n");
    expect(lines[0]).toContain("截止 / deadline 2020-01-15");
    expect(lines).toHaveLength(2 + jinan.children.length);
    expect(lines.at(-1)).toBe("济南市尚未报送,合成后报送 / Jinan has not submitted: merge, then submit");
    expect(lines[1]).toMatch(/^370102 {2}历下区.* {2}通过 {2}修订 \/ revisions 1/);
    const json = await run(statusCommand, ["--period", "2019", "--unit", "370100", "--json"]);
    expect(JSON.parse(json.stdout)[1]).toEqual({
      unit: jinan.children[1]!.code,
      status: "未报",
      overdue: false,
      late: false,
      revision: 0,
      submittedAt: null,
      stampedCopy: null,
      reminders: { count: 0, lastAt: null },
      waitingOn: [],
    });

    answers["GET /periods/2019/completeness"] = () => ({ json: { period: "2019", deadline: "2020-01-31", units: [state("370100", "通过")] } });
    const province = await run(statusCommand, ["--period", "2019", "--json"]);
    expect(JSON.parse(province.stdout)).toEqual([
      {
        prefecture: "370100",
        status: "通过",
        overdue: false,
        late: false,
        revision: 1,
        submittedAt: "2020-01-10T08:00:00.000Z",
        stampedCopy: "未盖章",
        reminders: { count: 0, lastAt: null },
        waitingOn: [],
      },
    ]);

    // 催报: how often the province chased 济南, and which counties hold it up, in the table's line.
    const chased = { ...state("370100", "未报"), overdue: true, reminders: { count: 2, lastAt: "2020-02-03T02:00:00.000Z" }, waitingOn: ["370102", "370103"] };
    answers["GET /periods/2019/completeness"] = () => ({ json: { period: "2019", deadline: "2020-01-31", units: [chased] } });
    const line = (await run(statusCommand, ["--period", "2019"])).stdout.split("\n")[1];
    expect(line).toContain("催报 2 次 / reminded ×2 (2020-02-03 10:00:00)");
    expect(line).toContain("待下级 / waiting on: 济南市历下区、济南市市中区");
  });

  it("remind --late chases every late county of the prefecture with one request, and says who was skipped", async () => {
    const line = (code: string, overdue: boolean) => ({ unitCode: code, overdue });
    answers["GET /periods/2019/units/370100/completeness"] = () => ({
      json: {
        period: "2019",
        unitCode: "370100",
        level: "county",
        deadline: "2020-01-15",
        units: [line("370102", true), line("370103", false), line("370104", true)],
      },
    });
    const sent = (code: string) => ({
      id: 1,
      periodCode: "2019",
      unitCode: code,
      sentAt: "2020-01-20T02:00:00.000Z",
      sentByName: "济南填报员",
      note: "请报送",
      pending: true,
    });
    answers["POST /periods/2019/reminders"] = () => ({ json: { reminded: [sent("370102")], alreadySubmitted: ["370104"] } });
    const result = await run(remindCommand, ["--period", "2019", "--unit", "370100", "--late", "--note", "请报送"]);
    expect(result.exitCode, result.stderr).toBe(0);
    expect(received.find((request) => request.method === "POST")?.body).toEqual({ unitCodes: ["370102", "370104"], note: "请报送" });
    expect(result.stdout.split("\n")).toEqual([
      "已催报 / reminded: 370102 济南市历下区  2020-01-20 10:00:00  附言 / note: 请报送",
      "未催报 / skipped: 370104 济南市槐荫区 已报送 / has submitted",
    ]);
    expect((await run(remindCommand, ["--period", "2019"])).exitCode).toBe(2);
  });

  it("review accepts a county's latest revision on the county's path; an unknown code is a usage error", async () => {
    answers["GET /periods/2019/units/370102/submissions"] = () => ({ json: { submissions: [{ revision: 1 }, { revision: 2 }] } });
    answers["POST /periods/2019/units/370102/submissions/2/review"] = () => ({ json: { revision: 2, status: "accepted" } });
    const reviewed = await run(reviewCommand, ["--period", "2019", "--prefecture", "370102", "accept"]);
    expect(reviewed).toMatchObject({ exitCode: 0, stdout: "已通过 / accepted: 370102 2019 修订 / revision 2" });
    expect(received.at(-1)!.body).toEqual({ action: "accept" });
    expect((await run(reviewCommand, ["--period", "2019", "--prefecture", "379999", "accept"])).exitCode).toBe(2);
  });

  it("merge refuses without the prefecture's cover in one line, and with another unit's workbook", async () => {
    const missing = await run(mergeCommand, ["--period", "2019", "--unit", "370100", "-o", join(dir, "m.json")]);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr.split("\n")[0]).toBe(
      "缺少 济南市 的封面(单位负责人、填表人等):请用 --cover-from 指定 济南市 的工作簿 / Jinan's cover (head of unit, filled by, …) is missing: give --cover-from with a workbook of Jinan",
    );
    const lixiaFile = join(dir, "lixia-cover.xlsx");
    writeFileSync(lixiaFile, renderReportTemplate({ formSet: currentFormSet, unit: lixia, period: "2019", report: lixiaReport }));
    answers["GET /periods/2019/units/370100/merged"] = () => ({ json: merged(countyReports) });
    const wrong = await run(mergeCommand, ["--period", "2019", "--unit", "370100", "--cover-from", lixiaFile, "-o", join(dir, "m.json")]);
    expect(wrong).toMatchObject({ exitCode: 1, stderr: "封面工作簿是 370102 的,不是 370100 济南市 的 / the cover's workbook is 370102's, not 370100 Jinan's" });
    expect((await run(mergeCommand, ["--period", "2019", "--unit", "370102", "--cover-from", lixiaFile, "-o", join(dir, "m.json")])).exitCode).toBe(2);
  });

  it("merge writes the prefecture's workbook with its cover, prints the provenance and the counties missing, and submits it", async () => {
    answers["GET /periods/2019/units/370100/submissions"] = () => ({ json: { submissions: [] } });
    const coverFile = join(dir, "jinan-cover.xlsx");
    writeFileSync(
      coverFile,
      renderReportTemplate({ formSet: currentFormSet, unit: jinan, period: "2019", report: { ...jinanReport, sheets: { 封面: [cover] } } }),
    );
    const withoutLast = countyReports.slice(0, -1);
    answers["GET /periods/2019/units/370100/merged"] = () => ({ json: merged(withoutLast) });
    answers["GET /periods/2019/units/370100/template.xlsx"] = () => ({
      bytes: renderReportTemplate({ formSet: currentFormSet, unit: jinan, period: "2019" }),
    });
    const xlsx = join(dir, "merged.xlsx");
    const written = await run(mergeCommand, ["--period", "2019", "--unit", "370100", "--cover-from", coverFile, "-o", xlsx]);
    expect(written.exitCode, written.stderr).toBe(0);
    const lines = written.stdout.split("\n");
    // Beijing time, as the page shows it.
    expect(lines[0]).toBe("来源 / from 370102 济南市历下区  修订 / revision 1  通过 / accepted  2020-01-10 16:00:00");
    const last = jinan.children.at(-1)!;
    expect(lines.slice(-2)).toEqual(["未纳入 1 个 / missing 1:", `  从未报送 / never submitted: ${last.code} 济南市${last.name}`]);
    const read = readReportWorkbookContents(new Uint8Array(readFileSync(xlsx)), { formSetOf }).report;
    expect(read.sheets["封面"]).toEqual([{ ...cover, key: "370100" }]);
    // The workbook has a row for every county; the missing one's is left blank for the prefecture's clerk.
    const rows = new Map(read.sheets["教扶04"]!.map((row) => [row.key, row.values]));
    expect(rows.get("370102")).toEqual(lixiaReport.sheets["教扶04"]![0]!.values);
    expect(Object.values(rows.get(last.code) ?? {}).filter((value) => value !== null && value !== "")).toEqual([]);

    answers["GET /periods/2019/units/370100/merged"] = () => ({ json: merged(countyReports) });
    acceptSubmissions(jinan.code);
    const submitted = await run(mergeCommand, ["--period", "2019", "--unit", "370100", "--cover-from", coverFile, "--submit"]);
    expect(submitted.exitCode, submitted.stderr).toBe(0);
    expect(submitted.stdout).toContain("下级全部纳入 / every unit below is included");
    expect(submitted.stdout).toContain("已报送 / submitted: 济南市 2019 修订 / revision 1");
    const post = received.find((request) => request.method === "POST")!;
    expect(post.path).toBe("/periods/2019/units/370100/submissions");
    const body = post.body as { report: ReportData };
    expect(body.report.sheets["封面"]).toEqual([{ ...cover, key: "370100" }]);
    expect(body.report.sheets["教扶04"]).toEqual(jinanReport.sheets["教扶04"]!.filter((row) => row.key !== "370100"));
  });

  it("merge -o …xlsx writes the page's merged workbook: the shared merge, 各县来源 telling returned from never submitted, last period's _prev", async () => {
    answers["GET /periods/2019/units/370100/submissions"] = () => ({ json: { submissions: [] } });
    const coverFile = join(dir, "jinan-cover-2.xlsx");
    const own = { ...jinanReport, sheets: { 封面: [cover] }, explanations: [] };
    writeFileSync(coverFile, renderReportTemplate({ formSet: currentFormSet, unit: jinan, period: "2019", report: own }));
    const [returned, never] = jinan.children.slice(-2).map((county) => county.code) as [string, string];
    const answer = merged(countyReports.slice(0, -2), [returned]);
    answers["GET /periods/2019/units/370100/merged"] = () => ({ json: answer });
    const previous = { ...jinanReport, period: "2018" };
    answers["GET /periods/2019/units/370100/template.xlsx"] = () => ({
      bytes: renderReportTemplate({ formSet: currentFormSet, unit: jinan, period: "2019", previous }),
    });
    const xlsx = join(dir, "merged-page.xlsx");
    const written = await run(mergeCommand, ["--period", "2019", "--prefecture", "370100", "--cover-from", coverFile, "-o", xlsx]);
    expect(written.exitCode, written.stderr).toBe(0);
    expect(written.stdout.split("\n").slice(-3)).toEqual([
      "未纳入 2 个 / missing 2:",
      `  已退回,未重报 / returned, not resubmitted: ${returned} 济南市${tree.unit(returned)!.name}`,
      `  从未报送 / never submitted: ${never} 济南市${tree.unit(never)!.name}`,
    ]);
    const bytes = new Uint8Array(readFileSync(xlsx));
    // The Worker's GET …/merged.xlsx renders mergedWorkbookInput too: the same function, the same file.
    const readBack = readReportWorkbookContents(bytes, { formSetOf });
    const expected = mergedWorkbookInput({
      formSet: currentFormSet,
      unit: jinan,
      period: "2019",
      merged: answer,
      own: readReportWorkbookContents(new Uint8Array(readFileSync(coverFile)), { formSetOf }).report,
      previous: readBack.previous,
    });
    expect(bytes).toEqual(renderReportTemplate(expected));
    expect(readBack.previous?.period).toBe("2018");
    const sources = readXlsx(bytes).sheets.find((sheet) => sheet.name === SOURCES_SHEET_NAME);
    const rowOf = (code: string) => 2 + jinan.children.findIndex((county) => county.code === code);
    expect(sources?.cells.get("C2")?.value).toBe("该县第 1 版（锁定，不可改）");
    expect(sources?.cells.get(`C${rowOf(returned)}`)?.value).toBe("由市填报（该县已退回，待其重报）");
    expect(sources?.cells.get(`C${rowOf(never)}`)?.value).toBe("由市填报（该县未报送）");
  });

  it("merge --submit with counties missing names them in a few lines and says how to finish, instead of a line per blank cell", async () => {
    answers["GET /periods/2019/units/370100/submissions"] = () => ({ json: { submissions: [] } });
    const coverFile = join(dir, "jinan-cover-3.xlsx");
    writeFileSync(
      coverFile,
      renderReportTemplate({ formSet: currentFormSet, unit: jinan, period: "2019", report: { ...jinanReport, sheets: { 封面: [cover] } } }),
    );
    const [returned, never] = jinan.children.slice(-2).map((county) => county.code) as [string, string];
    answers["GET /periods/2019/units/370100/merged"] = () => ({ json: merged(countyReports.slice(0, -2), [returned]) });
    const refused = await run(mergeCommand, ["--period", "2019", "--unit", "370100", "--cover-from", coverFile, "--submit"]);
    expect(refused.exitCode).toBe(1);
    const lines = refused.stderr.split("\n");
    expect(lines.length).toBeLessThan(8);
    expect(lines[0]).toBe("缺 2 个下级的数据,其行为空 / 2 units below are missing, their rows blank:");
    expect(lines).toContain(`  已退回,未重报 / returned, not resubmitted: ${returned} 济南市${tree.unit(returned)!.name}`);
    expect(lines).toContain(`  从未报送 / never submitted: ${never} 济南市${tree.unit(never)!.name}`);
    expect(refused.stderr).toContain(
      `完成方法 / to finish: tianbao merge --period 2019 --unit 370100 --cover-from ${coverFile} -o 370100-2019.xlsx,在工作簿中填写上列下级的行`,
    );
    expect(refused.stderr).toContain("tianbao submit 370100-2019.xlsx");
    expect(received.some((request) => request.method === "POST")).toBe(false);
  });

  it("status prints times in Beijing time and marks 迟报; --unit of a county shows the county's own line, for its clerk and for its prefecture's", async () => {
    const lixiaLine = {
      unitCode: "370102",
      name: "历下区",
      status: "已报" as const,
      overdue: false,
      late: true,
      revision: 1,
      submittedAt: "2020-01-16T06:34:10.000Z",
      latestStatus: "submitted" as const,
      stampedCopy: "未盖章" as const,
      stampedCopySha256: null,
      reminders: { count: 0, lastAt: null },
      waitingOn: [],
    };
    // The county clerk: their completeness is their own unit, against the county deadline.
    answers["GET /periods/2019/completeness"] = () => ({ json: { period: "2019", deadline: "2020-01-15", units: [lixiaLine] } });
    const own = await run(statusCommand, ["--period", "2019"]);
    expect(own.stdout.split("\n")).toEqual([
      "报告期 / period 2019  截止 / deadline 2020-01-15",
      "370102  历下区　　  已报 迟报  修订 / revisions 1  未盖章  2020-01-16 14:34:10",
    ]);
    const county = await run(statusCommand, ["--period", "2019", "--unit", "370102"]);
    expect(county.exitCode, county.stderr).toBe(0);
    expect(county.stdout.split("\n")).toEqual([
      "报告期 / period 2019  370102 历下区  截止 / deadline 2020-01-15",
      "370102  历下区　　  已报 迟报  修订 / revisions 1  未盖章  2020-01-16 14:34:10",
    ]);
    expect(received.map((request) => request.path)).not.toContain("/periods/2019/units/370102/completeness");
    // The prefecture's clerk: not in its own completeness, found among the prefecture's counties.
    answers["GET /periods/2019/completeness"] = () => ({ json: { period: "2019", deadline: "2020-01-31", units: [] } });
    answers["GET /periods/2019/units/370100/completeness"] = () => ({
      json: { period: "2019", unitCode: "370100", level: "county", deadline: "2020-01-15", units: [lixiaLine] },
    });
    const fromAbove = await run(statusCommand, ["--period", "2019", "--unit", "370102", "--json"]);
    expect(JSON.parse(fromAbove.stdout)).toEqual([
      {
        unit: "370102",
        status: "已报",
        overdue: false,
        late: true,
        revision: 1,
        submittedAt: "2020-01-16T06:34:10.000Z",
        stampedCopy: "未盖章",
        reminders: { count: 0, lastAt: null },
        waitingOn: [],
      },
    ]);
  });

  it("period deadline sets one level's deadline through PATCH /periods/{code}: the counties' in levelDeadlines, the prefectures' as the period's own", async () => {
    const period = (body: Record<string, unknown>) => ({ ...samplePeriod({ levelDeadlines: { county: "2020-01-15" } }), ...body });
    answers["PATCH /periods/2019"] = (request) => ({ json: period(request.body as Record<string, unknown>) });
    const county = await run(periodCommand, ["deadline", "--level", "county", "2020-01-15", "--period", "2019"]);
    expect(county.exitCode, county.stderr).toBe(0);
    expect(received.at(-1)).toMatchObject({ method: "PATCH", path: "/periods/2019", body: { levelDeadlines: { county: "2020-01-15" } } });
    expect(county.stdout).toBe("已设截止 / deadline set: 2019 截止 / deadlines: 市 / prefecture 2020-01-31  县(市、区) / county 2020-01-15");
    expect((await run(periodCommand, ["deadline", "2020-02-01", "--period", "2019"])).exitCode).toBe(0);
    expect(received.at(-1)?.body).toEqual({ deadline: "2020-02-01" });
    expect((await run(periodCommand, ["deadline", "none", "--level", "county", "--period", "2019"])).exitCode).toBe(0);
    expect(received.at(-1)?.body).toEqual({ levelDeadlines: { county: null } });
    const unknown = await run(periodCommand, ["deadline", "2020-01-15", "--level", "town", "--period", "2019"]);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain("未知的层级 town");
    expect((await run(periodCommand, ["deadline", "2020-01-15"])).exitCode).toBe(2);
  });

  it("merge keeps the rows the prefecture typed in its latest revision for counties still without one, and says so; a county now in replaces them", async () => {
    const coverFile = join(dir, "jinan-cover-4.xlsx");
    writeFileSync(
      coverFile,
      renderReportTemplate({ formSet: currentFormSet, unit: jinan, period: "2019", report: { ...jinanReport, sheets: { 封面: [cover] } } }),
    );
    const [typed, never] = jinan.children.slice(-2) as [typeof jinan, typeof jinan];
    // Revision 1 of 济南: every county typed by its clerk (sources null for the last two), with other figures than the counties'.
    const typedFigures = sampleReport(reportingTree.unit("370100")!, { seed: 9 });
    answers["GET /periods/2019/units/370100/submissions"] = () => ({ json: { submissions: [{ revision: 1 }] } });
    answers["GET /periods/2019/units/370100/submissions/1"] = () => ({
      json: {
        revision: 1,
        report: typedFigures,
        sources: jinan.children.map((county) => ({ unitCode: county.code, revision: county === typed || county === never ? null : 1 })),
      },
    });
    answers["GET /periods/2019/units/370100/merged"] = () => ({ json: merged(countyReports.slice(0, -2)) });
    answers["GET /periods/2019/units/370100/template.xlsx"] = () => ({
      bytes: renderReportTemplate({ formSet: currentFormSet, unit: jinan, period: "2019" }),
    });
    const xlsx = join(dir, "merged-kept.xlsx");
    const written = await run(mergeCommand, ["--period", "2019", "--unit", "370100", "--cover-from", coverFile, "-o", xlsx]);
    expect(written.exitCode, written.stderr).toBe(0);
    expect(written.stdout.split("\n").at(-1)).toBe(
      `沿用本单位第 1 版所填的行 / kept the rows typed in revision 1: ${typed.code} 济南市${typed.name}, ${never.code} 济南市${never.name}`,
    );
    const read = readReportWorkbookContents(new Uint8Array(readFileSync(xlsx)), { formSetOf }).report;
    const rowOf = (code: string) => read.sheets["教扶04"]!.find((row) => row.key === code)?.values;
    const typedRow = typedFigures.sheets["教扶04"]!.find((row) => row.key === typed.code)!.values;
    expect(rowOf(typed.code)).toEqual(typedRow);
    // 历下区 is in with its revision: its row is the county's, not what 济南 had typed.
    expect(rowOf("370102")).toEqual(lixiaReport.sheets["教扶04"]![0]!.values);
    const sources = readXlsx(new Uint8Array(readFileSync(xlsx))).sheets.find((sheet) => sheet.name === SOURCES_SHEET_NAME);
    expect(sources?.cells.get(`C${jinan.children.length + 1}`)?.value).toBe("由市填报（该县未报送；沿用本市第 1 版所填）");
  });

  it("status --unit of a prefecture says its revision is out of date: which counties moved on, the 合计 that change, the command that rebuilds it", async () => {
    const [, shizhong, huaiyin] = jinan.children as [typeof jinan, typeof jinan, typeof jinan];
    answers["GET /periods/2019/units/370100/completeness"] = () => ({
      json: { period: "2019", unitCode: "370100", level: "county", deadline: null, units: [] },
    });
    const staleness = {
      revision: 2,
      children: [
        { unitCode: shizhong.code, was: 1, now: 2, change: "resubmitted" as const },
        { unitCode: huaiyin.code, was: 1, now: null, change: "returned" as const },
      ],
      totals: [{ sheetCode: "教扶01", fieldCode: currentFormSet.sheet("教扶01")!.fields[0]!.code, before: 100, after: 120 }],
      keptUnits: [jinan.children.at(-1)!.code],
    };
    answers["GET /periods/2019/units/370100/merged"] = () => ({ json: merged([lixiaReport], [], staleness) });
    const { stdout, exitCode } = await run(statusCommand, ["--period", "2019", "--unit", "370100"]);
    expect(exitCode).toBe(0);
    const label = currentFormSet.sheet("教扶01")!.fields[0]!.labelZh;
    expect(stdout.split("\n").slice(1)).toEqual([
      "济南市第 2 版已过时,下级有变化 / Jinan's revision 2 is out of date, units below moved on:",
      `  ${shizhong.code} 济南市${shizhong.name}: 第 1 版 / rev 1 → 第 2 版 / rev 2  重报 / resubmitted`,
      `  ${huaiyin.code} 济南市${huaiyin.name}: 第 1 版 / rev 1 → 无 / none  已退回,其行清空待填 / returned, its rows cleared for you to type`,
      `  合计变化 / totals that change: 教扶01 ${label} 100 → 120`,
      "重新合成 / rebuild: tianbao merge --period 2019 --unit 370100 --cover-from 370100-2019.xlsx -o 370100-2019.xlsx  (沿用所填 1 个下级的行 / keeps the rows typed for 1 unit)",
    ]);
  });
});
