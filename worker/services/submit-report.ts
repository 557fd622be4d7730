import { blockingCounts } from "../../shared/validate/blocking-counts.ts";
import { receiptOf } from "./submission-shapes.ts";
import type { z } from "zod";
import type { receiptSchema, submitBodySchema } from "../../shared/api/submissions.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { canonicalJson } from "../../shared/report/canonical-json.ts";
import { reportValues } from "../../shared/report/report-values.ts";
import { validateReport } from "../../shared/validate/validate-report.ts";
import { typeReport } from "../../shared/report/typed-report.ts";
import type { CellProblem } from "../../shared/report/typed-report.ts";
import { sha256Hex } from "../../shared/values/sha256-hex.ts";
import type { Caller } from "../auth/caller.ts";
import { brokenStateRule } from "../db/state-rules.ts";
import type { PeriodRecord } from "../db/periods-repository.ts";
import {
  findByIdempotencyKey,
  findLatestRevision,
  insertSubmissionStatements,
  isIdempotencyKeyTaken,
  isStaleRevisionError,
} from "../db/submissions-repository.ts";
import type { SubmissionRecord } from "../db/submissions-repository.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { ProblemError } from "../http/problem.ts";
import { previousAcceptedReport } from "./previous-report.ts";
import { rowSources } from "../../shared/consolidate/row-sources.ts";
import type { RowSource } from "../../shared/consolidate/row-sources.ts";
import type { FormSet } from "../../shared/forms/form-set.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import { withLegacyUnitKey } from "../../shared/report/report-data.ts";
import { loadIncludedPayloads } from "../db/consolidation-repository.ts";
import { periodLockedProblem, requireOpenFor } from "./period-lock.ts";
import { formSetOfPeriod, requirePeriod } from "./require-period.ts";
import { reportOfPayload } from "../db/stored-report.ts";
import { rosterCountIssues } from "../../shared/roster/roster-counts.ts";
import { rosterCountsOf } from "./roster-counts.ts";

export type Receipt = z.output<typeof receiptSchema>;
type SubmitBody = z.output<typeof submitBodySchema>;

export interface SubmitRequest {
  caller: Caller;
  periodCode: string;
  prefecture: ReportingUnit;
  idempotencyKey: string;
  body: SubmitBody;
}

/** `created` is false when an earlier request with the same idempotency key already stored it. */
export interface SubmitOutcome {
  receipt: Receipt;
  created: boolean;
}

/**
 * Stores a new revision of a prefecture's report, or returns the receipt of the request this one
 * repeats. In order: the payload must belong to this period and prefecture (400); a repeated
 * idempotency key gives the first receipt (or 422 if the request differs); the period must accept
 * submissions (423); a report identical to the latest revision gives that revision's receipt while
 * it is 待审 or 通过 (a second click, a retry under a new key), but after a return it is a new revision
 * like any other (figures checked and found right); the client must have started from the latest revision (409); a revision after
 * a reviewed one needs a reason (422); the report must pass validation (422). Then one batch.
 */
