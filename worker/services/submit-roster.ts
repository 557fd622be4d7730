import type { z } from "zod";
import { problemKinds } from "../../shared/api/problem-types.ts";
import type { RosterReceipt, rosterSubmitBodySchema } from "../../shared/api/rosters.ts";
import { normaliseCitizenId } from "../../shared/roster/citizen-id.ts";
import type { RosterIdHasher } from "../../shared/roster/keyed-id-hasher.ts";
import { maskCitizenId } from "../../shared/roster/masked-id.ts";
import { ROSTER, ROSTER_STAGES } from "../../shared/roster/roster-definition.ts";
import type { RosterData } from "../../shared/roster/roster-data.ts";
import { UNLISTED_RULE } from "../../shared/roster/unlisted-students.ts";
import { validateRoster } from "../../shared/roster/validate-roster.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import type { ValidationIssue } from "../../shared/validate/validate-report.ts";
import { sha256Hex } from "../../shared/values/sha256-hex.ts";
import type { Caller } from "../auth/caller.ts";
import { findRosterByIdempotencyKey, insertRosterStatements, isRosterKeyTaken } from "../db/rosters-repository.ts";
import type { RosterRevisionRecord, StoredStudent } from "../db/rosters-repository.ts";
import { brokenStateRule } from "../db/state-rules.ts";
import { ProblemError } from "../http/problem.ts";
import { periodLockedProblem, requireOpenFor } from "./period-lock.ts";
import { requirePeriod } from "./require-period.ts";
import { EXPLAINED_BITS, rosterReceiptOf } from "./rosters.ts";

type RosterBody = z.output<typeof rosterSubmitBodySchema>;

const STAGE_INDEX = new Map(ROSTER_STAGES.map((stage, index) => [stage.labelZh, index]));

export interface RosterSubmitRequest {
  caller: Caller;
  periodCode: string;
  unit: ReportingUnit;
  idempotencyKey: string;
  body: RosterBody;
  /** The keyed hash under ROSTER_ID_KEY (rosterIdHasherOf). */
  key: RosterIdHasher;
}

/** The body as the engine reads a workbook: one row per student in order; no names (R10.3 does not ask for them). */
function rosterDataOf(unit: ReportingUnit, period: string, body: RosterBody): RosterData {
  return {
    unitCode: unit.code,
    period,
    rows: body.rows.map((row, position) => ({
      position,
      values: { E10_ID: row.id, E10_COUNTY: row.county, E10_STAGE: row.stage, E10_SCHOOL: row.school, E10_AIDED: row.aided },
    })),
    explanations: body.explanations.map((explanation) => ({ ruleId: explanation.ruleId, rowKey: normaliseCitizenId(explanation.id), text: explanation.text })),
  };
}

/** An issue as an answer may carry it: the student by the masked ID, never the raw one, and not the explanation's text (it may name a child). */
function maskedIssue({ explanation: _text, ...issue }: ValidationIssue): ValidationIssue {
  return { ...issue, rowKey: issue.rowKey && maskCitizenId(issue.rowKey) };
}

/** 422 unless the roster passes R10.1–R10.5 with every warning explained; issues name cells and masked IDs. */
function requireValidRoster(unit: ReportingUnit, roster: RosterData): Map<string, number> {
  const validation = validateRoster({ unit, roster, namesWithheld: true });
  if (!validation.canSubmit) {
    const issues = [...validation.issues.filter((issue) => issue.severity === "error"), ...validation.unexplainedWarnings].map(maskedIssue);
    throw new ProblemError(
      problemKinds.reportInvalid,
      `名册有 ${validation.errorCount} 个错误、${validation.unexplainedWarnings.length} 个未说明的警告,未保存 / The roster has ${validation.errorCount} errors and ${validation.unexplainedWarnings.length} unexplained warnings; nothing was stored`,
      { issues },
    );
  }
  // Explained warnings, by student: the bits kept (the texts are not: they may name a child).
  const explained = new Map<string, number>();
  for (const issue of validation.issues)
    if (issue.explanation) explained.set(issue.rowKey, (explained.get(issue.rowKey) ?? 0) | (EXPLAINED_BITS[issue.ruleId] ?? 0));
  for (const explanation of roster.explanations)
    if (explanation.ruleId === "X10.2" && [...explanation.text.trim()].length >= ROSTER.explanationMinLength)
      explained.set(explanation.rowKey, (explained.get(explanation.rowKey) ?? 0) | (EXPLAINED_BITS["X10.2"] as number));
  return explained;
}

/** The positions of the students whose X10.3 (名册有、库无) the clerk explained: only that, the text is not kept. */
function unlistedExplainedPositions(roster: RosterData): number[] {
  const explained = new Set(
    roster.explanations
      .filter((explanation) => explanation.ruleId === UNLISTED_RULE.id && [...explanation.text.trim()].length >= ROSTER.explanationMinLength)
      .map((explanation) => explanation.rowKey),
  );
  if (explained.size === 0) return [];
  return roster.rows.filter((row) => explained.has(normaliseCitizenId(String(row.values.E10_ID)))).map((row) => row.position);
}

