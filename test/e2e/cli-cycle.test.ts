// The command line against `wrangler dev` and its local D1, as prefecture clerks and province staff
// would use it: tokens and the period, then for all 16 prefectures template → fill (ExcelJS, by the
// workbook's own conventions) → validate → submit, a retried submit, pull, status and review; every
// province total checked against consolidate() and the published figures; LibreOffice opens the
// template, a filled workbook and the pulled workbook and recomputes their formulas to the same values.
import { createHash } from "node:crypto";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { ApiClient } from "../../shared/api/api-client.ts";
import { compareWithPublished } from "../../scripts/demo/published-comparison.ts";
import { demoReports } from "../../scripts/demo/demo-reports.ts";
import { consolidate } from "../../shared/consolidate/consolidate.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { unitLayout, provinceGridRows, workbookLayout } from "../../shared/layout/workbook-layout.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { fillTemplateWithExcelJS } from "../support/exceljs-fill.ts";
import { skipWithoutLibreOffice } from "../support/libreoffice.ts";
import { expectRecomputedEqualsEngine, recomputedByLibreOffice } from "../support/libreoffice-recomputed.ts";
import { consolidatedAsRevisionOne } from "../support/consolidated-reports.ts";
import { tianbao } from "./run-tianbao.ts";
import { useWranglerDev } from "./wrangler-dev-fixture.ts";
import { pdfBytes } from "../support/stamped-copy-files.ts";

const period = "2019";
const reports = demoReports(currentFormSet, reportingTree);
const consolidated = consolidatedAsRevisionOne(reports, "submitted", period);
const jinan = reportingTree.unit("370100")!;
const skipLibreOffice = skipWithoutLibreOffice("the CLI test's LibreOffice check of the template, a filled workbook and the pulled workbook");

/** Runs a few at a time: each `npx tianbao` is its own Node process. */
async function inBatches<T, R>(items: T[], size: number, work: (item: T) => Promise<R>): Promise<R[]> {
  const results: R[] = [];
  for (let start = 0; start < items.length; start += size) results.push(...(await Promise.all(items.slice(start, start + size).map(work))));
  return results;
}

