// The workbooks print as the official forms: LibreOffice converts Jinan's blank template, its filled
// revision and the 16-prefecture consolidated workbook as a reviewer meets it mid-period (one run),
// and poppler's pdftotext and pdfinfo read every page back. Each form sheet is one page wide (its
// first and last column headings on every page it has), its title, 表号 block and headings repeat on
// every page, every page has 第 N 页 共 M 页 in the footer with its 表号, each form ends with the
// signature line, no page holds only headings, notes or the signature line, and no text is drawn
// over other text (a wrapped cell's row is as tall as its lines).
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoReports } from "../../../scripts/demo/demo-reports.ts";
import { repoRoot } from "../../../scripts/lib/repo-root.ts";
import { consolidate } from "../../../shared/consolidate/consolidate.ts";
import type { LoadedSheet } from "../../../shared/forms/form-set.ts";
import { provinceGridRows, unitLayout, workbookLayout } from "../../../shared/layout/workbook-layout.ts";
import type { WorkbookLayout } from "../../../shared/layout/workbook-layout.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import { validateReport } from "../../../shared/validate/validate-report.ts";
import { consolidatedWorkbook } from "../../../shared/workbook/render-consolidated.ts";
import type { ConsolidationStatusRow } from "../../../shared/workbook/render-consolidated.ts";
import { reportTemplateWorkbook } from "../../../shared/workbook/render-template.ts";
import { parseA1, toA1 } from "../../../shared/xlsx/cell-address.ts";
import type { XlsxSheet, XlsxWorkbook } from "../../../shared/xlsx/model.ts";
import { writeXlsx } from "../../../shared/xlsx/write-xlsx.ts";
import { currentFormSet } from "../../support/current-form-set.ts";
import { convertWithLibreOffice, skipWithoutLibreOffice } from "../../support/libreoffice.ts";
import { compactText, overprintedWords, pdfWords } from "../../support/pdf-words.ts";
import type { PdfPage } from "../../support/pdf-words.ts";
import { requireSystemProgram } from "../../support/system-program.ts";

const skipLibreOffice = skipWithoutLibreOffice("the print test (workbooks to PDF)");
const pdftotext = requireSystemProgram(["pdftotext"], "poppler's pdftotext and pdfinfo (the print test reads the PDFs back)", "poppler-utils");
const skip = skipLibreOffice || !pdftotext;

const formSet = currentFormSet;
const jinan = reportingTree.unit("370100")!;
const reports = demoReports(formSet, reportingTree);
const jinanReport = reports.find((report) => report.unitCode === jinan.code)!;
const formSheets = formSet.sheets.filter((sheet) => sheet.kind !== "cover");

/**
 * The period as the province's reviewer meets it: 济南 accepted (stamped, built from its counties'
 * revisions but one it typed), 青岛 returned, 淄博 not yet in, the others awaiting review; every
 * warning explained. The totals are provisional, so every form carries the long coverage note.
 */
function midPeriod() {
  const returned = "370200";
  const missing = "370300";
  const status = reportingTree.root.children.map((unit): ConsolidationStatusRow => {
    const report = reports.find((candidate) => candidate.unitCode === unit.code)!;
    const accepted = unit.code === jinan.code;
    const included = unit.code !== returned && unit.code !== missing;
    const warnings = validateReport({ formSet, unit: unit, report }).issues.filter((issue) => issue.severity === "warning");
    return {
      unitCode: unit.code,
      unitName: unit.name,
      revision: included ? (accepted ? 2 : 1) : null,
      statusZh: accepted ? "通过" : unit.code === returned ? "退回" : unit.code === missing ? "未报" : "已报",
      accepted,
      submittedBy: included ? `${unit.name}填报员` : "",
      submittedAt: included ? "2020-01-20 16:00" : "",
      stampedCopySha256: accepted ? "5e".repeat(32) : null,
      explanations: included
        ? warnings.map((warning) => ({
            ruleId: warning.ruleId,
            address: warning.address,
            message: warning.messageZh,
            text: warning.explanation ?? "",
            rowKey: warning.rowKey,
          }))
        : [],
      sources: accepted ? unit.children.map((county, index) => ({ unitCode: county.code, revision: index === 0 ? null : 1 })) : null,
    };
  });
  const consolidated = consolidate(
    formSet,
    reportingTree.root,
    "2019",
    status
      .filter((entry) => entry.revision !== null)
      .map((entry, index) => ({
        report: reports.find((report) => report.unitCode === entry.unitCode)!,
        provenance: {
          unitCode: entry.unitCode,
          submissionId: String(index),
          revision: entry.revision as number,
          status: entry.accepted ? ("accepted" as const) : ("submitted" as const),
          submittedAt: "2020-01-20T08:00:00.000Z",
        },
      })),
  );
  return consolidatedWorkbook({ formSet, tree: reportingTree, consolidated, status });
}

