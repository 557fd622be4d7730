import type { Inclusion } from "../../shared/consolidate/inclusion.ts";

// The inclusion rule of shared/consolidate/inclusion.ts in SQL, for the statements that read or fold
// what consolidation includes (and the fold's fence, which must see the rule inside its transaction).

/**
 * The id of the revision a unit contributes, or NULL: `period` and `unit` are SQL expressions (a
 * parameter or a column). Under latest: the newest revision unless returned, else the newest
 * accepted one — a revision not accepted counts only while it is the newest. Under accepted: the
 * newest accepted one.
 */
export function includedRevisionIdSql(inclusion: Inclusion, period: string, unit: string): string {
  const candidates =
    inclusion === "accepted"
      ? "status = 'accepted'"
      : `(status = 'accepted' OR (status = 'submitted' AND revision = (SELECT max(revision) FROM submissions WHERE period_code = ${period} AND unit_code = ${unit})))`;
  return `(SELECT id FROM submissions WHERE period_code = ${period} AND unit_code = ${unit} AND ${candidates} ORDER BY revision DESC LIMIT 1)`;
}

/** The ids of the revisions the units reporting to a parent contribute (one per child that has one). ?1 = period, ?2 = the parent unit. */
export function includedRevisionIdsOfChildrenSql(inclusion: Inclusion): string {
  return `SELECT ${includedRevisionIdSql(inclusion, "?1", "r.code")} FROM regions r WHERE r.parent_code = ?2`;
}
