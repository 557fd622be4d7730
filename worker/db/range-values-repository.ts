import { includedRevisionIdSql } from "./included-revision.ts";

// The figures the outlier ranges are made from (shared/quality/outlier-ranges.ts), in one statement.

export interface RangeValueRow {
  period_code: string;
  submission_id: number;
  row_key: string;
  field_code: string;
  number_value: number;
}

/**
 * The stored numbers of `fieldCodes` in every unit's newest accepted revision of the `earlierPeriods`
 * periods before `period`, and in every unit's newest revision of `period` unless returned (the
 * latest inclusion). A county's row may be in its own revision and in its prefecture's: the caller
 * keeps the newer submission's. Money is in hundredths, as stored.
 */
export async function listRangeValues(db: D1Database, period: string, earlierPeriods: number, fieldCodes: readonly string[]): Promise<RangeValueRow[]> {
  const { results } = await db
    .prepare(
      `WITH chosen AS (
         SELECT CASE WHEN p.period_code = ?1 THEN ${includedRevisionIdSql("latest", "p.period_code", "p.unit_code")}
                     ELSE ${includedRevisionIdSql("accepted", "p.period_code", "p.unit_code")} END AS id
         FROM (SELECT DISTINCT period_code, unit_code FROM submissions
               WHERE CAST(period_code AS INTEGER) BETWEEN CAST(?1 AS INTEGER) - ?2 AND CAST(?1 AS INTEGER)) p
       )
       SELECT s.period_code, v.submission_id, v.row_key, v.field_code, v.number_value
       FROM chosen JOIN submissions s ON s.id = chosen.id JOIN submission_values v ON v.submission_id = s.id
       WHERE v.number_value IS NOT NULL AND v.field_code IN (SELECT value FROM json_each(?3))`,
    )
    .bind(period, earlierPeriods, JSON.stringify(fieldCodes))
    .all<RangeValueRow>();
  return results;
}