const jinanLayout = unitLayout(formSet, jinan, "2019");
const workbooks = {
  template: { model: reportTemplateWorkbook({ formSet, unit: jinan, period: "2019" }), layout: jinanLayout },
  filled: { model: reportTemplateWorkbook({ formSet, unit: jinan, period: "2019", report: jinanReport }), layout: jinanLayout },
  province: {
    model: midPeriod(),
    layout: workbookLayout(formSet, reportingTree.root, "2019", provinceGridRows(reportingTree.root), { consolidated: true }),
  },
} satisfies Record<string, { model: XlsxWorkbook; layout: WorkbookLayout }>;
type Workbook = keyof typeof workbooks;
const names = Object.keys(workbooks) as Workbook[];

/** The sheets that print (the visible ones), each with the pages its model asks for: one, and one more after each page break written. */
const printedSheets = (workbook: Workbook) =>
  workbooks[workbook].model.sheets
    .filter((sheet) => (sheet.state ?? "visible") === "visible")
    .map((sheet) => ({ sheet, pages: 1 + (sheet.print?.rowBreaks?.length ?? 0) }));

/** A sheet's footer label (表号:教扶01表, 汇总状态, …), as its page set-up writes it before 第 N 页 共 M 页. */
const footerLabel = (sheet: XlsxSheet) =>
  (sheet.print?.footer ?? "")
    .replace(/^&C/, "")
    .replace(/\s*第 &P 页 共 &N 页$/, "")
    .replaceAll("&&", "&");

/** The rows a sheet prints as data, 0-based: a form's rows between its headings and its notes, a table's rows under its heading row. */
function bodyRows(workbook: Workbook, sheet: XlsxSheet): number[] {
  const form = workbooks[workbook].layout.sheetByName(sheet.name);
  const rows: number[] = [];
  if (form) for (let row = form.firstDataRow; row <= form.notesRow - 2; row++) rows.push(row);
  else for (let row = (sheet.print?.titleRows?.last ?? 0) + 1; sheet.cells.get(toA1(row, 0))?.value; row++) rows.push(row);
  const hidden = new Set(sheet.hiddenRows ?? []);
  return rows.filter((row) => !hidden.has(row));
}

/** The texts of a sheet's data rows, each as one word (up to its first space). */
function bodyTexts(workbook: Workbook, sheet: XlsxSheet): Set<string> {
  const rows = new Set(bodyRows(workbook, sheet));
  const texts = new Set<string>();
  for (const [a1, cell] of sheet.cells) {
    const text = String(cell.value ?? "").split(/\s/)[0];
    if (text && typeof cell.value === "string" && rows.has(parseA1(a1).row)) texts.add(text);
  }
  return texts;
}

interface Page {
  text: string;
  landscape: boolean;
  drawn: PdfPage;
}

function pagesOf(pdf: string): Page[] {
  const text = spawnSync("pdftotext", ["-layout", pdf, "-"], { encoding: "utf8" });
  if (text.status !== 0) throw new Error(text.stderr);
  const drawn = pdfWords(pdf);
  const texts = text.stdout.split("\f").slice(0, drawn.length);
  return texts.map((pageText, index) => ({ text: pageText, landscape: drawn[index]!.width > drawn[index]!.height, drawn: drawn[index]! }));
}

/** The start of a column heading: headings wrap inside their column, so only the first characters are on one line. */
const headingStart = (label: string) => label.slice(0, 5);
const oneLine = (text: string) => text.replace(/\s+/g, " ");

const dir = mkdtempSync(join(tmpdir(), "tianbao-print-"));
const pages = {} as Record<Workbook, Page[]>;

