import { XLSX_MEDIA_TYPE } from "./problem-types.ts";
import type { z } from "zod";
import type { attachmentSchema } from "./attachments.ts";
import type { completenessSchema } from "./completeness.ts";
import type { consolidatedSchema } from "./consolidated.ts";
import type { editionSchema, editionSummarySchema } from "./editions.ts";
import type { mergedReportSchema, childrenCompletenessSchema } from "./units.ts";
import type { meSchema } from "./me.ts";
import type { openPeriodBodySchema, periodSchema, updatePeriodBodySchema } from "./periods.ts";
import type {
  cellReferenceSchema,
  diffSchema,
  receiptSchema,
  reviewBodySchema,
  submissionDetailSchema,
  submissionSummarySchema,
  submitBodySchema,
} from "./submissions.ts";
import type { createTokenBodySchema, createdTokenSchema, tokenSchema } from "./tokens.ts";
import type { auditPageSchema, auditQuerySchema } from "./audit.ts";
import type { reminderSchema, remindOutcomeSchema } from "./reminders.ts";
import type { valueHistorySchema } from "./value-history.ts";
import type { valueCommentSchema } from "./value-comments.ts";
import type { sinceAcceptedSchema } from "./since-accepted.ts";
import type { followUpSchema } from "./follow-ups.ts";
import type { PovertyListUpload, ProvinceComparison, RosterComparison, UnitComparison } from "./roster-comparison.ts";
import type { WarningAnalysisAnswer } from "./warning-analysis.ts";
import type {
  RosterCoverage,
  RosterDetail,
  RosterDuplicates,
  RosterFindings,
  RosterReceipt,
  RosterRevisionSummary,
  rosterSubmitBodySchema,
} from "./rosters.ts";

// The Worker's HTTP API as the pane and the command line use it (fetch: browsers and Node alike). Types come from the shared zod contract (types only:
// the pane trusts the server's answers and bundles no schema code).

export type Me = z.infer<typeof meSchema>;
export type Period = z.infer<typeof periodSchema>;
export type EditionSummary = z.infer<typeof editionSummarySchema>;
export type Edition = z.infer<typeof editionSchema>;
export type SubmitBody = z.input<typeof submitBodySchema>;
export type Receipt = z.infer<typeof receiptSchema>;
export type SubmissionSummary = z.infer<typeof submissionSummarySchema>;
export type SubmissionDetail = z.infer<typeof submissionDetailSchema>;
export type Completeness = z.infer<typeof completenessSchema>;
export type Diff = z.infer<typeof diffSchema>;
export type ReviewBody = z.input<typeof reviewBodySchema>;
export type CellReference = z.infer<typeof cellReferenceSchema>;
export type OpenPeriodBody = z.input<typeof openPeriodBodySchema>;
export type UpdatePeriodBody = z.input<typeof updatePeriodBodySchema>;
export type CreateTokenBody = z.input<typeof createTokenBodySchema>;
export type CreatedToken = z.infer<typeof createdTokenSchema>;
export type Token = z.infer<typeof tokenSchema>;
/** GET /audit's query as the client sends it (strings, as in the URL). */
export type AuditQuery = { [Key in keyof z.input<typeof auditQuerySchema>]?: string };
export type AuditPage = z.infer<typeof auditPageSchema>;
export type Consolidated = z.infer<typeof consolidatedSchema>;
export type Attachment = z.infer<typeof attachmentSchema>;
export type UnitCompleteness = z.infer<typeof childrenCompletenessSchema>;
export type Reminder = z.infer<typeof reminderSchema>;
export type RemindOutcome = z.infer<typeof remindOutcomeSchema>;
export type MergedReport = z.infer<typeof mergedReportSchema>;
export type ValueHistory = z.infer<typeof valueHistorySchema>;
export type SinceAccepted = z.infer<typeof sinceAcceptedSchema>;
export type FollowUp = z.infer<typeof followUpSchema>;
export type ValueComment = z.infer<typeof valueCommentSchema>;
export type RosterSubmitBody = z.input<typeof rosterSubmitBodySchema>;
export type { RosterCoverage, RosterDetail, RosterDuplicates, RosterFindings, RosterReceipt, RosterRevisionSummary };
export type { WarningAnalysisAnswer };
export type { ProvinceComparison, UnitComparison };

