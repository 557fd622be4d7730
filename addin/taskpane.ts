// The task pane inside Excel: office.js is ready, so the UI runs over the Excel adapter.
import { ExcelReportWorkbook } from "./excel/excel-report-workbook.ts";
import { showOutsideOffice } from "./ui/outside-office.ts";
import { startTaskPane } from "./ui/task-pane.ts";

Office.onReady((info) => {
  // Opened in a browser, not in Excel: office.js reports no host, and there is no Excel to work with.
  if (!info.host) {
    showOutsideOffice(document.getElementById("app") as HTMLElement);
    return;
  }
  startTaskPane(document.getElementById("app") as HTMLElement, {
    workbook: new ExcelReportWorkbook(),
    displayLanguage: Office.context.displayLanguage,
    storageKeyPrefix: Office.context.partitionKey ?? "",
    initialView: new URLSearchParams(location.search).get("view") === "province" ? "province" : "report",
  });
});
