import { formSetOf } from "../../shared/forms/form-set.ts";
import type { FormSet, FormSetLookup } from "../../shared/forms/form-set.ts";
import { unitLayout } from "../../shared/layout/workbook-layout.ts";
import { reportingUnitOf } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import type { WorkbookLayout } from "../../shared/layout/workbook-layout.ts";
import type { CellValue, Explanation } from "../../shared/report/report-data.ts";
import { explanationsFromRows } from "../../shared/workbook/explanation-rows.ts";
import { WorkbookReadError, readReportWorkbookContents } from "../../shared/workbook/read-report.ts";
import { RosterReadError, isRosterWorkbook, readRosterXlsxSheets, rosterFromSheets } from "../../shared/roster/read-roster.ts";
import type { RosterSourceSheet } from "../../shared/roster/read-roster.ts";
import type { ReportWorkbookContents } from "../../shared/workbook/read-report.ts";
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
  WorkbookSave,
} from "../workbook/report-workbook.ts";

/** Where the page keeps explanations typed for a report, so a reload loses none (per edition, prefecture and period). */
const explanationsKey = (identity: WorkbookIdentity) => `tianbao.page.explanations:${identity.edition}:${identity.unitCode}:${identity.period}`;

/** A report workbook of another unit than the signed-in clerk's: refused, the loaded one stays. */
export class OtherUnitWorkbookError extends Error {
  override name = "OtherUnitWorkbookError";
  constructor(readonly unitCode: string) {
    super(unitCode);
  }
}

/**
 * A report workbook as a file in the browser, for clerks without the add-in (WPS Office,
 * LibreOffice, an older Excel): the third ReportWorkbook, beside Excel's and the tests' in-memory
 * one. It reads the file with the command line's reader, so the page shows exactly the issues
 * `tianbao validate` shows; explanations typed in the page are kept (in the browser's storage) over
 * the file's 说明 until the clerk downloads the workbook back with them (rendered by the one writer).
 * A file has no change events: the page loads it again when the clerk drops or saves a new version.
 */
export class FileReportWorkbook implements ReportWorkbook {
  private file: { name: string; contents: ReportWorkbookContents; identity: WorkbookIdentity } | undefined;
  private writtenExplanations: CellValue[][] | undefined;
  /** A roster workbook (教扶10) instead of a report: its sheets for the one roster reader. */
  private roster: { name: string; sheets: RosterSourceSheet[] } | undefined;
  private submitQueue = "";

  constructor(
    private readonly storage?: Storage,
    /** The editions whose workbooks it reads: the built-in ones unless a test adds its own. */
    private readonly editions: FormSetLookup = formSetOf,
  ) {}

  /** The name of the file last loaded; undefined before the first. */
  get fileName(): string | undefined {
    return this.file?.name ?? this.roster?.name;
  }

  /** The file loaded is a roster (教扶10), not a report: nothing to download back, the clerk keeps it. */
  get holdsRoster(): boolean {
    return this.roster !== undefined;
  }

  /**
   * Reads a file the clerk dropped, picked or saved again. A file that is no report workbook throws
   * (the reader's words name the sheet and cell), and so does another unit's report than `unitCode`
   * (OtherUnitWorkbookError): the file loaded before stays. Explanations typed for the same report
   * stay; another report's are its own.
   */
  load(bytes: Uint8Array, fileName: string, unitCode?: string): void {
    let contents: ReportWorkbookContents;
    try {
      contents = readReportWorkbookContents(bytes, { formSetOf: this.editions });
    } catch (error) {
      if (!(error instanceof WorkbookReadError) || error.code === "not-xlsx") throw error;
      this.loadRoster(bytes, fileName, unitCode, error);
      return;
    }
    const { report } = contents;
    if (unitCode !== undefined && report.unitCode !== unitCode) throw new OtherUnitWorkbookError(report.unitCode);
    const identity = { edition: report.edition, unitCode: report.unitCode, period: report.period, checksum: "" };
    if (!this.file || explanationsKey(this.file.identity) !== explanationsKey(identity)) this.writtenExplanations = this.savedExplanations(identity);
    this.file = { name: fileName, contents, identity };
    this.roster = undefined;
  }

