import type { ApiClient, RosterReceipt } from "../../shared/api/api-client.ts";
import { submitRosterData } from "../../shared/api/submit-roster-data.ts";
import { RosterReadError, rosterAfterRowsChanged, rosterFromSheets } from "../../shared/roster/roster-from-sheets.ts";
import type { RosterSourceSheet } from "../../shared/roster/roster-from-sheets.ts";
import { ROSTER } from "../../shared/roster/roster-definition.ts";
import type { RosterData } from "../../shared/roster/roster-data.ts";
import { rosterRowCache, validateRoster } from "../../shared/roster/validate-roster.ts";
import { reportingUnitOf } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { unlistedIssues } from "../../shared/roster/unlisted-students.ts";
import type { UnlistedStudent } from "../../shared/roster/unlisted-students.ts";
import type { ValidationIssue, ValidationResult } from "../../shared/validate/validate-report.ts";
import { blockOrigin, patchRosterSheet } from "../workbook/roster-cells.ts";
import type { CellsChanged, ReportWorkbook } from "../workbook/report-workbook.ts";

/** The roster and what the engine says of it, or why the workbook cannot be read as one (its words name sheet and cell). */
export type RosterCheck = { roster: RosterData; unit: ReportingUnit; result: ValidationResult } | { problem: RosterReadError };

/**
 * The roster (教扶10) in this workbook while the clerk works on it, as ReportSession is for a report:
 * its sheets read once, each change event's block read and patched in, and the one reader and engine
 * (R10.1–R10.5) run again after each, so the issue list names sheet, cell and rule as the clerk types.
 * 报送名册 sends the rows without names (submitRosterData).
 */
export class RosterSession {
  check!: RosterCheck;
  private readonly listeners: (() => void)[] = [];
  private readonly failureListeners: ((error: unknown) => void)[] = [];
  /** The roster cell the clerk last selected (see selectionMoved). */
  private lastSelected: string | undefined;
  /** Changes are applied one after another, in the order Excel raised them. */
  private applying: Promise<void> = Promise.resolve();
  /** The engine's findings of rows unchanged since the last check: a keystroke checks its row again, not all 10,000. */
  private readonly rowCache = rosterRowCache();
  /** What the server found against the poverty list in the latest roster revision (X10.3); undefined until asked or when there is no list. */
  private unlisted: readonly UnlistedStudent[] | undefined;

  private constructor(
    readonly workbook: ReportWorkbook,
    private sheets: RosterSourceSheet[],
  ) {
    this.recheck();
  }

  /** The roster session of a workbook that holds a roster (readRosterSheets), following the clerk's edits; undefined when it holds none. */
  static async open(workbook: ReportWorkbook): Promise<RosterSession | undefined> {
    const sheets = await workbook.readRosterSheets?.();
    if (!sheets) return undefined;
    const session = new RosterSession(workbook, sheets);
    await workbook.watchChanges([ROSTER.sheetName, ROSTER.explanationsSheetName], (change) => session.changed(change));
    // A pick from a drop-down list (学段, 本期已受助) raises no change on some Excels: the next move of the selection reads the cell it left.
    await workbook.watchSelection?.([ROSTER.sheetName], () => session.selectionMoved());
    return session;
  }

  /** The unit whose roster this is, when the workbook could be read. */
  get unitCode(): string | undefined {
    return "roster" in this.check ? this.check.roster.unitCode : undefined;
  }

  onChange(listener: () => void): void {
    this.listeners.push(listener);
  }

  onFailure(listener: (error: unknown) => void): void {
    this.failureListeners.push(listener);
  }

  /** Sends the roster (only when the engine lets it: no error, every warning explained); the receipt names students by masked ID only. */
  async submit(api: ApiClient): Promise<RosterReceipt> {
    if (!("roster" in this.check) || !this.check.result.canSubmit) throw new Error("名册有未解决的问题 / the roster has unresolved issues");
    const receipt = await submitRosterData(api, this.check.roster);
    this.unlisted = receipt.listUploaded ? receipt.notOnList : undefined;
    return receipt;
  }

  /**
   * Asks the server what its latest roster revision of this unit found against the period's poverty
   * list (X10.3), so that each such student is a warning on its row from the start of the day; a
   * unit with no revision, or a period with no list, has none. One request for the findings alone,
   * not the revision's every masked row.
   */
  async loadUnlisted(api: ApiClient): Promise<void> {
    if (!("roster" in this.check)) return;
    const { period, unitCode } = this.check.roster;
    const findings = await api.rosterFindings(period, unitCode, "latest");
    if (!findings) return;
    this.unlisted = findings.listUploaded ? findings.notOnList : undefined;
    this.listeners.forEach((listener) => listener());
  }

  /** X10.3 on the rows as they are now (with the 说明 sheet's explanations); undefined when the server has not compared a list. */
  unlistedIssues(): ValidationIssue[] | undefined {
    if (!this.unlisted || !("roster" in this.check)) return undefined;
    return unlistedIssues(this.check.roster, this.unlisted);
  }

  /** Waits for the changes raised so far (tests, the bench). */
  settled(): Promise<void> {
    return this.applying;
  }

  private changed(change: CellsChanged): void {
    this.enqueue(() => this.apply(change));
  }

  /**
   * The clerk moved the selection on the roster sheet: a pick Excel raised no event for is in the cell
   * just left, so that cell is read again (the whole sheet the first time, when it is not known), and
   * the cell now selected is remembered for the next move.
   */
  private selectionMoved(): void {
    this.enqueue(async () => {
      const left = this.lastSelected;
      const now = await this.workbook.readSelectedCell();
      this.lastSelected = now?.sheetName === ROSTER.sheetName ? now.a1 : undefined;
      await this.apply({ sheetName: ROSTER.sheetName, address: left ?? "A:A" });
    });
  }

  private enqueue(work: () => Promise<void>): void {
    this.applying = this.applying
      .then(work)
      .then(() => this.listeners.forEach((listener) => listener()))
      .catch((error: unknown) => this.failureListeners.forEach((listener) => listener(error)));
  }

  /** Reads the changed block and patches it in; whole rows or columns, or a sheet the pane had not read, read every sheet again. */
  private async apply(change: CellsChanged): Promise<void> {
    const origin = blockOrigin(change.address);
    const sheet = this.sheets.find((candidate) => candidate.name === change.sheetName);
    if (origin && sheet) {
      const [values] = await this.workbook.readBlocks([change]);
      patchRosterSheet(sheet, origin.row, origin.col, values ?? []);
      this.recheck({ sheetName: sheet.name, top: origin.row, bottom: origin.row + (values?.length ?? 0) - 1 });
    } else {
      this.sheets = (await this.workbook.readRosterSheets?.()) ?? this.sheets;
      this.recheck();
    }
  }

  /** Reads the roster (only the changed rows when that is enough: a keystroke in 10,000 rows) and runs the engine. */
  private recheck(changed?: { sheetName: string; top: number; bottom: number }): void {
    try {
      const previous = changed && "roster" in this.check ? this.check.roster : undefined;
      const roster = (previous && changed && rosterAfterRowsChanged(previous, this.sheets, changed)) || rosterFromSheets(this.sheets);
      const unit = reportingUnitOf(roster.unitCode) as ReportingUnit;
      this.check = { roster, unit, result: validateRoster({ unit, roster, cache: this.rowCache }) };
    } catch (error) {
      if (!(error instanceof RosterReadError)) throw error;
      this.check = { problem: error };
    }
  }
}