/** An answer of the server that is not a success: its status and problem details (application/problem+json). */
export class ApiError extends Error {
  override name = "ApiError";
  constructor(
    readonly status: number,
    readonly problem: { type?: string; title?: string; detail?: string; [extension: string]: unknown },
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }
}

/** No answer at all: offline, refused connection or timeout. */
export class NetworkError extends Error {
  override name = "NetworkError";
}

export class ApiClient {
  constructor(
    readonly baseUrl: string,
    private readonly token: string,
    private readonly timeoutMs = 30_000,
  ) {}

  me(): Promise<Me> {
    return this.json("GET", "/me");
  }

  async editions(): Promise<EditionSummary[]> {
    return (await this.json<{ editions: EditionSummary[] }>("GET", "/editions")).editions;
  }

  /** An edition with its definition (the form set as data). */
  edition(id: string): Promise<Edition> {
    return this.json("GET", `/editions/${encodeURIComponent(id)}`);
  }

  async periods(): Promise<Period[]> {
    return (await this.json<{ periods: Period[] }>("GET", "/periods")).periods;
  }

  /** Admin: opens a reporting period. */
  openPeriod(body: OpenPeriodBody): Promise<Period> {
    return this.json("POST", "/periods", body);
  }

  /** Admin: changes a period's deadline, its stamped-copy requirement or the deadlines of the levels below the prefectures. */
  updatePeriod(period: string, body: UpdatePeriodBody): Promise<Period> {
    return this.json("PATCH", `/periods/${period}`, body);
  }

  /** Admin: locks a period against further submissions. */
  lockPeriod(period: string): Promise<Period> {
    return this.json("POST", `/periods/${period}/lock`);
  }

  /** Admin: creates a token; the secret is in the answer only. */
  createToken(body: CreateTokenBody): Promise<CreatedToken> {
    return this.json("POST", "/tokens", body);
  }

  /** Admin: revokes a token (409 for the last working admin token). */
  revokeToken(id: string): Promise<Token> {
    return this.json("DELETE", `/tokens/${encodeURIComponent(id)}`);
  }

  /** Admin: one page of the audit log; pass the page's nextCursor as `cursor` for the next. */
  auditPage(query: AuditQuery): Promise<AuditPage> {
    const search = new URLSearchParams(Object.entries(query).filter((entry): entry is [string, string] => entry[1] !== undefined));
    return this.json("GET", `/audit${search.size ? `?${search}` : ""}`);
  }

  /** The prefecture's blank template for the period, as base64 .xlsx. */
  async template(period: string, unitCode: string): Promise<string> {
    return base64Of(await this.templateBytes(period, unitCode));
  }

  templateBytes(period: string, unitCode: string): Promise<Uint8Array> {
    return this.xlsx(`/periods/${period}/units/${unitCode}/template.xlsx`);
  }

  submit(period: string, unitCode: string, body: SubmitBody, idempotencyKey: string): Promise<Receipt> {
    return this.json("POST", `/periods/${period}/units/${unitCode}/submissions`, body, { "Idempotency-Key": idempotencyKey });
  }

  /** A roster revision: rows without names (rosterBodyOf strips them). 200 for a repeated key, 201 stored: both give the receipt. */
  submitRoster(period: string, unitCode: string, body: RosterSubmitBody, idempotencyKey: string): Promise<RosterReceipt> {
    return this.json("POST", `/periods/${period}/units/${unitCode}/rosters`, body, { "Idempotency-Key": idempotencyKey });
  }

