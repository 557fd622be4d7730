import ExcelJS from "exceljs";
import type { CellValue, ReportData } from "../../shared/report/report-data.ts";

// Fills a report template the way another program would: ExcelJS, not the project's layout code.
// Cells are found only through the workbook's published conventions (spec, "Workbook
// conventions"): the hidden code row above each field's column, the 代码 column's row keys, the
// cover's hidden code column, the 说明 sheet's headings.

type Sheet = ExcelJS.Worksheet;

const textOf = (value: ExcelJS.CellValue) => (value === null || value === undefined ? "" : String(value).trim());

/** The hidden row whose cells are field codes (the key column holds `_KEY` on grid sheets), as code → column number. */
function codeRow(sheet: Sheet, fieldCodes: string[]): { row: number; columnOf: Map<string, number> } {
  for (let row = 1; row <= sheet.rowCount; row++) {
    if (!sheet.getRow(row).hidden) continue;
    const columnOf = new Map<string, number>();
    sheet.getRow(row).eachCell((cell, col) => columnOf.set(textOf(cell.value), col));
    if (fieldCodes.some((code) => columnOf.has(code))) return { row, columnOf };
  }
  throw new Error(`${sheet.name}: no hidden code row`);
}

const excelValue = (value: CellValue): ExcelJS.CellValue => (value === undefined ? null : value);

function fillGrid(sheet: Sheet, rows: ReportData["sheets"][string], fieldCodes: string[]): void {
  const { row: codeRowNumber, columnOf } = codeRow(sheet, fieldCodes);
  const keyColumn = columnOf.get("_KEY") as number;
  const rowOfKey = new Map<string, number>();
  for (let row = codeRowNumber + 1; row <= sheet.rowCount; row++) rowOfKey.set(textOf(sheet.getRow(row).getCell(keyColumn).value), row);
  for (const reportRow of rows) {
    const row = rowOfKey.get(reportRow.key);
    if (row === undefined) throw new Error(`${sheet.name}: no row for ${reportRow.key}`);
    for (const [code, value] of Object.entries(reportRow.values)) sheet.getRow(row).getCell(columnOf.get(code) as number).value = excelValue(value);
  }
}

/** List rows go into the empty rows after the heading that follows the code row. */
function fillList(sheet: Sheet, rows: ReportData["sheets"][string], fieldCodes: string[]): void {
  const { row: codeRowNumber, columnOf } = codeRow(sheet, fieldCodes);
  rows.forEach((reportRow, index) => {
    for (const [code, value] of Object.entries(reportRow.values))
      sheet.getRow(codeRowNumber + 2 + index).getCell(columnOf.get(code) as number).value = excelValue(value);
  });
}

/** The cover: the hidden first column names each row's field; the value is two columns on, after the label. */
function fillCover(sheet: Sheet, values: Record<string, CellValue>): void {
  sheet.eachRow((row) => {
    const code = textOf(row.getCell(1).value);
    if (code in values) row.getCell(3).value = excelValue(values[code] as CellValue);
  });
}

function fillExplanations(sheet: Sheet, explanations: NonNullable<ReportData["explanations"]>): void {
  const columnOf = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => columnOf.set(textOf(cell.value), col));
  explanations.forEach((explanation, index) => {
    const row = sheet.getRow(2 + index);
    row.getCell(columnOf.get("规则") as number).value = explanation.ruleId;
    row.getCell(columnOf.get("工作表") as number).value = explanation.sheetCode;
    row.getCell(columnOf.get("行键") as number).value = explanation.rowKey;
    row.getCell(columnOf.get("字段代码") as number).value = explanation.fieldCode;
    row.getCell(columnOf.get("说明") as number).value = explanation.text;
  });
}

/**
 * Types a report's input values into a template with ExcelJS and saves it. Computed cells keep
 * their formulas and get no cached values, as with any writer that does not calculate.
 */
export async function fillTemplateWithExcelJS(template: Uint8Array, report: ReportData): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  for (const sheet of workbook.worksheets) {
    const sheetCode = sheet.name === "封面" ? "封面" : (sheet.name.split(" ")[0] ?? "");
    const rows = report.sheets[sheetCode];
    if (sheet.name === "说明") fillExplanations(sheet, report.explanations ?? []);
    if (!rows) continue;
    const fieldCodes = [...new Set(rows.flatMap((row) => Object.keys(row.values)))];
    if (sheetCode === "封面") fillCover(sheet, rows[0]?.values ?? {});
    else if (rows.some((row) => row.position !== undefined)) fillList(sheet, rows, fieldCodes);
    else fillGrid(sheet, rows, fieldCodes);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
