import type { StoredValue } from "../../shared/report/report-values.ts";

// The normalised values of a revision (see shared/report/report-values.ts), written with the
// revision and read back by consolidation with plain SQL.

/** D1 binds at most 100 parameters per statement. */
const maxBoundParameters = 100;
const lookupParameters = 3;
const parametersPerValue = 4;
/** Values per INSERT: 3 parameters find the revision, 4 per value: (100 − 3) / 4 = 24. */
const valuesPerStatement = Math.floor((maxBoundParameters - lookupParameters) / parametersPerValue);

export interface RevisionLookup {
  submittedBy: string;
  prefectureCode: string;
  idempotencyKey: string;
}

/**
 * Multi-row INSERTs of a revision's values, each within D1's parameter limit. A value is bound
 * once, as a number or as text, and SQL puts it in the column of its type. The revision is found
 * by its idempotency key, so these run in the same batch as the INSERT that creates it.
 */
export function insertValuesStatements(db: D1Database, revision: RevisionLookup, values: StoredValue[]): D1PreparedStatement[] {
  const statements: D1PreparedStatement[] = [];
  for (let start = 0; start < values.length; start += valuesPerStatement) {
    const chunk = values.slice(start, start + valuesPerStatement);
    const rows = chunk.map(() => "(?, ?, ?, ?)").join(", ");
    statements.push(
      db
        .prepare(
          `INSERT INTO submission_values (submission_id, sheet_code, row_key, field_code, number_value, text_value)
           SELECT s.id, v.column1, v.column2, v.column3,
             CASE WHEN typeof(v.column4) = 'text' THEN NULL ELSE v.column4 END,
             CASE WHEN typeof(v.column4) = 'text' THEN v.column4 END
           FROM (VALUES ${rows}) AS v
           JOIN submissions s ON s.submitted_by = ? AND s.prefecture_code = ? AND s.idempotency_key = ?`,
        )
        .bind(
          ...chunk.flatMap((value) => [value.sheetCode, value.rowKey, value.fieldCode, value.numberValue ?? value.textValue]),
          revision.submittedBy,
          revision.prefectureCode,
          revision.idempotencyKey,
        ),
    );
  }
  return statements;
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