  async rosterRevisions(period: string, unitCode: string): Promise<RosterRevisionSummary[]> {
    return (await this.json<{ rosters: RosterRevisionSummary[] }>("GET", `/periods/${period}/units/${unitCode}/rosters`)).rosters;
  }

  rosterRevision(period: string, unitCode: string, revision: number): Promise<RosterDetail> {
    return this.json("GET", `/periods/${period}/units/${unitCode}/rosters/${revision}`);
  }

  /**
   * A revision's X10.3 findings (名册有、库无) without its rows; `latest` for the unit's latest revision:
   * undefined when the unit has no roster in the period (404).
   */
  async rosterFindings(period: string, unitCode: string, revision: number | "latest" = "latest"): Promise<RosterFindings | undefined> {
    try {
      return await this.json<RosterFindings>("GET", `/periods/${period}/units/${unitCode}/rosters/${revision}/not-on-list`);
    } catch (error) {
      if (error instanceof ApiError && error.status === 404) return undefined;
      throw error;
    }
  }

  rosterDuplicates(period: string): Promise<RosterDuplicates> {
    return this.json("GET", `/periods/${period}/roster-duplicates`);
  }

  /** The province's roster coverage: units with a roster, counties, students, the aided share. */
  rosterCoverage(period: string): Promise<RosterCoverage> {
    return this.json("GET", `/periods/${period}/roster-coverage`);
  }

  /** The province's analysis of the included revisions' explained warnings: by rule, reason code and unit (预警分析). */
  warningAnalysis(period: string): Promise<WarningAnalysisAnswer> {
    return this.json("GET", `/periods/${period}/warning-analysis`);
  }

  /** Province: the poverty office's list (.xlsx or .csv bytes); a dry run counts and previews, keeping nothing. */
  async uploadPovertyList(period: string, file: Uint8Array, dryRun: boolean): Promise<PovertyListUpload> {
    const path = `/periods/${period}/poverty-list${dryRun ? "?dryRun=1" : ""}`;
    const response = await this.send("POST", path, { Accept: "application/json", "Content-Type": "application/octet-stream" }, file);
    return (await response.json()) as PovertyListUpload;
  }

  /** A unit's rosters compared with the list (库有、名册无 only for the county's own clerk). */
  rosterComparison(period: string, unitCode: string): Promise<RosterComparison> {
    return this.json("GET", `/periods/${period}/units/${unitCode}/roster-comparison`);
  }

  /** Province: the comparison per county and prefecture, counts only. */
  provinceRosterComparison(period: string): Promise<ProvinceComparison> {
    return this.json("GET", `/periods/${period}/roster-comparison`);
  }

  async submissions(period: string, unitCode: string): Promise<SubmissionSummary[]> {
    return (await this.json<{ submissions: SubmissionSummary[] }>("GET", `/periods/${period}/units/${unitCode}/submissions`)).submissions;
  }

  submission(period: string, unitCode: string, revision: number): Promise<SubmissionDetail> {
    return this.json("GET", `/periods/${period}/units/${unitCode}/submissions/${revision}`);
  }

  /** One revision as the filled report workbook, as base64 .xlsx. */
  async revisionWorkbook(period: string, unitCode: string, revision: number): Promise<string> {
    return base64Of(await this.xlsx(`/periods/${period}/units/${unitCode}/submissions/${revision}/workbook.xlsx`));
  }

  /** The input cells changed from revision `against` to `revision`. */
  /** A value's history: `cell` as typed, e.g. 教扶04!E7. */
  valueHistory(period: string, unitCode: string, cell: string): Promise<ValueHistory> {
    return this.json("GET", `/periods/${period}/units/${unitCode}/history?cell=${encodeURIComponent(cell)}`);
  }