beforeAll(() => {
  if (skip) return;
  for (const workbook of names) writeFileSync(join(dir, `${workbook}.xlsx`), writeXlsx(workbooks[workbook].model));
  const run = convertWithLibreOffice(
    dir,
    names.map((workbook) => `${workbook}.xlsx`),
    "pdf",
    "pdf",
  );
  if (run.status !== 0) throw new Error(run.stderr);
  for (const workbook of names) pages[workbook] = pagesOf(join(dir, "pdf", `${workbook}.pdf`));
}, 120_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Each printed page with the sheet it belongs to: the sheets in order, each taking the pages its model asks for. */
const sheetPages = (workbook: Workbook) =>
  printedSheets(workbook)
    .flatMap(({ sheet, pages: count }) => Array.from({ length: count }, () => sheet))
    .map((sheet, index) => ({ sheet, page: pages[workbook][index]! }));

/** The pages of one form sheet: those whose footer names its 表号. */
const pagesOfSheet = (workbook: Workbook, sheet: LoadedSheet) =>
  pages[workbook].filter((page) => oneLine(page.text).includes(`表号:${sheet.definition.formNumber} 第`));

describe.skipIf(skip)("the workbooks as LibreOffice prints them (A4)", () => {
  it("takes one page per sheet and one more for each page break a long list or table writes, as docs/paper-trail.md says", () => {
    // Only 教扶06's 200 list rows (and a table of many rows) take more than one page: every grid form fits one.
    for (const workbook of names)
      for (const { sheet, pages: count } of printedSheets(workbook))
        if (formSet.sheets.find((candidate) => candidate.name === sheet.name)?.kind === "grid") expect(count, `${workbook} ${sheet.name}`).toBe(1);
    const paperTrail = readFileSync(join(repoRoot, "docs/paper-trail.md"), "utf8");
    const stated = (row: string) => Number(new RegExp(`^\\| ${row} \\| (\\d+) \\|`, "m").exec(paperTrail)?.[1]);
    const count = (workbook: Workbook) => printedSheets(workbook).reduce((sum, { pages: sheetPages }) => sum + sheetPages, 0);
    expect({ template: count("template"), filled: count("filled"), province: count("province") }).toEqual({
      template: stated("Jinan's blank template"),
      filled: stated("Jinan's filled revision \\(the demo data\\)"),
      province: stated("the 16-prefecture consolidated workbook, mid-period"),
    });
  });

  it.each(names)("%s.pdf has the pages its sheets ask for, each with its sheet's label and 第 N 页 共 M 页 in the footer", (workbook) => {
    const printed = sheetPages(workbook);
    expect(pages[workbook].length).toBe(printed.length);
    printed.forEach(({ sheet, page }, index) =>
      expect(oneLine(page.text), `page ${index + 1}`).toContain(`${footerLabel(sheet)} 第 ${index + 1} 页 共 ${printed.length} 页`),
    );
  });

  it.each(names)(
    "%s: every form sheet is one page wide, with its title, 表号 block and headings on every page, and ends with the signature line",
    (workbook) => {
      const consolidated = workbook === "province";
      for (const sheet of formSheets) {
        const printed = pagesOfSheet(workbook, sheet);
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
        const signature = oneLine(printed.at(-1)!.text);
        if (workbook === "filled")
          expect(signature, sheet.code).toContain("单位负责人:济南市教育局负责人 统计负责人:济南市统计科长 填表人:济南市填报员 报出日期:2020-01-15");
        else expect(signature, sheet.code).toMatch(/单位负责人:_+ 统计负责人:_+ 填表人:_+ 报出日期:_+/);
      }
    },
  );

  it.each(names)("%s: a table sheet repeats its heading row on every page", (workbook) => {
    for (const { sheet, page } of sheetPages(workbook)) {
      if (workbooks[workbook].layout.sheetByName(sheet.name) || !sheet.print?.titleRows) continue;
      const row = sheet.print.titleRows.first;
      const headings = [...sheet.cells].filter(([a1, cell]) => parseA1(a1).row === row && cell.value).map(([, cell]) => String(cell.value));
      for (const heading of [headings[0]!, headings.at(-1)!]) expect(page.text, `${sheet.name}: ${heading}`).toContain(headingStart(heading));
    }
  });

  it.each(names)("%s: no page holds only headings, notes or the signature line: each shows rows of its form or table", (workbook) => {
    for (const [index, { sheet, page }] of sheetPages(workbook).entries()) {
      if (sheet.name === "封面" || bodyRows(workbook, sheet).length === 0) continue;
      const where = `${workbook} page ${index + 1} (${sheet.name})`;
      const texts = bodyTexts(workbook, sheet);
      if (page.drawn.words.some((word) => texts.has(word.text))) continue;
      // Blank list rows (教扶06 past the rows filled in) are empty cells: the page shows at least three rows' height of
      // them between the headings and what follows (a page of notes alone has about one, the gap above them).
      const words = [...page.drawn.words].sort((a, b) => a.yMin - b.yMin);
      const after = words.find((word) => /^(本表主要审核关系|单位负责人|表号:\S+$)/.test(word.text) && word.yMin > words[0]!.yMax + 40)!;
      const headingBottom = Math.max(...words.filter((word) => word.yMin < after.yMin - 1).map((word) => word.yMax));
      const lineHeight = after.yMax - after.yMin;
      expect(after.yMin - headingBottom, where).toBeGreaterThan(3 * lineHeight);
    }
  });

  it.each(names)("%s: no text is drawn over other text, and every wrapped cell's text is printed whole", (workbook) => {
    for (const [index, page] of pages[workbook].entries()) {
      const overprinted = overprintedWords(page.drawn).map(([a, b]) => `"${a.text}" over "${b.text}"`);
      expect(overprinted, `${workbook} page ${index + 1}`).toEqual([]);
    }
    const printed = sheetPages(workbook);
    for (const { sheet } of printedSheets(workbook)) {
      const drawn = printed
        .filter((entry) => entry.sheet === sheet)
        .map((entry) => compactText(entry.page.drawn))
        .join("");
      const hidden = new Set(sheet.hiddenRows ?? []);
      for (const [a1, cell] of sheet.cells)
        if (cell.style?.wrap && typeof cell.value === "string" && !hidden.has(parseA1(a1).row))
          expect(drawn, `${workbook} ${sheet.name}!${a1}`).toContain(cell.value.replace(/\s/g, ""));
    }
  });

  it("orientation follows the form's width: 教扶01 (six fields) landscape, 教扶03 (three) portrait", () => {
    for (const workbook of names) {
      expect(pagesOfSheet(workbook, formSet.sheet("教扶01")!).map((page) => page.landscape)).toEqual([true]);
      expect(pagesOfSheet(workbook, formSet.sheet("教扶03")!).map((page) => page.landscape)).toEqual([false]);
    }
  });

  it("the consolidated workbook prints the province and prefecture rows; the county detail stays grouped (collapsed)", () => {
    const e01 = pagesOfSheet("province", formSet.sheet("教扶01")!)[0]!.text;
    expect(e01).toContain("山东省合计");
    for (const prefecture of reportingTree.root.children) expect(e01).toContain(prefecture.name);
    expect(e01).not.toContain(jinan.children[1]!.name);
    expect(pages.province.some((page) => page.text.includes("汇总状态"))).toBe(true);
  });

  it("预警说明 prints each explained warning's message beside its explanation", () => {
    const printed = sheetPages("province")
      .filter(({ sheet }) => sheet.name === "预警说明")
      .map(({ page }) => compactText(page.drawn))
      .join("");
    const [, message, explanation] = [...workbooks.province.model.sheets.find((sheet) => sheet.name === "预警说明")!.cells]
      .filter(([a1]) => parseA1(a1).row === 1)
      .map(([, cell]) => String(cell.value))
      .slice(5);
    expect(message).toMatch(/^教扶\d\d!/);
    expect(printed).toContain(message!.replace(/\s/g, ""));
    expect(printed).toContain(explanation!.replace(/\s/g, ""));
  });

  it("the cover prints on one page without its hidden code column; the print area leaves out the hidden code row", () => {
    const cover = pages.filled[0]!.text;
    expect(cover).toContain("封面 第 1 页");
    expect(cover).toContain("济南市教育局负责人");
    expect(cover).not.toContain("C_HEAD");
    for (const sheet of formSheets) for (const page of pagesOfSheet("filled", sheet)) expect(page.text, sheet.code).not.toMatch(/E0\d_[A-Z]/);
  });
});
