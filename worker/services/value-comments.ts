import type { z } from "zod";
import type { valueCommentSchema } from "../../shared/api/value-comments.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import type { Caller } from "../auth/caller.ts";
import { commentStatements, findValueComment, listValueComments } from "../db/value-comments-repository.ts";
import type { ValueCommentRecord } from "../db/value-comments-repository.ts";
import { requirePeriod } from "./require-period.ts";
import { requireValueCell } from "./require-value-cell.ts";

// A thread per value: a cell named through the period's layout (as 历史 and 跟进 name it), then the
// unit's comments on it from every period, or one comment written with its audit row in one batch.

type ValueComment = z.output<typeof valueCommentSchema>;

const shapeOf = (record: ValueCommentRecord): ValueComment => ({ ...record, address: `${record.sheetCode}!${record.cell}` });

/** The thread of `typedCell` (every period's), or without a cell every thread of the unit; 404 for no period, 400 for a cell with no stored value. */
export async function valueComments(db: D1Database, periodCode: string, unit: ReportingUnit, typedCell: string | undefined): Promise<ValueComment[]> {
  const period = await requirePeriod(db, periodCode);
  const cell = typedCell === undefined ? undefined : await requireValueCell(db, period, unit, typedCell, { location: "query", field: "cell" });
  return (await listValueComments(db, { unitCode: unit.code, cell })).map(shapeOf);
}

/** Writes a comment to the thread of `cell`, against the period (and the unit's latest revision in it). */
export async function writeValueComment(
  db: D1Database,
  caller: Caller,
  periodCode: string,
  unit: ReportingUnit,
  body: { cell: string; text: string },
): Promise<ValueComment> {
  const period = await requirePeriod(db, periodCode);
  const cell = await requireValueCell(db, period, unit, body.cell, { location: "body", field: "cell" });
  const [inserted] = await db.batch(
    commentStatements(db, {
      unitCode: unit.code,
      sheetCode: cell.sheetCode,
      cell: cell.cell,
      rowKey: cell.rowKey,
      fieldCode: cell.fieldCode,
      periodCode,
      author: caller.tokenId,
      text: body.text,
      writtenAt: new Date().toISOString(),
    }),
  );
  const written = inserted?.meta.changes ? await findValueComment(db, unit.code, inserted.meta.last_row_id) : null;
  if (!written) throw new Error(`value comment on ${cell.address} of ${unit.code} not written`);
  return shapeOf(written);
}
