// The workbooks print as the official forms: LibreOffice converts the Jinan template, a filled
// revision and the 16-prefecture consolidated workbook to PDF (one run), and poppler's pdftotext
// and pdfinfo read every page back. Each form sheet is one page wide (its first and last column
// headings on every page it has), its title and 表号 block repeat on every page, every page has
// 第 N 页 共 M 页 in the footer with its 表号, and each form ends with the signature line.
import { spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoReports } from "../../../scripts/demo/demo-reports.ts";
import { consolidate } from "../../../shared/consolidate/consolidate.ts";
import { currentFormSet } from "../../support/current-form-set.ts";
import type { LoadedSheet } from "../../../shared/forms/form-set.ts";
import { regionTable } from "../../../shared/regions/region-table.ts";
import { renderConsolidatedWorkbook } from "../../../shared/workbook/render-consolidated.ts";
import { renderReportTemplate } from "../../../shared/workbook/render-template.ts";
import { convertWithLibreOffice, skipWithoutLibreOffice } from "../../support/libreoffice.ts";
import { requireSystemProgram } from "../../support/system-program.ts";
import { acceptedStatusRows } from "../../support/consolidated-reports.ts";

const skipLibreOffice = skipWithoutLibreOffice("the print test (workbooks to PDF)");
const pdftotext = requireSystemProgram(["pdftotext"], "poppler's pdftotext and pdfinfo (the print test reads the PDFs back)", "poppler-utils");
const skip = skipLibreOffice || !pdftotext;

const formSet = currentFormSet;
const jinan = regionTable.prefecture("370100")!;
const reports = demoReports(formSet, regionTable);
const jinanReport = reports.find((report) => report.unitCode === jinan.code)!;
const formSheets = formSet.sheets.filter((sheet) => sheet.kind !== "cover");

/** The page counts docs/paper-trail.md states (A4). */
const expectedPages = { template: 17, filled: 17, province: 11 } as const;
type Workbook = keyof typeof expectedPages;

interface Page {
  text: string;
  landscape: boolean;
}

function pagesOf(pdf: string): Page[] {
  const text = spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  if (text.status !== 0) throw new Error(text.stderr);
  const info = spawnSync("pdfinfo", ["-f", "1", "-l", "1000", pdf], { encoding: "utf8" });
  const sizes = [...info.stdout.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)/gm)].map((match) => Number(match[1]) > Number(match[2]));
  const texts = text.stdout.split("\f").slice(0, sizes.length);
  return texts.map((pageText, index) => ({ text: pageText, landscape: sizes[index] as boolean }));
}

/** The start of a column heading: headings wrap inside their column, so only the first characters are on one line. */
const headingStart = (label: string) => label.slice(0, 5);

const dir = mkdtempSync(join(tmpdir(), "tianbao-print-"));
const pages = {} as Record<Workbook, Page[]>;

