import type { WorkbookLayout } from "../layout/workbook-layout.ts";
import type { CellValue, ReportData, ReportRow } from "../report/report-data.ts";

/**
 * The previous period's accepted values that a workbook's hidden _prev sheet carries, as the
 * `previous` report of the history rules (prev(…)). `rows` are the sheet's values from A1 on: the
 * field codes along row 1, the row keys down column A (layout.previous; previous-sheet.ts writes
 * it). Only the fields layout.previous holds and the prefecture's county rows are taken (the 合计
 * row is computed); every grid sheet with such a field gets one row per county, in county order.
 * Undefined when the sheet holds no value at all (a template rendered without a previous report).
 *
 * Free of .xlsx code: the .xlsx reader (read-report.ts) and the add-in's cell blocks both use it.
 */
export function previousReportFromRows(layout: WorkbookLayout, rows: CellValue[][]): ReportData | undefined {
  const [header = [], ...data] = rows;
  const wanted = new Set(layout.previous.fieldCodes);
  const columns = header.flatMap((code, column) => (column > 0 && typeof code === "string" && wanted.has(code.trim()) ? [{ code: code.trim(), column }] : []));
  const rowByKey = new Map(data.map((row) => [String(row[0] ?? "").trim(), row]));
  const gridSheets = layout.sheets.filter((sheet) => sheet.sheet.kind === "grid");
  const counties = gridSheets[0]?.rows.filter((row) => row.kind === "county") ?? [];

  const sheets: Record<string, ReportRow[]> = {};
  let valueCount = 0;
  for (const { code, column } of columns) {
    const sheetCode = gridSheets.find((sheet) => sheet.fieldCodes.includes(code))?.sheet.code;
    if (!sheetCode) continue;
    const sheetRows = (sheets[sheetCode] ??= counties.map((county) => ({ key: county.key, values: {} })));
    counties.forEach((county, index) => {
      const value = rowByKey.get(county.key)?.[column];
      if (value === null || value === undefined || value === "") return;
      (sheetRows[index] as ReportRow).values[code] = value;
      valueCount++;
    });
  }
  if (valueCount === 0) return undefined;
  return { edition: layout.edition, unitCode: layout.unitCode, period: String(Number(layout.period) - 1), sheets, explanations: [] };
}
