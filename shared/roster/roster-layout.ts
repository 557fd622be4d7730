import { columnLetter } from "../xlsx/cell-address.ts";
import { ROSTER_FIELDS } from "./roster-definition.ts";
import type { RosterFieldCode } from "./roster-definition.ts";

/**
 * Where a roster's cells are: the template puts its title in row 1, the unit and period in row 2,
 * the labels in row 3, the field codes in hidden row 4 (the reader finds the columns by them) and
 * students from row 5, one field a column in the order of ROSTER_FIELDS. Rows are 0-based here.
 */
export interface RosterLayout {
  codeRow: number;
  firstDataRow: number;
  columns: Readonly<Record<RosterFieldCode, number>>;
}

export const ROSTER_TITLE_ROW = 0;
export const ROSTER_UNIT_ROW = 1;
export const ROSTER_LABEL_ROW = 2;

export const STANDARD_ROSTER_LAYOUT: RosterLayout = {
  codeRow: 3,
  firstDataRow: 4,
  columns: Object.fromEntries(ROSTER_FIELDS.map((field, index) => [field.code, index])) as Record<RosterFieldCode, number>,
};

/** A function from (position, field) to the A1 address of that cell, with the column letters worked out once. */
export function rosterCellLocator(layout: RosterLayout): (position: number, field: RosterFieldCode) => string {
  const letters = Object.fromEntries(Object.entries(layout.columns).map(([code, column]) => [code, columnLetter(column)])) as Record<RosterFieldCode, string>;
  const firstRowNumber = layout.firstDataRow + 1;
  return (position, field) => `${letters[field]}${firstRowNumber + position}`;
}

/** The 说明 sheet of a roster workbook: heading row, then one explanation a row, in these columns. */
export const ROSTER_EXPLANATION_COLUMNS = [
  { key: "ruleId", labelZh: "规则", width: 8 },
  { key: "cell", labelZh: "单元格", width: 8 },
  { key: "rowKey", labelZh: "身份证件号码", width: 22 },
  { key: "message", labelZh: "问题", width: 60 },
  { key: "text", labelZh: "说明", width: 40 },
] as const;
