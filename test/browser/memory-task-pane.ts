// The real task pane (addin/ui) over the in-memory workbook instead of Excel: the entry the browser
// tests and the bench bundle in place of addin/taskpane.ts. The test drives the workbook through
// `window.tianbao.workbook` (type, paste) as a clerk drives Excel.
import { readXlsx } from "../../shared/xlsx/read-xlsx.ts";
import { startTaskPane } from "../../addin/ui/task-pane.ts";
import { MemoryWorkbook } from "../../addin/workbook/memory-workbook.ts";
import type { MemorySheet } from "../../addin/workbook/memory-workbook.ts";

/** The server's template as sheets. Formula cells stay blank: without a calculation engine a cached result would go stale, and the validation engine recomputes computed fields anyway. */
function readTemplate(base64: string): MemorySheet[] {
  const bytes = Uint8Array.from(atob(base64), (character) => character.charCodeAt(0));
  return readXlsx(bytes).sheets.map((sheet) => ({
    name: sheet.name,
    cells: new Map([...sheet.cells].flatMap(([a1, cell]) => (cell.formula === undefined && cell.value !== null ? [[a1, cell.value] as const] : []))),
  }));
}

const workbook = new MemoryWorkbook(readTemplate);
const pane = startTaskPane(document.getElementById("app") as HTMLElement, {
  workbook,
  displayLanguage: new URLSearchParams(location.search).get("lang") ?? "zh-CN",
  storageKeyPrefix: "browser-test:",
  initialView: new URLSearchParams(location.search).get("view") === "province" ? "province" : "report",
});
Object.assign(window, { tianbao: { workbook, pane } });
