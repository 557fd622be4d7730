import type { StoredValue } from "../../shared/report/report-values.ts";

// The normalised values of a revision (see shared/report/report-values.ts), written with the
// revision and read back by consolidation with plain SQL.

export interface RevisionLookup {
  submittedBy: string;
  unitCode: string;
  idempotencyKey: string;
}

/**
 * One INSERT of all of a revision's values, bound as a single JSON parameter and unpacked by
 * json_each: D1 binds at most 100 parameters per statement and the free plan allows 50 queries per
 * invocation, so one statement per submit, whatever its size, rather than one per 24 values. A
 * value goes to the column of its JSON type. The revision is found by its idempotency key, so this
 * runs in the same batch as the INSERT that creates it.
 */
export function insertValuesStatement(db: D1Database, revision: RevisionLookup, values: StoredValue[]): D1PreparedStatement {
  const rows = JSON.stringify(values.map((value) => [value.sheetCode, value.rowKey, value.fieldCode, value.numberValue ?? value.textValue]));
  return db
    .prepare(
      `INSERT INTO submission_values (submission_id, sheet_code, row_key, field_code, number_value, text_value)
       SELECT s.id, json_extract(v.value, '$[0]'), json_extract(v.value, '$[1]'), json_extract(v.value, '$[2]'),
         CASE WHEN json_type(v.value, '$[3]') IN ('integer', 'real') THEN json_extract(v.value, '$[3]') END,
         CASE WHEN json_type(v.value, '$[3]') = 'text' THEN json_extract(v.value, '$[3]') END
       FROM json_each(?1) AS v
       JOIN submissions s ON s.submitted_by = ?2 AND s.unit_code = ?3 AND s.idempotency_key = ?4`,
    )
    .bind(rows, revision.submittedBy, revision.unitCode, revision.idempotencyKey);
}

export interface ValueRow {
  submission_id: number;
  sheet_code: string;
  row_key: string;
  field_code: string;
  number_value: number | null;
  text_value: string | null;
}

export const toStoredValue = (row: ValueRow): StoredValue => ({
  sheetCode: row.sheet_code,
  rowKey: row.row_key,
  fieldCode: row.field_code,
  numberValue: row.number_value,
  textValue: row.text_value,
});