const dev = useWranglerDev();
const dir = mkdtempSync(join(tmpdir(), "tianbao-cli-cycle-"));
const tokens = { admin: "", province: "", clerks: new Map<string, string>() };
const as = (token: string) => ({ TIANBAO_SERVER: dev.baseUrl, TIANBAO_TOKEN: token });
const workbookOf = (unitCode: string) => join(dir, `${unitCode}.xlsx`);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the tianbao command through a reporting period", () => {
  it("creates the first admin token in the local D1, opens the period, and creates a province token on the server", async () => {
    const admin = await tianbao(["token", "create", "--role", "admin", "--local", "--persist-to", dev.persistTo, "--json"]);
    expect(admin.exitCode, admin.stderr).toBe(0);
    tokens.admin = JSON.parse(admin.stdout).token;

    const opened = await tianbao(["period", "open", period, "--deadline", "2999-12-31"], as(tokens.admin));
    expect(opened.exitCode, opened.stderr).toBe(0);
    expect(opened.stdout).toContain("2999-12-31");

    const province = await tianbao(["token", "create", "--role", "province", "--name", "省审核员", "--json"], as(tokens.admin));
    expect(province.exitCode, province.stderr).toBe(0);
    expect(JSON.parse(province.stdout)).toMatchObject({ role: "province", unitCode: null, name: "省审核员" });
    tokens.province = JSON.parse(province.stdout).token;
    // The clerks' tokens in-process: the command's server path is the one just run, and each process costs a second or two.
    const api = new ApiClient(dev.baseUrl, tokens.admin);
    for (const prefecture of reportingTree.root.children) {
      tokens.clerks.set(prefecture.code, (await api.createToken({ role: "clerk", unitCode: prefecture.code, name: `${prefecture.name}填报员` })).token);
    }
  });

  it("for each of the 16 prefectures: template → filled with ExcelJS → validate (exit 0) → submit (revision 1)", async () => {
    await inBatches(reports, 4, async (report) => {
      const template = join(dir, `template-${report.unitCode}.xlsx`);
      const made = await tianbao(["template", "--prefecture", report.unitCode, "--period", period, "-o", template]);
      expect(made.exitCode, made.stderr).toBe(0);
      writeFileSync(workbookOf(report.unitCode), await fillTemplateWithExcelJS(new Uint8Array(readFileSync(template)), report));

      const validated = await tianbao(["validate", workbookOf(report.unitCode), "--json"]);
      expect(validated.exitCode, validated.stdout + validated.stderr).toBe(0);
      const result = JSON.parse(validated.stdout);
      expect(result).toMatchObject({ unitCode: report.unitCode, canSubmit: true, errorCount: 0, unexplainedWarningCount: 0 });
      expect(result.warningCount).toBe(report.explanations?.length ?? 0);

      const submitted = await tianbao(["submit", workbookOf(report.unitCode), "--json"], as(tokens.clerks.get(report.unitCode)!));
      expect(submitted.exitCode, submitted.stderr).toBe(0);
      expect(JSON.parse(submitted.stdout)).toMatchObject({ revision: 1, status: "submitted", repeated: false });
    });
  });

  it("a retried submit of the same workbook returns the first receipt and makes no second revision", async () => {
    const again = await tianbao(["submit", workbookOf(jinan.code), "--json"], as(tokens.clerks.get(jinan.code)!));
    expect(again.exitCode, again.stderr).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ revision: 1, repeated: true });
    const status = await tianbao(["status", "--period", period, "--json"], as(tokens.clerks.get(jinan.code)!));
    expect(JSON.parse(status.stdout)).toEqual([
      {
        prefecture: jinan.code,
        status: "已报",
        overdue: false,
        late: false,
        revision: 1,
        submittedAt: expect.any(String),
        stampedCopy: "未盖章",
        reminders: { count: 0, lastAt: null },
        waitingOn: [],
      },
    ]);
  });

  it("the Jinan clerk attaches the signed and stamped copy with tianbao attach; the province reads it back; bad files are refused in one line", async () => {
    const clerk = as(tokens.clerks.get(jinan.code)!);
    const pdf = Buffer.from(pdfBytes);
    writeFileSync(join(dir, "盖章件.pdf"), pdf);
    writeFileSync(join(dir, "fake.pdf"), "<!DOCTYPE html><html><body>not a scan</body></html>");
    writeFileSync(join(dir, "empty.pdf"), "");

    const fake = await tianbao(["attach", join(dir, "fake.pdf"), "--period", period], clerk);
    expect(fake.exitCode).toBe(1);
    expect(fake.stderr.trim().split("\n")).toEqual([
      expect.stringMatching(/^HTTP 415 文件内容不是完整的 PDF、JPEG 或 PNG.* \/ The file's content is not a whole PDF/),
    ]);
    const empty = await tianbao(["attach", join(dir, "empty.pdf"), "--period", period], clerk);
    expect(empty.exitCode).toBe(1);
    expect(empty.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^HTTP 400 上传的文件为空/)]);

    const attached = await tianbao(["attach", join(dir, "盖章件.pdf"), "--period", period, "--json"], clerk);
    expect(attached.exitCode, attached.stderr).toBe(0);
    const sha256 = createHash("sha256").update(pdf).digest("hex");
    expect(JSON.parse(attached.stdout)).toMatchObject({
      revision: 1,
      sequence: 1,
      sha256,
      sizeBytes: pdf.length,
      mediaType: "application/pdf",
      fileName: "盖章件.pdf",
    });

    const attachments = await new ApiClient(dev.baseUrl, tokens.province).attachments(period, jinan.code, 1);
    expect(attachments.map((attachment) => attachment.sha256)).toEqual([sha256]);
    const status = await tianbao(["status", "--period", period, "--json"], clerk);
    expect(JSON.parse(status.stdout)).toMatchObject([{ prefecture: jinan.code, stampedCopy: "已盖章" }]);
    const download = await fetch(`${dev.baseUrl}/api/v1/periods/${period}/units/${jinan.code}/submissions/1/attachments/1`, {
      headers: { Authorization: `Bearer ${tokens.province}` },
    });
    expect(download.headers.get("Content-Type")).toBe("application/pdf");
    expect(Buffer.from(await download.arrayBuffer())).toEqual(pdf);
  });

  it("pulls the totals as JSON and as the province workbook: every province total equals consolidate() and the published figures", async () => {
    const json = await tianbao(["pull", "--period", period, "--json"], as(tokens.province));
    expect(json.exitCode, json.stderr).toBe(0);
    const pulled = JSON.parse(json.stdout);
    for (const sheet of currentFormSet.sheets.filter((candidate) => candidate.kind !== "cover")) {
      const province = (rows: { level: string; values: Record<string, number | null> }[]) => rows.find((row) => row.level === "province")!.values;
      expect(province(pulled.sheets[sheet.code]), sheet.code).toEqual(province(consolidated.sheets[sheet.code]!));
    }
    const figures = compareWithPublished(currentFormSet, pulled.sheets);
    expect(figures.filter((figure) => !figure.equal)).toEqual([]);
    expect(figures.length).toBeGreaterThan(50);

    const xlsx = await tianbao(["pull", "--period", period, "-o", join(dir, "province.xlsx")], as(tokens.province));
    expect(xlsx.exitCode, xlsx.stderr).toBe(0);
    expect(readFileSync(join(dir, "province.xlsx")).subarray(0, 2).toString()).toBe("PK");
  });

  it("status lists all 16 as the issue specifies; the province accepts one with review", async () => {
    const reviewed = await tianbao(["review", "--period", period, "--prefecture", jinan.code, "accept"], as(tokens.province));
    expect(reviewed.exitCode, reviewed.stderr).toBe(0);
    const status = await tianbao(["status", "--period", period, "--json"], as(tokens.province));
    const rows = JSON.parse(status.stdout) as { prefecture: string; status: string; revision: number; submittedAt: string }[];
    expect(rows.map((row) => row.prefecture)).toEqual(reportingTree.root.children.map((prefecture) => prefecture.code));
    expect(rows.map((row) => [row.status, row.revision])).toEqual(
      reportingTree.root.children.map((prefecture) => [prefecture.code === jinan.code ? "通过" : "已报", 1]),
    );
    for (const row of rows)
      expect(Object.keys(row)).toEqual(["prefecture", "status", "overdue", "late", "revision", "submittedAt", "stampedCopy", "reminders", "waitingOn"]);
  });

  it("explains the server's refusals in one line: a resubmission without --reason (422), a locked period (423)", async () => {
    const clerk = as(tokens.clerks.get(jinan.code)!);
    const changed = structuredClone(reports.find((report) => report.unitCode === jinan.code)!);
    changed.sheets["教扶04"]![0]!.values.E04_VOL = 7;
    writeFileSync(workbookOf("changed"), await fillTemplateWithExcelJS(new Uint8Array(readFileSync(join(dir, `template-${jinan.code}.xlsx`))), changed));

    const noReason = await tianbao(["submit", workbookOf("changed")], clerk);
    expect(noReason.exitCode).toBe(1);
    expect(noReason.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^HTTP 422 修订 1 已通过审核.*--reason/)]);
    const withReason = await tianbao(["submit", workbookOf("changed"), "--reason", "更正志愿者人数", "--json"], clerk);
    expect(withReason.exitCode, withReason.stderr).toBe(0);
    expect(JSON.parse(withReason.stdout)).toMatchObject({ revision: 2, repeated: false });

    expect((await tianbao(["period", "lock", period], as(tokens.admin))).exitCode).toBe(0);
    const locked = await tianbao(["submit", workbookOf("changed"), "--reason", "再次更正"], clerk);
    expect(locked.exitCode).toBe(1);
    expect(locked.stderr.trim().split("\n")).toEqual([expect.stringMatching(/^HTTP 423 报告期 2019 已锁定.*请联系管理员解锁/)]);
  });

  it.skipIf(skipLibreOffice)(
    "LibreOffice opens the template, the ExcelJS-filled workbook and the pulled workbook, and recomputes their formulas to the engine's values",
    () => {
      const template = recomputedByLibreOffice(dir, "lo-template.xlsx", new Uint8Array(readFileSync(join(dir, `template-${jinan.code}.xlsx`))));
      const layout = unitLayout(currentFormSet, jinan, period);
      expect([...template.keys()].sort()).toEqual([...layout.sheets.map((sheet) => sheet.name), "说明", "_meta", "_prev"].sort());

      const jinanOnly = consolidate(currentFormSet, reportingTree.root, period, [
        { report: reports.find((report) => report.unitCode === jinan.code)!, provenance: consolidated.provenance[0]! },
      ]);
      const filled = recomputedByLibreOffice(dir, "lo-filled.xlsx", new Uint8Array(readFileSync(workbookOf(jinan.code))));
      expect(expectRecomputedEqualsEngine(filled, layout, jinanOnly, ["total"])).toBeGreaterThan(100);

      const province = recomputedByLibreOffice(dir, "lo-province.xlsx", new Uint8Array(readFileSync(join(dir, "province.xlsx"))));
      const provinceLayout = workbookLayout(currentFormSet, reportingTree.root, period, provinceGridRows(reportingTree.root), { consolidated: true });
      expect(expectRecomputedEqualsEngine(province, provinceLayout, consolidated, ["province", "prefecture"])).toBeGreaterThan(1000);
    },
  );
});
