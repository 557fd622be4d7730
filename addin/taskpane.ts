// The task pane inside Excel: office.js is ready, so the UI runs over the Excel adapter.
import { ExcelReportWorkbook } from "./excel/excel-report-workbook.ts";
import { startTaskPane } from "./ui/task-pane.ts";

Office.onReady(() => {
  startTaskPane(document.getElementById("app") as HTMLElement, {
    workbook: new ExcelReportWorkbook(),
    displayLanguage: Office.context.displayLanguage,
    storageKeyPrefix: Office.context.partitionKey ?? "",
    initialView: new URLSearchParams(location.search).get("view") === "province" ? "province" : "report",
  });
});
