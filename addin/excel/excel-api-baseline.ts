/**
 * The lowest ExcelApi requirement set the add-in runs on: 1.7 (Worksheet.onChanged,
 * Workbook.getActiveCell), which Office 2019 volume-licensed reaches (Microsoft's requirement-set
 * table lists it up to 1.7). Everything above is guarded by isSetSupported with a fallback; the
 * manifest's <Requirements> and the static check in test/addin/excel-api-level.test.ts follow it.
 */
export const EXCEL_API_BASELINE = "1.7";
