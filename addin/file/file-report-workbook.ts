import { formSetOf } from "../../shared/forms/form-set.ts";
import type { FormSet } from "../../shared/forms/form-set.ts";
import type { WorkbookLayout } from "../../shared/layout/workbook-layout.ts";
import { regionTable } from "../../shared/regions/region-table.ts";
import type { Prefecture } from "../../shared/regions/region-table.ts";
import type { CellValue, ReportData } from "../../shared/report/report-data.ts";
import { explanationsFromRows } from "../../shared/workbook/explanation-rows.ts";
import { readReportWorkbookContents } from "../../shared/workbook/read-report.ts";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import type {
  CellBlockAddress,
  CellsChanged,
  QueueStorage,
  ReportWorkbook,
  SelectedCell,
  TemplatePlacement,
  WorkbookContents,
  WorkbookIdentity,
} from "../workbook/report-workbook.ts";

/**
 * A report workbook as a file in the browser, for clerks without the add-in (WPS Office,
 * LibreOffice, an older Excel): the third ReportWorkbook, beside Excel's and the tests' in-memory
 * one. It reads the file with the command line's reader, so the page shows exactly the issues
 * `tianbao validate` shows; explanations typed in the page are kept over the file's 说明 until the
 * clerk downloads the workbook back with them (rendered by the one writer). A file has no change
 * events: the page reads it again when the clerk drops a new version (`replace`).
 */
export class FileReportWorkbook implements ReportWorkbook {
  private contents: { report: ReportData; previous?: ReportData | undefined };
  private writtenExplanations: CellValue[][] | undefined;
  private submitQueue = "";

  constructor(
    private bytes: Uint8Array,
    readonly fileName: string,
  ) {
    this.contents = this.read();
  }

  /** The clerk saved the file again (or dropped a new one): read it afresh; explanations typed in the page stay. */
  replace(bytes: Uint8Array): void {
    this.bytes = bytes;
    this.contents = this.read();
  }

  async readIdentity(): Promise<WorkbookIdentity | undefined> {
    const { report } = this.contents;
    return { edition: report.edition, prefectureCode: report.prefectureCode, period: report.period, checksum: "" };
  }

  async readReport(layout: WorkbookLayout): Promise<WorkbookContents> {
    const report = {
      ...this.contents.report,
      explanations: this.writtenExplanations ? explanationsFromRows(layout, this.writtenExplanations) : this.contents.report.explanations,
    };
    return { report, ...(this.contents.previous ? { previous: this.contents.previous } : {}), missingSheets: [] };
  }

  /** A file raises no change events: blocks are never asked for. */
  async readBlocks(_blocks: CellBlockAddress[]): Promise<CellValue[][][]> {
    throw new Error("a workbook file has no change events to follow");
  }

  async watchChanges(_sheetNames: string[], _listener: (change: CellsChanged) => void): Promise<void> {}

  async writeExplanations(_layout: WorkbookLayout, rows: CellValue[][]): Promise<void> {
    this.writtenExplanations = rows;
  }

  /** The page cannot select a cell in another program: it shows the address instead. */
  async selectCell(_sheetName: string, _a1: string): Promise<void> {}

  async readSelectedCell(): Promise<SelectedCell | undefined> {
    return undefined;
  }

  async insertTemplate(): Promise<TemplatePlacement> {
    return "download";
  }

  async openWorkbook(): Promise<"download"> {
    return "download";
  }

  async readSubmitQueue(): Promise<string> {
    return this.submitQueue;
  }

  /** Kept in memory only: the page's Submitter keeps its copy in the browser's storage. */
  async writeSubmitQueue(json: string): Promise<QueueStorage> {
    this.submitQueue = json;
    return "unsaved";
  }

  /** The workbook as the clerk downloads it back: the standard workbook with the report's values and the 说明 rows typed in the page. */
  async download(layout: WorkbookLayout): Promise<Uint8Array> {
    const { report } = await this.readReport(layout);
    const formSet = formSetOf(report.edition) as FormSet;
    const prefecture = regionTable.prefecture(report.prefectureCode) as Prefecture;
    return renderReportTemplate({ formSet, prefecture, period: report.period, report, previous: this.contents.previous });
  }

  private read(): { report: ReportData; previous?: ReportData | undefined } {
    return readReportWorkbookContents(this.bytes, { formSetOf, regions: regionTable });
  }
}