  /** A value's thread (every period), or without `cell` every thread of the unit; oldest first. */
  async valueComments(period: string, unitCode: string, cell?: string): Promise<ValueComment[]> {
    const query = cell === undefined ? "" : `?cell=${encodeURIComponent(cell)}`;
    return (await this.json<{ comments: ValueComment[] }>("GET", `/periods/${period}/units/${unitCode}/comments${query}`)).comments;
  }

  /** Writes to the thread of `cell` (教扶04!E7): the unit's clerk, or a reviewer above it. */
  writeValueComment(period: string, unitCode: string, cell: string, text: string): Promise<ValueComment> {
    return this.json("POST", `/periods/${period}/units/${unitCode}/comments`, { cell, text });
  }

  /** 跟进: the unit's marks (open ones, or all). */
  async followUps(period: string, unitCode: string, all = false): Promise<FollowUp[]> {
    return (await this.json<{ followUps: FollowUp[] }>("GET", `/periods/${period}/units/${unitCode}/follow-ups${all ? "?state=all" : ""}`)).followUps;
  }

  /** 跟进: every unit's marks in the period, open ones or all (province, admin). */
  async periodFollowUps(period: string, all = false): Promise<FollowUp[]> {
    return (await this.json<{ followUps: FollowUp[] }>("GET", `/periods/${period}/follow-ups${all ? "?state=all" : ""}`)).followUps;
  }

  /** 跟进: marks the value of `cell` (教扶04!E7) with a note (whoever reviews the unit). */
  markFollowUp(period: string, unitCode: string, cell: string, note: string): Promise<FollowUp> {
    return this.json("POST", `/periods/${period}/units/${unitCode}/follow-ups`, { cell, note });
  }

  /** 跟进: clears a mark with a note (the unit's clerk or its reviewer). */
  clearFollowUp(period: string, unitCode: string, id: number, note: string): Promise<FollowUp> {
    return this.json("POST", `/periods/${period}/units/${unitCode}/follow-ups/${id}/clear`, { note });
  }

  /** What changed since the unit's newest accepted revision before this one, with the reasons. */
  sinceAccepted(period: string, unitCode: string, revision: number): Promise<SinceAccepted> {
    return this.json("GET", `/periods/${period}/units/${unitCode}/submissions/${revision}/since-accepted`);
  }

  diff(period: string, unitCode: string, revision: number, against: number): Promise<Diff> {
    return this.json("GET", `/periods/${period}/units/${unitCode}/submissions/${revision}/diff?against=${against}`);
  }

  review(period: string, unitCode: string, revision: number, body: ReviewBody): Promise<SubmissionSummary> {
    return this.json("POST", `/periods/${period}/units/${unitCode}/submissions/${revision}/review`, body);
  }

  /** Clerk: attaches the signed and stamped copy (PDF, JPEG or PNG) to a revision; the server reads its type from the bytes. */
  attach(period: string, unitCode: string, revision: number, file: Uint8Array, fileName: string): Promise<Attachment> {
    const path = `/periods/${period}/units/${unitCode}/submissions/${revision}/attachments?fileName=${encodeURIComponent(fileName)}`;
    return this.send("POST", path, { Accept: "application/json", "Content-Type": "application/octet-stream" }, file).then(
      (response) => response.json() as Promise<Attachment>,
    );
  }

  /** A revision's stamped copies, oldest first (the last is current). */
  async attachments(period: string, unitCode: string, revision: number): Promise<Attachment[]> {
    return (await this.json<{ attachments: Attachment[] }>("GET", `/periods/${period}/units/${unitCode}/submissions/${revision}/attachments`)).attachments;
  }

  /** One stamped copy's bytes, as attached. */
  async attachmentBytes(period: string, unitCode: string, revision: number, sequence: number): Promise<Uint8Array> {
    const response = await this.send("GET", `/periods/${period}/units/${unitCode}/submissions/${revision}/attachments/${sequence}`, {
      Accept: "application/pdf, image/jpeg, image/png",
    });
    return new Uint8Array(await response.arrayBuffer());
  }

