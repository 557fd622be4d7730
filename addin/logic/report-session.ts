import type { ExplanationReason } from "../../shared/report/explanation-reasons.ts";
import type { OutlierRanges } from "../../shared/quality/outlier-ranges.ts";
import { formSetOf } from "../../shared/forms/form-set.ts";
import type { FormSet, FormSetLookup } from "../../shared/forms/form-set.ts";
import { unitLayout } from "../../shared/layout/workbook-layout.ts";
import type { WorkbookLayout } from "../../shared/layout/workbook-layout.ts";
import { reportingUnitOf } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { issueKey } from "../../shared/report/report-data.ts";
import type { CellValue, Explanation, ReportData } from "../../shared/report/report-data.ts";
import type { RosterCountsByCounty } from "../../shared/roster/roster-counts-sheet.ts";
import { validateReportWithRoster } from "../../shared/roster/validate-report-with-roster.ts";
import type { ValidationIssue, ValidationResult } from "../../shared/validate/validate-report.ts";
import { LiveReport } from "../workbook/live-report.ts";
import { computedBlocks, sheetBlock } from "../workbook/report-blocks.ts";
import { SheetsChangedError } from "../workbook/report-workbook.ts";
import type { CellBlockAddress, CellsChanged, ReportWorkbook, WorkbookIdentity } from "../workbook/report-workbook.ts";
import { Explanations } from "./explanations.ts";

const CELL_RANGE = /^[A-Z]{1,3}\d+(:[A-Z]{1,3}\d+)?$/;

/**
 * The report in this workbook while the clerk works on it: read once, patched on every change
 * event, validated after each, with the explanations of its warnings.
 */
export class ReportSession {
  result!: ValidationResult;
  /** Sheets of the report the workbook lacks (deleted, or renamed before the pane started). */
  missingSheets: string[] = [];
  private live!: LiveReport;
  private previous: ReportData | undefined;
  private rosterCounts: RosterCountsByCounty | undefined;
  private ranges: OutlierRanges | undefined;
  private explanations = new Explanations();
  /**
   * Explanations the pane wrote that the 说明 sheet no longer holds (the clerk's Ctrl+Z takes a write
   * back without an event; or someone deleted the rows): the pane says so and offers to write them again.
   */
  undoneExplanations: Explanation[] = [];
  /** The last write to 说明: a read-back waits for it, so an explanation being written is not taken for one undone. */
  private writing: Promise<void> = Promise.resolve();
  private readonly listeners: (() => void)[] = [];
  private readonly failureListeners: ((error: unknown) => void)[] = [];
  /** The formula cells an edit may change without an event of their own. */
  private readonly computed: CellBlockAddress[];
  /** The sheet the clerk last moved the selection on (undefined: not seen yet); see catchUp. */
  private lastSelectedSheet: string | undefined;

  private constructor(
    readonly workbook: ReportWorkbook,
    readonly formSet: FormSet,
    /** The reporting unit whose report this is: a prefecture or a county. */
    readonly unit: ReportingUnit,
    readonly layout: WorkbookLayout,
  ) {
    this.computed = computedBlocks(layout);
  }

  /**
   * Opens the report a workbook holds (see readIdentity), reads it and starts following the clerk's
   * edits, with the form set of the workbook's edition (any the lookup knows: the built-in ones unless
   * a test adds its own). The unit is looked up in the reporting tree by the identity's code unless
   * given (the bench's synthetic prefecture).
   */
  static async open(
    workbook: ReportWorkbook,
    identity: WorkbookIdentity,
    unit: ReportingUnit | undefined = reportingUnitOf(identity.unitCode),
    editions: FormSetLookup = formSetOf,
  ): Promise<ReportSession> {
    const formSet = editions(identity.edition);
    if (!unit || !formSet) throw new UnsupportedReportError(identity);
    const session = new ReportSession(workbook, formSet, unit, unitLayout(formSet, unit, identity.period));
    await session.reread();
    // Excel ignores what a handler returns: a failed re-read is told to the pane, never dropped.
    // 说明 too, for a co-author's writes there (the pane's own are known already).
    const watched = [...session.live.sheetNames, session.layout.explanations.name];
    await workbook.watchChanges(watched, (change) => session.applyChange(change).catch((error: unknown) => session.fail(error)));
    await workbook.watchSelection?.(session.live.sheetNames, (sheetName) => session.catchUp(sheetName).catch((error: unknown) => session.fail(error)));
    return session;
  }