export async function submitReport(db: D1Database, request: SubmitRequest): Promise<SubmitOutcome> {
  const { caller, prefecture, idempotencyKey, body } = request;
  const period = await requirePeriod(db, request.periodCode);
  requireReportOf(body.report, period, prefecture);
  const formSet = await formSetOfPeriod(db, period);
  const payload = canonicalJson(body.report);
  const sha256 = await sha256Hex(payload);
  const resubmissionReason = body.resubmissionReason ?? null;
  let legacySha256: Promise<string> | undefined;
  // A revision stored before migration 0012 was hashed with the unit named prefectureCode.
  const sameReport = async (stored: SubmissionRecord) =>
    stored.payloadSha256 === sha256 ||
    (stored.legacyPayload && stored.payloadSha256 === (await (legacySha256 ??= sha256Hex(canonicalJson(withLegacyUnitKey(body.report))))));
  const repeats = async (earlier: SubmissionRecord) =>
    earlier.basedOnRevision === body.basedOnRevision && earlier.resubmissionReason === resubmissionReason && (await sameReport(earlier));
  const replay = async (earlier: SubmissionRecord): Promise<SubmitOutcome> => {
    if (!(await repeats(earlier))) {
      throw new ProblemError(
        problemKinds.idempotencyKeyReused,
        `幂等键 ${idempotencyKey} 已用于修订 ${earlier.revision}，但本次请求内容不同；新的报送请使用新的键 / Idempotency key ${idempotencyKey} was used for revision ${earlier.revision} with a different request; use a new key for a new submission`,
        { revision: earlier.revision },
      );
    }
    return { receipt: receiptOf(earlier), created: false };
  };

  const findEarlier = () => findByIdempotencyKey(db, caller.tokenId, prefecture.code, idempotencyKey);
  const earlier = await findEarlier();
  if (earlier) return replay(earlier);
  // A second click stores nothing; after a return, the same figures resubmitted with a reason are the
  // clerk's word that they were checked and are right: a new revision for the reviewer (待审).
  const identicalToLatest = async (latest: SubmissionRecord | null): Promise<SubmitOutcome | undefined> =>
    latest && latest.status !== "returned" && (await sameReport(latest)) ? { receipt: receiptOf(latest), created: false } : undefined;
  /**
   * 409 unless the client started from the latest revision. A concurrent request with this very key
   * may have stored that latest revision since the lookup above: then this is a replay, not stale.
   */
  const requireBasedOnLatestOrReplay = async (latest: SubmissionRecord | null): Promise<SubmitOutcome | undefined> => {
    if (body.basedOnRevision === (latest?.revision ?? null)) return undefined;
    const winner = await findEarlier();
    if (winner) return replay(winner);
    return requireBasedOnLatest(body.basedOnRevision, latest);
  };

  requireOpenFor(period, prefecture, "submit");
  const latest = await findLatestRevision(db, period.code, prefecture.code);
  const identical = await identicalToLatest(latest);
  if (identical) return identical;
  const replayed = await requireBasedOnLatestOrReplay(latest);
  if (replayed) return replayed;
  if (latest && latest.status !== "submitted" && resubmissionReason === null) {
    const statusZh = latest.status === "returned" ? "已被退回" : "已通过审核";
    throw new ProblemError(
      problemKinds.reasonRequired,
      `修订 ${latest.revision} ${statusZh}，重报须填写 resubmissionReason / Revision ${latest.revision} was ${latest.status}; a new revision needs a resubmissionReason`,
      { errors: [{ location: "body", field: "resubmissionReason", code: "required", message: "重报原因必填 / Required for a resubmission" }] },
    );
  }

  const previous = await previousAcceptedReport(db, period, prefecture.code);
  // Typed once: validated, then its values stored.
  const problems: CellProblem[] = [];
  const typed = typeReport(formSet, prefecture, body.report, problems);
  const validation = validateReport({ formSet, unit: prefecture, report: body.report, previous, declaredOutliers: true, typed: { report: typed, problems } });
  // X10.1: in a period that requires rosters, 教扶01's county rows are their latest rosters' counts.
  const rosterIssues = period.requireRoster ? rosterCountIssues(formSet, prefecture, body.report, await rosterCountsOf(db, period.code, prefecture)) : [];
  if (!validation.canSubmit || rosterIssues.length > 0) {
    const issues = [...validation.issues.filter((issue) => issue.severity === "error"), ...rosterIssues, ...validation.unexplainedWarnings];
    const counts = blockingCounts({ errorCount: validation.errorCount + rosterIssues.length, unexplainedWarnings: validation.unexplainedWarnings });
    throw new ProblemError(problemKinds.reportInvalid, `报表有 ${counts.zh}，未保存 / The report has ${counts.en}; nothing was stored`, { issues });
  }

  const sources = await rowSourcesOf(db, period.code, formSet, prefecture, body.report);
  const submittedAt = new Date().toISOString();
  const warnings = validation.issues.filter((issue) => issue.severity === "warning");
  const explanations = JSON.stringify(warnings);
  requireFitsInRow(payload, explanations);
  const statements = insertSubmissionStatements(
    db,
    {
      periodCode: period.code,
      unitCode: prefecture.code,
      editionId: period.editionId,
      submittedBy: caller.tokenId,
      submittedAt,
      payload,
      payloadSha256: sha256,
      explanations,
      resubmissionReason,
      idempotencyKey,
      basedOnRevision: body.basedOnRevision,
      sources: sources ? JSON.stringify(sources) : null,
    },
    reportValues(formSet, prefecture, body.report, typed),
  );
  try {
    const [inserted] = await db.batch<{ id: number; revision: number }>(statements);
    const row = inserted?.results[0] as { id: number; revision: number };
    return { receipt: { submissionId: String(row.id), revision: row.revision, submittedAt, sha256, status: "submitted" }, created: true };
  } catch (error) {
    // The period was locked since it was read: the INSERT's trigger refused the revision (migration 0010).
    if (brokenStateRule(error) === "period-locked") throw periodLockedProblem(period, prefecture, "submit");
    // Another request won the race: this very key from a concurrent retry (its receipt), or a newer revision (409).
    if (isIdempotencyKeyTaken(error) || isStaleRevisionError(error)) {
      const winner = await findEarlier();
      if (winner) return replay(winner);
      if (isStaleRevisionError(error)) {
        const newest = await findLatestRevision(db, period.code, prefecture.code);
        const identicalWinner = await identicalToLatest(newest);
        if (identicalWinner) return identicalWinner;
        requireBasedOnLatest(body.basedOnRevision, newest);
      }
    }
    throw error;
  }
}

