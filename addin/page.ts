// The web page at the Worker's origin, for clerks whose spreadsheet program cannot run the add-in
// (WPS Office, LibreOffice, an older Excel): the task pane's UI over a workbook file in the browser.
import { FileReportWorkbook } from "./file/file-report-workbook.ts";
import { EditionCatalog } from "./logic/edition-catalog.ts";
import { languageOf } from "./logic/i18n.ts";
import { FileCard } from "./ui/file-card.ts";
import { languageSwitch, pageDisplayLanguage } from "./ui/language-switch.ts";
import { startTaskPane } from "./ui/task-pane.ts";

// One catalog for the file and the pane: a file of an edition the server taught the pane is read too.
const editions = new EditionCatalog();
const workbook = new FileReportWorkbook(localStorage, editions.formSetOf);
// 中文/English as chosen in this browser (the switch above the page), else as the browser speaks.
const displayLanguage = pageDisplayLanguage(localStorage, navigator.language);
const language = languageOf(displayLanguage);
document.documentElement.lang = language === "zh" ? "zh-CN" : "en";
document.body.prepend(languageSwitch(language, localStorage, () => location.reload()));
// The card calls back only once a file is dropped, after the pane below exists.
const card = new FileCard(
  workbook,
  language,
  () => pane.reopen(),
  () => pane.clerkUnitCode,
);
const pane = startTaskPane(document.getElementById("app") as HTMLElement, {
  workbook,
  displayLanguage,
  // The pane inside Excel on the web shares this origin's storage: the page keeps its own.
  storageKeyPrefix: "page:",
  // A clerk may sign in on a shared computer: the token goes with the tab unless 记住我 is ticked.
  sessionStorage,
  initialView: "report",
  surface: "page",
  reportToolbar: card.element,
  editions,
});