/**
 * What is kept of the keyed hash: its first 128 bits (32 hex digits; a truncated HMAC, RFC 2104 §5).
 * Ample to tell 200,833 students apart (a chance collision about 1 in 10^28) and 32 bytes less a
 * student, stored twice (row and index): what keeps D1 within 120 bytes a student.
 */
export const STORED_HASH_HEX_DIGITS = 32;

/** The raw IDs used once: keyed hash and masked form; nothing else of them leaves this function. */
function studentsOf(roster: RosterData, explained: Map<string, number>, key: RosterIdHasher): StoredStudent[] {
  return roster.rows.map(({ position, values }) => {
    const id = normaliseCitizenId(String(values.E10_ID));
    return {
      position,
      idHash: key(id, STORED_HASH_HEX_DIGITS),
      maskedId: maskCitizenId(id),
      countyCode: String(values.E10_COUNTY).trim(),
      stage: STAGE_INDEX.get(String(values.E10_STAGE).trim()) as number,
      aided: String(values.E10_AIDED).trim() === "是",
      explained: explained.get(id) ?? 0,
    };
  });
}

/**
 * canonicalJson(students), written without its generic key sort: each student's keys already in
 * sorted order, its values plain. The same text (test/worker/rosters.test.ts), with a fraction of the
 * garbage on a prefecture's 40,000 students (the submit's peak heap, bench/roster-heap-probe.ts).
 */
export function studentsCanonicalJson(students: StoredStudent[]): string {
  return JSON.stringify(
    students.map(({ aided, countyCode, explained, idHash, maskedId, position, stage }) => ({
      aided,
      countyCode,
      explained,
      idHash,
      maskedId,
      position,
      stage,
    })),
  );
}

/**
 * The checked roster as D1 will store it: the content hash and the batch's statements (their rows as
 * JSON). The rows as read, the students and the canonical text are this function's alone, gone when it
 * returns: only the statements are held while D1 works (the peak heap, bench/roster-heap-probe.ts).
 */
async function storedRoster(
  db: D1Database,
  { caller, unit, idempotencyKey, body, key }: RosterSubmitRequest,
  periodCode: string,
  submittedAt: string,
): Promise<{ contentSha256: string; statements: D1PreparedStatement[] }> {
  const roster = rosterDataOf(unit, periodCode, body);
  const students = studentsOf(roster, requireValidRoster(unit, roster), key);
  const unlistedExplained = unlistedExplainedPositions(roster);
  // The X10.3 marks are stored beside the students: a retry that explains other students is another roster.
  const marks = unlistedExplained.length === 0 ? "" : `\n${JSON.stringify({ unlistedExplained })}`;
  const contentSha256 = await sha256Hex(studentsCanonicalJson(students) + marks);
  const revision = { periodCode, unitCode: unit.code, submittedBy: caller.tokenId, submittedAt, idempotencyKey, contentSha256 };
  return { contentSha256, statements: insertRosterStatements(db, revision, students, unlistedExplained) };
}

/**
 * Stores a new revision of a unit's roster, or answers with the revision this request repeats. In
 * order: the period exists (404) and is open for the unit (423); the roster passes the engine
 * (422); each ID becomes its keyed hash and masked form; a repeated idempotency key gives the first
 * receipt (422 if the roster differs); then one batch (revision, students, audit row).
 */
export async function submitRoster(db: D1Database, request: RosterSubmitRequest): Promise<{ receipt: RosterReceipt; created: boolean }> {
  const { caller, unit, idempotencyKey } = request;
  const period = await requirePeriod(db, request.periodCode);
  requireOpenFor(period, unit, "submit");
  const submittedAt = new Date().toISOString();
  const { contentSha256, statements } = await storedRoster(db, request, period.code, submittedAt);
  const findEarlier = () => findRosterByIdempotencyKey(db, caller.tokenId, unit.code, idempotencyKey);
  const replay = async (earlier: RosterRevisionRecord) => {
    if (earlier.contentSha256 !== contentSha256)
      throw new ProblemError(
        problemKinds.idempotencyKeyReused,
        `幂等键 ${idempotencyKey} 已用于名册修订 ${earlier.revision},但本次名册不同;新的报送请使用新的键 / Idempotency key ${idempotencyKey} was used for roster revision ${earlier.revision} with another roster; use a new key`,
        { revision: earlier.revision },
      );
    return { receipt: await rosterReceiptOf(db, earlier), created: false };
  };
  const earlier = await findEarlier();
  if (earlier) return replay(earlier);

  try {
    await db.batch(statements);
  } catch (error) {
    if (brokenStateRule(error) === "period-locked") throw periodLockedProblem(period, unit, "submit");
    const winner = isRosterKeyTaken(error) ? await findEarlier() : null;
    if (winner) return replay(winner);
    throw error;
  }
  return { receipt: await rosterReceiptOf(db, (await findEarlier()) as RosterRevisionRecord), created: true };
}
