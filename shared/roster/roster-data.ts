import type { CellValue } from "../report/report-data.ts";
import type { RosterFieldCode } from "./roster-definition.ts";
import type { RosterLayout } from "./roster-layout.ts";

/** One student's row as read: raw cell values (an ID may arrive as a number: the engine refuses it). */
export interface RosterRow {
  /** The row's place among the data rows (0 = first data row), so that messages name the right cell. */
  position: number;
  values: Partial<Record<RosterFieldCode, CellValue>>;
}

/** An explanation (说明) of a warning: which rule, for which student (the normalised ID), and why. */
export interface RosterExplanation {
  ruleId: string;
  /** The student's normalised ID: the explanation follows the student when rows are sorted or inserted. */
  rowKey: string;
  text: string;
}

/** A unit's roster of a period, as the workbook holds it (names included: it stays on the clerk's machine). */
export interface RosterData {
  unitCode: string;
  period: string;
  rows: RosterRow[];
  explanations: RosterExplanation[];
  /** Where the rows were read (the columns of a roster whose columns a clerk moved); the template's by default. */
  layout?: RosterLayout | undefined;
}