  get report(): ReportData {
    return this.live.report;
  }

  onUpdate(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** Called when following the clerk's edits failed (a sheet deleted, Excel busy): the pane says so. */
  onFailure(listener: (error: unknown) => void): void {
    this.failureListeners.push(listener);
  }

  private fail(error: unknown): void {
    for (const listener of this.failureListeners) listener(error);
  }

  /**
   * A change event: re-read the changed cells and the report's formula cells (Excel recalculated
   * them without an event of their own), in one go; patch; validate.
   */
  async applyChange(change: CellsChanged): Promise<void> {
    if (change.sheetName === this.layout.explanations.name) return change.remote ? this.followCoauthorExplanations() : undefined;
    // Whole rows or columns ("7:9", "C:C": rows inserted or deleted, a column cleared) shift or clear what the layout expects: read everything.
    if (!CELL_RANGE.test(change.address)) return this.reread();
    return this.readAndApply([{ sheetName: change.sheetName, address: change.address }]);
  }

  /**
   * The clerk moved the selection on a sheet: an edit Excel raised no event for (a pick from a
   * list) is in the sheet just left or the one now on, so both are read again — every sheet the
   * first time, when the sheet the clerk was on is not known. One read, and a validation only if a
   * value changed.
   */
  async catchUp(sheetName: string): Promise<void> {
    const left = this.lastSelectedSheet;
    this.lastSelectedSheet = sheetName;
    const sheets = this.layout.sheets.filter((sheetLayout) => left === undefined || sheetLayout.name === sheetName || sheetLayout.name === left);
    await this.readAndApply(sheets.map((sheetLayout) => ({ sheetName: sheetLayout.name, address: sheetBlock(sheetLayout).address })));
  }

  /** Reads the blocks and the report's formula cells in one go, patches, and validates if a value changed. */
  private async readAndApply(read: CellBlockAddress[]): Promise<void> {
    const blocks = [...read, ...this.computed];
    let values: CellValue[][][];
    try {
      values = await this.workbook.readBlocks(blocks);
    } catch (error) {
      // A sheet was deleted under the pane: read what is left (missingSheets names the rest).
      if (error instanceof SheetsChangedError) return this.reread();
      throw error;
    }
    let changed = false;
    blocks.forEach((block, index) => (changed = this.live.apply(block.sheetName, block.address, values[index] ?? []) || changed));
    if (changed) this.validate();
  }

  /** Reads the whole workbook again (before a submit: paste and fill on the web may not raise events). */
  async reread(): Promise<void> {
    const contents = await this.workbook.readReport(this.layout);
    this.live = new LiveReport(this.layout, contents.report);
    this.previous = contents.previous;
    this.rosterCounts = contents.rosterCounts;
    this.ranges = contents.ranges;
    this.missingSheets = contents.missingSheets;
    this.adoptExplanations(contents.report.explanations ?? []);
    this.validate();
  }

  /** Reads 说明 back (the pane got focus): validates again where the sheet no longer holds what the pane has. */
  async checkExplanations(): Promise<void> {
    const writing = this.writing;
    await writing.catch(() => {});
    const inSheet = await this.workbook.readExplanations(this.layout);
    // An explanation written while 说明 was being read is not yet in what was read: look again next time.
    if (writing === this.writing && this.adoptExplanations(inSheet)) this.validate();
  }

  /**
   * A co-author changed 说明 (their pane wrote it, or they typed there): what it holds now counts, as
   * Excel's last writer wins; the pane shows it, and its next write keeps it. An explanation the pane
   * had that the co-author's write left out is a warning to explain again, not one undone here.
   */
  private async followCoauthorExplanations(): Promise<void> {
    const writing = this.writing;
    await writing.catch(() => {});
    const inSheet = await this.workbook.readExplanations(this.layout);
    if (writing !== this.writing) return; // the pane wrote meanwhile: the next event or focus reads again
    const held = new Set(inSheet.map(issueKey));
    this.undoneExplanations = this.undoneExplanations.filter((explanation) => !held.has(issueKey(explanation)));
    this.explanations = new Explanations(inSheet);
    this.validate();
  }

  /** Writes the explanations 说明 lost back into it (重新写入). */
  async rewriteUndone(): Promise<void> {
    for (const explanation of this.undoneExplanations) this.explanations.set(explanation, explanation.text);
    this.undoneExplanations = [];
    await this.writeExplanations();
  }

  /**
   * Takes the explanations as 说明 holds them (they are what the workbook keeps and what is submitted)
   * and remembers those of the pane's it lost; says whether anything differed.
   */
  private adoptExplanations(inSheet: Explanation[]): boolean {
    const held = new Map(inSheet.map((explanation) => [issueKey(explanation), explanation.text]));
    const lost = this.explanations.list.filter((explanation) => held.get(issueKey(explanation)) !== explanation.text);
    const lostKeys = new Set(lost.map(issueKey));
    const stillLost = this.undoneExplanations.filter(
      (explanation) => !lostKeys.has(issueKey(explanation)) && held.get(issueKey(explanation)) !== explanation.text,
    );
    const differs = lost.length > 0 || inSheet.length !== this.explanations.list.length || stillLost.length !== this.undoneExplanations.length;
    this.undoneExplanations = [...stillLost, ...lost];
    this.explanations = new Explanations(inSheet);
    return differs;
  }

  explanationOf(issue: ValidationIssue): string {
    return this.explanations.textFor(issue);
  }

  /** The reason code chosen with a warning's explanation, if any. */
  reasonOf(issue: ValidationIssue): ExplanationReason | undefined {
    return this.explanations.reasonFor(issue);
  }

  /** Records the clerk's explanation of a warning (and its reason code, if chosen), in the pane and in the 说明 sheet (a failed write is thrown; the pane keeps the explanation). */
  async explain(issue: ValidationIssue, text: string, reason?: ExplanationReason): Promise<void> {
    this.explanations.set(issue, text, reason);
    this.undoneExplanations = this.undoneExplanations.filter((explanation) => issueKey(explanation) !== issueKey(issue));
    await this.writeExplanations();
  }

  private async writeExplanations(): Promise<void> {
    this.validate();
    const warnings = this.result.issues.filter((candidate) => candidate.severity === "warning");
    this.writing = this.workbook.writeExplanations(this.layout, this.explanations.rows(this.layout, warnings));
    await this.writing;
  }

  validate(): void {
    this.live.report.explanations = this.explanations.list;
    this.result = validateReportWithRoster({
      formSet: this.formSet,
      unit: this.unit,
      report: this.live.report,
      layout: this.layout,
      ...(this.previous ? { previous: this.previous } : {}),
      rosterCounts: this.rosterCounts,
      ...(this.ranges ? { ranges: this.ranges } : {}),
    });
    for (const listener of this.listeners) listener();
  }

  /** The report as submitted: inputs only (the server recomputes computed fields), no blank list rows. */
  submission(): ReportData {
    const sheets = Object.fromEntries(
      Object.entries(this.live.report.sheets).map(([sheetCode, rows]) => {
        const sheet = this.formSet.sheet(sheetCode);
        const inputs = new Set(sheet?.fields.filter((field) => !field.formula && !field.prefill).map((field) => field.code));
        const kept = rows
          .map((row) => ({ ...row, values: Object.fromEntries(Object.entries(row.values).filter(([fieldCode]) => inputs.has(fieldCode))) }))
          .filter((row) => sheet?.kind !== "list" || Object.values(row.values).some((value) => value !== null));
        return [sheetCode, kept];
      }),
    );
    return { ...this.live.report, sheets, explanations: this.explanations.list };
  }
}

/** The workbook holds a report this version of the pane does not know (another edition, an unknown unit). */
export class UnsupportedReportError extends Error {
  constructor(readonly identity: WorkbookIdentity) {
    super(`不支持的报表 / unsupported report: ${identity.edition} ${identity.unitCode}`);
  }
}
