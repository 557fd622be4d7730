import type { z } from "zod";
import { HISTORY_PERIODS } from "../../shared/api/value-history.ts";
import type { valueEntrySchema, valueHistorySchema } from "../../shared/api/value-history.ts";
import { shownStoredValue } from "../../shared/report/value-cell.ts";
import type { FieldType } from "../../shared/forms/form-schema.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { listValueHistory } from "../db/value-history-repository.ts";
import type { ValueHistoryRow } from "../db/value-history-repository.ts";
import { requirePeriod } from "./require-period.ts";
import { requireValueCell } from "./require-value-cell.ts";

// A value's history: the cell named through this period's layout, then one read of its stored values.

type ValueHistory = z.output<typeof valueHistorySchema>;
type ValueEntry = z.output<typeof valueEntrySchema>;

const entryOf =
  (type: FieldType) =>
  (row: ValueHistoryRow): ValueEntry => ({
    period: row.period_code,
    revision: row.revision,
    status: row.status,
    value: shownStoredValue(type, row.number_value, row.text_value),
    submittedAt: row.submitted_at,
    submittedByName: row.submitted_by_name,
    resubmissionReason: row.resubmission_reason,
    explanations: JSON.parse(row.explanations) as ValueEntry["explanations"],
    reviews: JSON.parse(row.reviews) as ValueEntry["reviews"],
  });

/** The history of the value `typedCell` names in the unit's report of the period: 404 for no period, 400 for no stored cell. */
export async function valueHistory(db: D1Database, periodCode: string, unit: ReportingUnit, typedCell: string): Promise<ValueHistory> {
  const period = await requirePeriod(db, periodCode);
  const cell = await requireValueCell(db, period, unit, typedCell, { location: "query", field: "cell" });
  const rows = await listValueHistory(db, { periodCode, unitCode: unit.code, ...cell, earlierPeriods: HISTORY_PERIODS });
  const entries = rows.map(entryOf(cell.type));
  return {
    period: periodCode,
    unitCode: unit.code,
    sheetCode: cell.sheetCode,
    sheetName: cell.sheetName,
    cell: cell.cell,
    address: cell.address,
    rowKey: cell.rowKey,
    fieldCode: cell.fieldCode,
    labelZh: cell.labelZh,
    labelEn: cell.labelEn,
    earlier: entries.filter((entry) => entry.period !== periodCode),
    revisions: entries.filter((entry) => entry.period === periodCode),
  };
}