beforeAll(() => {
  if (skip) return;
  const consolidated = consolidate(
    formSet,
    regionTable,
    "2019",
    reports.map((report, index) => ({
      report,
      provenance: {
        unitCode: report.unitCode,
        submissionId: String(index),
        revision: 1,
        status: "accepted",
        submittedAt: "2020-01-20T08:00:00.000Z",
      },
    })),
  );
  writeFileSync(join(dir, "template.xlsx"), renderReportTemplate({ formSet, prefecture: jinan, period: "2019" }));
  writeFileSync(join(dir, "filled.xlsx"), renderReportTemplate({ formSet, prefecture: jinan, period: "2019", report: jinanReport }));
  writeFileSync(
    join(dir, "province.xlsx"),
    renderConsolidatedWorkbook({
      formSet,
      regions: regionTable,
      consolidated,
      status: acceptedStatusRows(regionTable, { submittedAt: "2020-01-20T08:00:00.000Z", stampedCopySha256: "5e".repeat(32) }),
    }),
  );
  const run = convertWithLibreOffice(dir, ["template.xlsx", "filled.xlsx", "province.xlsx"], "pdf", "pdf");
  if (run.status !== 0) throw new Error(run.stderr);
  for (const workbook of Object.keys(expectedPages) as Workbook[]) pages[workbook] = pagesOf(join(dir, "pdf", `${workbook}.pdf`));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The pages of one form sheet: those whose footer names its 表号. */
const pagesOfSheet = (workbook: Workbook, sheet: LoadedSheet) =>
  pages[workbook].filter(
    (page) => page.text.includes(`表号:${sheet.definition.formNumber}    第`) || page.text.includes(`表号:${sheet.definition.formNumber} 第`),
  );

describe.skipIf(skip)("the workbooks as LibreOffice prints them (A4)", () => {
  it.each(Object.entries(expectedPages))("%s.pdf has %i pages, each with 第 N 页 共 M 页 in the footer", (workbook, count) => {
    const printed = pages[workbook as Workbook];
    expect(printed.length).toBe(count);
    printed.forEach((page, index) => expect(page.text, `page ${index + 1}`).toMatch(new RegExp(`第 ${index + 1} 页 共 ${count} 页`)));
  });

  it.each(Object.keys(expectedPages))(
    "%s: every form sheet is one page wide, with its title, 表号 block and headings on every page, and ends with the signature line",
    (workbook) => {
      const consolidated = workbook === "province";
      for (const sheet of formSheets) {
        const printed = pagesOfSheet(workbook as Workbook, sheet);
        expect(printed.length, sheet.code).toBeGreaterThan(0);
        const labels =
          consolidated && sheet.kind === "list"
            ? (sheet.definition.consolidatedFields ?? []).map((field) => field.labelZh)
            : sheet.fields.map((field) => field.labelZh);
        const first = sheet.kind === "grid" || consolidated ? "代码" : headingStart(labels[0]!);
        for (const page of printed) {
          expect(page.text, sheet.code).toContain(sheet.definition.titleZh);
          expect(page.text, sheet.code).toContain(`表号:${sheet.definition.formNumber}`);
          expect(page.text, sheet.code).toContain("有效期至");
          // The leftmost and the rightmost heading on the same page: nothing spilled onto a page to the right.
          expect(page.text, `${sheet.code} first column`).toContain(first);
          expect(page.text, `${sheet.code} last column`).toContain(headingStart(labels.at(-1)!));
        }
        const signature = printed.at(-1)!.text.replace(/\s+/g, " ");
        if (workbook === "filled")
          expect(signature, sheet.code).toContain("单位负责人:济南市教育局负责人 统计负责人:济南市统计科长 填表人:济南市填报员 报出日期:2020-01-15");
        else expect(signature, sheet.code).toMatch(/单位负责人:_+ 统计负责人:_+ 填表人:_+ 报出日期:_+/);
      }
    },
  );

  it("orientation follows the form's width: 教扶01 (six fields) landscape, 教扶03 (three) portrait", () => {
    for (const workbook of Object.keys(expectedPages) as Workbook[]) {
      expect(pagesOfSheet(workbook, formSet.sheet("教扶01")!).map((page) => page.landscape)).toEqual([true]);
      expect(pagesOfSheet(workbook, formSet.sheet("教扶03")!).map((page) => page.landscape)).toEqual([false]);
    }
  });

  it("the consolidated workbook prints the province and prefecture rows; the county detail stays grouped (collapsed)", () => {
    const e01 = pagesOfSheet("province", formSet.sheet("教扶01")!)[0]!.text;
    expect(e01).toContain("山东省合计");
    for (const prefecture of regionTable.prefectures) expect(e01).toContain(prefecture.name);
    expect(e01).not.toContain(jinan.counties[0]!.name);
    expect(pages.province.some((page) => page.text.includes("汇总状态"))).toBe(true);
  });

  it("the cover prints on one page without its hidden code column; the print area leaves out the hidden code row", () => {
    const cover = pages.filled[0]!.text;
    expect(cover).toContain("封面 第 1 页");
    expect(cover).toContain("济南市教育局负责人");
    expect(cover).not.toContain("C_HEAD");
    for (const sheet of formSheets) for (const page of pagesOfSheet("filled", sheet)) expect(page.text, sheet.code).not.toMatch(/E0\d_[A-Z]/);
  });
});
