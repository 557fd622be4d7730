import { currentFormSet } from "../../shared/forms/form-set.ts";
import type { FormSet } from "../../shared/forms/form-set.ts";
import { prefectureLayout } from "../../shared/layout/workbook-layout.ts";
import type { WorkbookLayout } from "../../shared/layout/workbook-layout.ts";
import { regionTable } from "../../shared/regions/region-table.ts";
import type { Prefecture } from "../../shared/regions/region-table.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import { validateReport } from "../../shared/validate/validate-report.ts";
import type { ValidationIssue, ValidationResult } from "../../shared/validate/validate-report.ts";
import { LiveReport } from "../workbook/live-report.ts";
import type { CellsChanged, ReportWorkbook, WorkbookIdentity } from "../workbook/report-workbook.ts";
import { Explanations } from "./explanations.ts";
import { groupIssues } from "./issue-list.ts";
import type { SheetIssues } from "./issue-list.ts";

const CELL_RANGE = /^[A-Z]{1,3}\d+(:[A-Z]{1,3}\d+)?$/;

/**
 * The report in this workbook while the clerk works on it: read once, patched on every change
 * event, validated after each, with the explanations of its warnings.
 */
export class ReportSession {
  result!: ValidationResult;
  groups: SheetIssues[] = [];
  private live!: LiveReport;
  private previous: ReportData | undefined;
  private explanations = new Explanations();
  private readonly listeners: (() => void)[] = [];

  private constructor(
    readonly workbook: ReportWorkbook,
    readonly formSet: FormSet,
    readonly prefecture: Prefecture,
    readonly layout: WorkbookLayout,
  ) {}

  /**
   * Opens the report a workbook holds (see readIdentity), reads it and starts following the clerk's
   * edits. `prefecture` is looked up by the identity's code unless given (the bench's synthetic one).
   */
  static async open(workbook: ReportWorkbook, identity: WorkbookIdentity, prefecture = regionTable.prefecture(identity.prefectureCode)): Promise<ReportSession> {
    if (!prefecture || identity.edition !== currentFormSet.edition) throw new Error(`不支持的报表 / unsupported report: ${identity.edition} ${identity.prefectureCode}`);
    const session = new ReportSession(workbook, currentFormSet, prefecture, prefectureLayout(currentFormSet, prefecture, identity.period));
    await session.reread();
    await workbook.watchChanges(session.live.sheetNames, (change) => void session.applyChange(change));
    return session;
  }

  get report(): ReportData {
    return this.live.report;
  }

  onUpdate(listener: () => void): void {
    this.listeners.push(listener);
  }

  /** A change event: re-read the changed cells only, patch, validate. */
  async applyChange(change: CellsChanged): Promise<void> {
    // Whole rows or columns ("7:9", "C:C": rows inserted or deleted, a column cleared) shift or clear what the layout expects: read everything.
    if (!CELL_RANGE.test(change.address)) return this.reread();
    const values = await this.workbook.readCells(change.sheetName, change.address);
    if (this.live.apply(change.sheetName, change.address, values)) this.validate();
  }

  /** Reads the whole workbook again (before a submit: paste and fill on the web may not raise events). */
  async reread(): Promise<void> {
    const contents = await this.workbook.readReport(this.layout);
    this.live = new LiveReport(this.layout, contents.report);
    this.previous = contents.previous;
    this.explanations = new Explanations(contents.report.explanations ?? []);
    this.validate();
  }

  explanationOf(issue: ValidationIssue): string {
    return this.explanations.textFor(issue);
  }

  /** Records the clerk's explanation of a warning, in the pane and in the 说明 sheet. */
  async explain(issue: ValidationIssue, text: string): Promise<void> {
    this.explanations.set(issue, text);
    this.validate();
    const warnings = this.result.issues.filter((candidate) => candidate.severity === "warning");
    await this.workbook.writeExplanations(this.layout, this.explanations.rows(this.layout, warnings));
  }

  validate(): void {
    this.live.report.explanations = this.explanations.list;
    this.result = validateReport({ formSet: this.formSet, prefecture: this.prefecture, report: this.live.report, layout: this.layout, ...(this.previous ? { previous: this.previous } : {}) });
    this.groups = groupIssues(this.result.issues, this.formSet.sheets.map((sheet) => sheet.code));
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
