import { auditStatement } from "./audit-log.ts";

// Outlier ranges set by hand (migration 0016): append-only; the newest row per unit and field counts, a NULL range clears it.

export interface OutlierRangeSettingRecord {
  id: number;
  periodCode: string;
  unitCode: string;
  fieldCode: string;
  low: number | null;
  high: number | null;
  note: string;
  setAt: string;
  setByName: string;
}

export interface NewOutlierRangeSetting {
  periodCode: string;
  unitCode: string;
  fieldCode: string;
  low: number | null;
  high: number | null;
  note: string;
  setBy: string;
  setAt: string;
}

/** The setting and its audit row, for one batch (the table's checks and triggers refuse a bad range or a locked period). */
export function outlierRangeSettingStatements(db: D1Database, setting: NewOutlierRangeSetting): D1PreparedStatement[] {
  return [
    db
      .prepare("INSERT INTO outlier_range_settings (period_code, unit_code, field_code, low, high, note, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .bind(setting.periodCode, setting.unitCode, setting.fieldCode, setting.low, setting.high, setting.note, setting.setBy, setting.setAt),
    auditStatement(db, {
      tokenId: setting.setBy,
      action: setting.low === null ? "outlier-range.clear" : "outlier-range.set",
      target: `period:${setting.periodCode}/unit:${setting.unitCode}/field:${setting.fieldCode}`,
      detail: { low: setting.low, high: setting.high, note: setting.note },
      at: setting.setAt,
    }),
  ];
}

interface SettingRow {
  id: number;
  period_code: string;
  unit_code: string;
  field_code: string;
  low: number | null;
  high: number | null;
  note: string;
  set_at: string;
  set_by_name: string;
}

const toRecord = (row: SettingRow): OutlierRangeSettingRecord => ({
  id: row.id,
  periodCode: row.period_code,
  unitCode: row.unit_code,
  fieldCode: row.field_code,
  low: row.low,
  high: row.high,
  note: row.note,
  setAt: row.set_at,
  setByName: row.set_by_name,
});

/** Every setting of these row units in the period, oldest first. */
export async function listOutlierRangeSettings(db: D1Database, periodCode: string, unitCodes: readonly string[]): Promise<OutlierRangeSettingRecord[]> {
  const { results } = await db
    .prepare(
      `SELECT r.id, r.period_code, r.unit_code, r.field_code, r.low, r.high, r.note, r.set_at, t.name AS set_by_name
       FROM outlier_range_settings r JOIN tokens t ON t.id = r.set_by
       WHERE r.period_code = ? AND r.unit_code IN (SELECT value FROM json_each(?)) ORDER BY r.id`,
    )
    .bind(periodCode, JSON.stringify(unitCodes))
    .all<SettingRow>();
  return results.map(toRecord);
}
