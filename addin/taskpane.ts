// The task pane inside Excel: office.js is ready, so the UI runs over the Excel adapter.
import { ExcelReportWorkbook } from "./excel/excel-report-workbook.ts";
import { showOfficeUnreachable } from "./ui/office-unreachable.ts";
import { showOutsideOffice } from "./ui/outside-office.ts";
import { startTaskPane } from "./ui/task-pane.ts";

/**
 * How long office.js may take to say it is ready before the pane gives up on it: inside the 10 s a
 * clerk waits at 正在加载… (office.js loaded, but its host files are blocked or the host never answers).
 */
const OFFICE_READY_TIMEOUT_MS = 8_000;

const app = document.getElementById("app") as HTMLElement;
// The web page beside the pane (its own origin's /): it works from a workbook file, without office.js.
const unreachable = () => showOfficeUnreachable(app, new URL("/", location.href).href);

// office.js is a classic script before this module: by now it has loaded or failed. Failed (its CDN
// blocked, common on government intranets), there is no `Office` at all.
if (typeof Office === "undefined") unreachable();
else {
  const giveUp = setTimeout(unreachable, OFFICE_READY_TIMEOUT_MS);
  Office.onReady((info) => {
    clearTimeout(giveUp);
    // Opened in a browser, not in Excel: office.js reports no host, and there is no Excel to work with.
    if (!info.host) {
      showOutsideOffice(app);
      return;
    }
    startTaskPane(app, {
      workbook: new ExcelReportWorkbook(),
      displayLanguage: Office.context.displayLanguage,
      storageKeyPrefix: Office.context.partitionKey ?? "",
      initialView: new URLSearchParams(location.search).get("view") === "province" ? "province" : "report",
    });
  });
}
