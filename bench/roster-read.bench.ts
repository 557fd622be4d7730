/// <reference types="office-js" />
// office.js's types, for the add-in's Excel module this bench runs in Node on the model of Excel.
import { ExcelReportWorkbook, ROSTER_READ_CHUNK_ROWS } from "../addin/excel/excel-report-workbook.ts";
import { rosterFromSheets } from "../shared/roster/roster-from-sheets.ts";
import { hostWithWorkbook } from "../test/support/excel-model/excel-host.ts";
import { benchLine } from "./bench-line.ts";
import { fullCountyRosterFile } from "./roster-keystroke.bench.ts";

/** Excel on the web's limit on a request and its response (see ExcelHost.responseBytes). */
const EXCEL_WEB_PAYLOAD_LIMIT = 5 * 1024 * 1024;

/**
 * The pane's read of a 10,000-student roster through the model of Excel (ExcelReportWorkbook.readRosterSheets):
 * the requests it takes and the largest one's response, in bytes of JSON, against Excel on the web's 5 MB.
 */
export async function benchRosterRead(): Promise<string[]> {
  const host = hostWithWorkbook(await fullCountyRosterFile());
  const globals = globalThis as unknown as Record<string, unknown>;
  const before = { Excel: globals.Excel, Office: globals.Office, OfficeExtension: globals.OfficeExtension };
  host.install();
  try {
    host.syncs = 0;
    host.responseBytes = [];
    const sheets = await new ExcelReportWorkbook().readRosterSheets();
    const students = rosterFromSheets(sheets ?? []).rows.length;
    // The first three requests find the sheets and the used range; the rest are the chunks of rows.
    const chunks = host.responseBytes.slice(3);
    const largest = Math.max(...host.responseBytes);
    const total = host.responseBytes.reduce((sum, bytes) => sum + bytes, 0);
    const mb = (bytes: number) => bytes / 1024 / 1024;
    return [
      benchLine(
        `addin.roster read from Excel (${students.toLocaleString("en")} students, ${host.syncs} requests of which ${chunks.length} chunks of ≤ ${ROSTER_READ_CHUNK_ROWS.toLocaleString("en")} rows, ${mb(total).toFixed(2)} MB in all): largest response`,
        mb(largest),
        "MB",
        { max: mb(EXCEL_WEB_PAYLOAD_LIMIT), text: "≤ 5 MB (Excel on the web)" },
      ),
      benchLine("addin.roster read: largest response / 5 MB", largest / EXCEL_WEB_PAYLOAD_LIMIT, "×", { max: 1, text: "≤ 1 ×" }),
    ];
  } finally {
    Object.assign(globals, before);
  }
}