  /**
   * A file that is no report may be a roster (its _meta says so): read by the one roster reader,
   * whose words name sheet and cell; anything else is refused with the report reader's words.
   */
  private loadRoster(bytes: Uint8Array, fileName: string, unitCode: string | undefined, reportError: WorkbookReadError): void {
    let sheets: RosterSourceSheet[];
    try {
      sheets = readRosterXlsxSheets(bytes);
    } catch (error) {
      throw error instanceof RosterReadError ? reportError : error;
    }
    if (!isRosterWorkbook(sheets)) throw reportError;
    const roster = rosterFromSheets(sheets);
    if (unitCode !== undefined && roster.unitCode !== unitCode) throw new OtherUnitWorkbookError(roster.unitCode);
    this.roster = { name: fileName, sheets };
    this.file = undefined;
  }

  /** The roster's sheets, when the file loaded is a roster. */
  async readRosterSheets(): Promise<RosterSourceSheet[] | undefined> {
    return this.roster?.sheets;
  }

  /** Forgets the file (it can no longer be read): what it said is no longer shown as current. */
  unload(): void {
    this.file = undefined;
    this.roster = undefined;
  }

  async readIdentity(): Promise<WorkbookIdentity | undefined> {
    return this.file?.identity;
  }

  async readReport(layout: WorkbookLayout): Promise<WorkbookContents> {
    const { contents } = this.loaded();
    const report = {
      ...contents.report,
      explanations: this.writtenExplanations ? explanationsFromRows(layout, this.writtenExplanations) : contents.report.explanations,
    };
    return {
      report,
      ...(contents.previous && { previous: contents.previous }),
      ...(contents.rosterCounts && { rosterCounts: contents.rosterCounts }),
      ...(contents.ranges ? { ranges: contents.ranges } : {}),
      missingSheets: [],
    };
  }

  async readExplanations(layout: WorkbookLayout): Promise<Explanation[]> {
    return (await this.readReport(layout)).report.explanations ?? [];
  }

  /** A file raises no change events: blocks are never asked for. */
  async readBlocks(_blocks: CellBlockAddress[]): Promise<CellValue[][][]> {
    throw new Error("a workbook file has no change events to follow");
  }

  async watchChanges(_sheetNames: string[], _listener: (change: CellsChanged) => void): Promise<void> {}

  async writeExplanations(_layout: WorkbookLayout, rows: CellValue[][]): Promise<void> {
    this.writtenExplanations = rows;
    try {
      this.storage?.setItem(explanationsKey(this.loaded().identity), JSON.stringify(rows));
    } catch {
      // Storage full or denied: the explanations stay in the page until it is closed.
    }
  }

  /** The page cannot select a cell in another program: its messages name the address instead. */
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

  /** The page saves nothing itself: the clerk downloads the workbook (the file card's button). */
  async saveWorkbook(): Promise<WorkbookSave> {
    return "unsupported";
  }

  /** The workbook as the clerk downloads it back: the standard workbook with the report's values and the 说明 rows typed in the page. */
  async download(): Promise<{ bytes: Uint8Array; fileName: string }> {
    const { identity, contents, name } = this.loaded();
    const formSet = this.editions(identity.edition) as FormSet;
    const unit = reportingUnitOf(identity.unitCode) as ReportingUnit;
    const { report } = await this.readReport(unitLayout(formSet, unit, identity.period));
    return {
      bytes: renderReportTemplate({
        formSet,
        unit,
        period: identity.period,
        report,
        previous: contents.previous,
        rosterCounts: contents.rosterCounts,
        ranges: contents.ranges,
      }),
      fileName: name,
    };
  }

  private loaded(): NonNullable<FileReportWorkbook["file"]> {
    if (!this.file) throw new Error("还没有选择报表文件 / no report file chosen yet");
    return this.file;
  }

  private savedExplanations(identity: WorkbookIdentity): CellValue[][] | undefined {
    try {
      const saved = JSON.parse(this.storage?.getItem(explanationsKey(identity)) ?? "null") as unknown;
      return Array.isArray(saved) && saved.every(Array.isArray) ? (saved as CellValue[][]) : undefined;
    } catch {
      return undefined;
    }
  }
}