/**
 * For a unit that others report to (a prefecture and its counties): whether each county's rows are
 * its included revision's figures or the prefecture clerk's own; undefined for a unit with none below.
 */
async function rowSourcesOf(db: D1Database, periodCode: string, formSet: FormSet, unit: ReportingUnit, report: ReportData): Promise<RowSource[] | undefined> {
  if (unit.level.report?.gridRows !== "totalAndChildren" || !unit.children[0]?.level.report) return undefined;
  const included = await loadIncludedPayloads(db, periodCode, "latest", unit.code);
  return rowSources(
    formSet,
    unit,
    report,
    included.map((revision) => ({ unitCode: revision.unit_code, revision: revision.revision, report: reportOfPayload(revision.payload) })),
  );
}

/** D1 keeps at most 2,000,000 bytes in a row; a revision's row holds the payload and its explained warnings. */
export const maxStoredRowBytes = 2_000_000;

/** 413 unless the revision's row fits in D1: a report within the body limit may still carry explanations long enough to pass it. */
function requireFitsInRow(payload: string, explanations: string): void {
  const encoder = new TextEncoder();
  const bytes = encoder.encode(payload).length + encoder.encode(explanations).length;
  if (bytes <= maxStoredRowBytes) return;
  throw new ProblemError(
    problemKinds.payloadTooLarge,
    `报表连同预警说明共 ${bytes} 字节，超过可保存的 ${maxStoredRowBytes} 字节；请精简说明 / The report with its explained warnings takes ${bytes} bytes, more than the ${maxStoredRowBytes} a revision can store; shorten the explanations`,
    { maxBytes: maxStoredRowBytes },
  );
}

/** 400 unless the report is this prefecture's, for this period and its edition. */
function requireReportOf(report: SubmitBody["report"], period: PeriodRecord, prefecture: ReportingUnit): void {
  const mismatches = [
    { field: "unitCode", found: report.unitCode, expected: prefecture.code },
    { field: "period", found: report.period, expected: period.code },
    { field: "edition", found: report.edition, expected: period.editionId },
  ].filter((check) => check.found !== check.expected);
  if (mismatches.length === 0) return;
  const list = mismatches.map((check) => `report.${check.field} = ${check.found}, expected ${check.expected}`).join("; ");
  throw new ProblemError(problemKinds.invalidRequest, `报表与请求路径不符：${list} / The report does not match the request path: ${list}`, {
    errors: mismatches.map((check) => ({
      location: "body",
      field: `report.${check.field}`,
      code: "mismatch",
      message: `应为 ${check.expected}，实为 ${check.found} / Expected ${check.expected}, found ${check.found}`,
    })),
  });
}

/** 409 with the current revision unless the client started from it. */
function requireBasedOnLatest(basedOnRevision: number | null, latest: SubmissionRecord | null): undefined {
  const currentRevision = latest?.revision ?? null;
  if (basedOnRevision === currentRevision) return;
  throw new ProblemError(
    problemKinds.staleRevision,
    `当前最新修订为 ${currentRevision ?? "无"}，本次基于 ${basedOnRevision ?? "无"}；请先取回最新修订再报送 / The latest revision is ${currentRevision ?? "none"}, this one was based on ${basedOnRevision ?? "none"}; fetch the latest revision first`,
    { currentRevision, basedOnRevision, ...(latest && { current: receiptOf(latest) }) },
  );
}