  /** 催报: the unit's reviewer reminds it (409 when it owes nothing). */
  remind(period: string, unitCode: string, note?: string): Promise<Reminder> {
    return this.json("POST", `/periods/${period}/units/${unitCode}/reminders`, note === undefined ? {} : { note });
  }

  /** 催报 to several units at once; those that owe nothing are skipped and listed. */
  remindUnits(period: string, unitCodes: string[], note?: string): Promise<RemindOutcome> {
    return this.json("POST", `/periods/${period}/reminders`, { unitCodes, ...(note !== undefined && { note }) });
  }

  /** The reminders a unit received in the period, oldest first; `pending` until it submits. */
  async reminders(period: string, unitCode: string): Promise<Reminder[]> {
    return (await this.json<{ reminders: Reminder[] }>("GET", `/periods/${period}/units/${unitCode}/reminders`)).reminders;
  }

  completeness(period: string): Promise<Completeness> {
    return this.json("GET", `/periods/${period}/completeness`);
  }

  /** The units reporting to a unit (a prefecture's counties): each one's state against their level's deadline. */
  unitCompleteness(period: string, unitCode: string): Promise<UnitCompleteness> {
    return this.json("GET", `/periods/${period}/units/${unitCode}/completeness`);
  }

  /** A unit's report merged from its children's included revisions (shared/consolidate/inclusion.ts), with the revision behind each row and the children missing. */
  merged(period: string, unitCode: string): Promise<MergedReport> {
    return this.json("GET", `/periods/${period}/units/${unitCode}/merged`);
  }

  /** The province totals of the period, with each prefecture's included revision. */
  consolidated(period: string): Promise<Consolidated> {
    return this.json("GET", `/periods/${period}/consolidated`);
  }

  /** The consolidated workbook of the period, as base64 .xlsx. */
  async consolidatedWorkbook(period: string): Promise<string> {
    return base64Of(await this.consolidatedWorkbookBytes(period));
  }

  consolidatedWorkbookBytes(period: string): Promise<Uint8Array> {
    return this.xlsx(`/periods/${period}/consolidated.xlsx`);
  }

  /** The unit's workbook built from its counties, as base64 .xlsx. */
  async mergedWorkbook(period: string, unitCode: string): Promise<string> {
    return base64Of(await this.xlsx(`/periods/${period}/units/${unitCode}/merged.xlsx`));
  }

  private async json<T>(method: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<T> {
    const response = await this.send(
      method,
      path,
      { Accept: "application/json", ...headers, ...(body === undefined ? {} : { "Content-Type": "application/json" }) },
      body,
    );
    return (await response.json()) as T;
  }

  private async xlsx(path: string): Promise<Uint8Array> {
    const response = await this.send("GET", path, { Accept: XLSX_MEDIA_TYPE });
    return new Uint8Array(await response.arrayBuffer());
  }

  private async send(method: string, path: string, headers: Record<string, string>, body?: unknown): Promise<Response> {
    let response: Response;
    try {
      response = await fetch(`${this.baseUrl.replace(/\/+$/, "")}/api/v1${path}`, {
        method,
        headers: { Authorization: `Bearer ${this.token}`, ...headers },
        ...(body === undefined ? {} : { body: body instanceof Uint8Array ? (body as Uint8Array<ArrayBuffer>) : JSON.stringify(body) }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
    } catch (error) {
      throw new NetworkError(error instanceof Error ? error.message : String(error));
    }
    if (!response.ok) {
      const problem = await response.json().catch(() => ({ detail: `HTTP ${response.status}` }));
      throw new ApiError(response.status, problem as ApiError["problem"]);
    }
    return response;
  }
}

/** Office.js takes workbooks as base64. */
function base64Of(bytes: Uint8Array): string {
  let binary = "";
  for (let offset = 0; offset < bytes.length; offset += 0x8000) binary += String.fromCharCode(...bytes.subarray(offset, offset + 0x8000));
  return btoa(binary);
}
