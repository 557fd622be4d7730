import type { FieldType } from "../forms/form-schema.ts";
import type { FormSet } from "../forms/form-set.ts";
import { sheetCellOfText } from "../layout/typed-cell.ts";
import { unitLayout } from "../layout/workbook-layout.ts";
import { reportScopeOf } from "../units/report-scope.ts";
import type { ReportingUnit } from "../units/unit-tree.ts";
import { integerScaleOf } from "./integer-scale.ts";

/** One input cell of a unit's report, as its values are stored (`submission_values`): a value with a history. */
export interface ValueCell {
  sheetCode: string;
  sheetName: string;
  /** A1 in this period's layout. */
  cell: string;
  /** 教扶04!E7 */
  address: string;
  rowKey: string;
  fieldCode: string;
  labelZh: string;
  labelEn: string;
  type: FieldType;
}

export type ValueCellOutcome = { found: ValueCell } | { refusedZh: string; refusedEn: string };

/**
 * The stored value a typed cell ("教扶04!E7") names in a unit's report, through the layout: a grid
 * row's input or a cover field. Refused, in words: no cell of the forms; the 合计 row and formula
 * fields (computed, never stored); a list sheet's rows (their place moves, their key is the row's content).
 */
export function valueCellOf(formSet: FormSet, unit: ReportingUnit, period: string, typed: string): ValueCellOutcome {
  const layout = unitLayout(formSet, unit, period);
  const named = sheetCellOfText(layout, typed);
  let place: { row: string | number; fieldCode: string } | undefined;
  try {
    place = named?.sheet.locate(named.a1);
  } catch {
    place = undefined; // beyond the grid's last row or column
  }
  if (!named || !place) return { refusedZh: `${typed} 不是报表中的单元格`, refusedEn: `${typed} is not a cell of the forms` };
  const { sheet } = named.sheet;
  const field = sheet.field(place.fieldCode);
  const address = `${sheet.code}!${named.a1}`;
  if (sheet.kind === "list")
    return { refusedZh: `${address} 在名单表中，行的位置不固定`, refusedEn: `${address} is on a list sheet, whose rows have no fixed place` };
  const scope = reportScopeOf(unit);
  if (!field || field.formula || field.prefill || (sheet.kind === "grid" && place.row === scope.totalKey))
    return { refusedZh: `${address} 由公式或汇总得出，不单独保存`, refusedEn: `${address} is computed, not stored on its own` };
  return {
    found: {
      sheetCode: sheet.code,
      sheetName: sheet.name,
      cell: named.a1,
      address,
      rowKey: sheet.kind === "cover" ? scope.code : String(place.row),
      fieldCode: field.code,
      labelZh: field.labelZh,
      labelEn: field.labelEn,
      type: field.type,
    },
  };
}

/** A stored value as the report shows it: money (万元) from its integer hundredths, counts and text as they are. */
export function shownStoredValue(type: FieldType, numberValue: number | null, textValue: string | null): number | string | null {
  return numberValue !== null ? numberValue / integerScaleOf(type) : textValue;
}
