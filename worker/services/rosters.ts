import { problemKinds } from "../../shared/api/problem-types.ts";
import type { RosterCoverage, RosterDetail, RosterDuplicates, RosterFindings, RosterReceipt, RosterRevisionSummary } from "../../shared/api/rosters.ts";
import { ROSTER_STAGES } from "../../shared/roster/roster-definition.ts";
import { reportingTree, unitNameOf } from "../../shared/units/reporting-tree.ts";
import {
  countRosterDuplicatePairs,
  rosterCoverageCounts,
  findRosterDuplicates,
  findRosterFindings,
  findRosterUnlisted,
  findRosterRevision,
  listRosterRevisions,
  listRosterStudents,
} from "../db/rosters-repository.ts";
import type { RosterRevisionRecord, StudentRow, UnlistedRow } from "../db/rosters-repository.ts";
import { ProblemError } from "../http/problem.ts";
import { requirePeriod } from "./require-period.ts";

// Reading rosters: masked rows, counts and the cross-unit duplicates (X10.2). Whoever may read the
// unit (its clerk, the clerk above it, the province) reads the same: nothing here holds a raw ID.

/** The warnings a clerk may explain, as bits of roster_students.explained (the texts are not kept: they may name a child). */
export const EXPLAINED_BITS: Readonly<Record<string, number>> = { "R10.4": 1, "R10.5": 2, "X10.2": 4 };
const EXPLAINED_RULES = Object.entries(EXPLAINED_BITS).map(([rule, bit]) => [bit, rule] as const);

const summaryOf = (record: RosterRevisionRecord): RosterRevisionSummary => ({
  revision: record.revision,
  submittedAt: record.submittedAt,
  submittedBy: record.submittedBy,
  submittedByName: record.submittedByName,
  students: record.students,
  sha256: record.contentSha256,
});

/**
 * A revision's receipt: what was stored, its students found in other units' latest rosters (naming the
 * other unit only, X10.2) and those in no entry of the period's poverty list (X10.3), by row.
 */
export async function rosterReceiptOf(db: D1Database, record: RosterRevisionRecord): Promise<RosterReceipt> {
  const [found, unlisted] = await Promise.all([findRosterDuplicates(db, record.id), findRosterUnlisted(db, record.id)]);
  const duplicates = found.map((row) => ({
    maskedId: row.masked_id,
    otherUnitCode: row.other_unit,
    otherUnitName: unitNameOf(row.other_unit),
    explained: (row.explained & (EXPLAINED_BITS["X10.2"] as number)) !== 0,
  }));
  return {
    ...summaryOf(record),
    duplicates,
    listUploaded: unlisted.listUploaded,
    notOnList: unlisted.students.map(unlistedOf),
  };
}

const unlistedOf = (row: UnlistedRow): RosterReceipt["notOnList"][number] => ({
  maskedId: row.masked_id,
  position: row.position,
  explained: row.explained === 1,
});

/**
 * A revision's X10.3 findings (`latest`: the unit's latest revision) without its rows: what the pane
 * marks on a workbook's rows when it opens, read in one statement (a prefecture's 40,000 rows are
 * not sent, nor masked, to name the few off the list).
 */
export async function rosterFindings(db: D1Database, periodCode: string, unitCode: string, revision: number | "latest"): Promise<RosterFindings> {
  const found = await findRosterFindings(db, periodCode, unitCode, revision);
  if (!found) {
    await requirePeriod(db, periodCode);
    const which = revision === "latest" ? "" : ` ${revision}`;
    throw new ProblemError(
      problemKinds.notFound,
      `${unitCode} 在 ${periodCode} 没有名册修订${which} / No roster revision${which} of ${unitCode} in ${periodCode}`,
    );
  }
  return { revision: found.revision, students: found.students, listUploaded: found.listUploaded, notOnList: found.unlisted.map(unlistedOf) };
}

export async function listRosters(db: D1Database, periodCode: string, unitCode: string): Promise<RosterRevisionSummary[]> {
  await requirePeriod(db, periodCode);
  return (await listRosterRevisions(db, periodCode, unitCode)).map(summaryOf);
}

/** Students by county and stage, with how many were aided: what 教扶01 is checked against (X10.1). */
function countsOf(rows: StudentRow[]): RosterDetail["counts"] {
  const counts = new Map<string, RosterDetail["counts"][number]>();
  for (const row of rows) {
    const stage = ROSTER_STAGES[row.stage] as (typeof ROSTER_STAGES)[number];
    const key = `${row.county_code}/${row.stage}`;
    const count = counts.get(key) ?? { countyCode: row.county_code, stage: stage.labelZh, countField: stage.countField, students: 0, aided: 0 };
    count.students++;
    count.aided += row.aided;
    counts.set(key, count);
  }
  return [...counts.values()].sort((a, b) => a.countyCode.localeCompare(b.countyCode) || a.countField.localeCompare(b.countField));
}

export async function rosterDetail(db: D1Database, periodCode: string, unitCode: string, revision: number): Promise<RosterDetail> {
  const record = await findRosterRevision(db, periodCode, unitCode, revision);
  if (!record)
    throw new ProblemError(
      problemKinds.notFound,
      `${unitCode} 在 ${periodCode} 没有名册修订 ${revision} / No roster revision ${revision} of ${unitCode} in ${periodCode}`,
    );
  const rows = await listRosterStudents(db, record.id);
  return {
    ...(await rosterReceiptOf(db, record)),
    unitCode,
    period: periodCode,
    counts: countsOf(rows),
    rows: rows.map((row) => ({
      position: row.position,
      maskedId: row.masked_id,
      countyCode: row.county_code,
      stage: (ROSTER_STAGES[row.stage] as (typeof ROSTER_STAGES)[number]).labelZh,
      aided: row.aided === 1,
      explained: EXPLAINED_RULES.filter(([bit]) => (row.explained & bit) !== 0).map(([, rule]) => rule),
    })),
  };
}

/** The province's roster coverage of a period: units with a roster, counties covered, students and the aided share. */
export async function rosterCoverage(db: D1Database, periodCode: string): Promise<RosterCoverage> {
  await requirePeriod(db, periodCode);
  const counts = await rosterCoverageCounts(db, periodCode);
  const countiesTotal = reportingTree.root.children.reduce((sum, prefecture) => sum + prefecture.children.length, 0);
  const aidedShare = counts.students === 0 ? null : Math.round((counts.aided / counts.students) * 10_000) / 10_000;
  return { period: periodCode, ...counts, countiesTotal, aidedShare };
}

/** X10.2 for the province: pairs of units whose latest rosters share students, with counts (no student listed). */
export async function rosterDuplicatePairs(db: D1Database, periodCode: string): Promise<RosterDuplicates> {
  await requirePeriod(db, periodCode);
  const pairs = (await countRosterDuplicatePairs(db, periodCode)).map((row) => ({
    unitCodes: [row.unit_a, row.unit_b] as [string, string],
    unitNames: [unitNameOf(row.unit_a), unitNameOf(row.unit_b)] as [string, string],
    students: row.students,
  }));
  return { period: periodCode, pairs };
}
