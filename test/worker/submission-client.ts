import { env } from "cloudflare:workers";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import { sampleReport } from "../support/sample-report.ts";
import { beforeAll } from "vitest";
import { api, createToken, jsonRequest } from "./api-client.ts";
import type { TestToken } from "./api-client.ts";

// Helpers for the submission endpoints: open a period, submit, review, count rows.

export const jinan = reportingTree.unit("370100") as ReportingUnit;
export const qingdao = reportingTree.unit("370200") as ReportingUnit;

export const submissionsPath = (period: string, unitCode: string) => `/periods/${period}/units/${unitCode}/submissions`;

/** Opens a period straight in D1 (the periods endpoints have their own tests). */
export async function openPeriod(code: string, deadline: string | null = null): Promise<void> {
  await env.DB.prepare("INSERT INTO periods (code, edition_id, deadline) VALUES (?, '323/2019', ?)").bind(code, deadline).run();
}

export interface SubmitOptions {
  basedOnRevision?: number | null;
  resubmissionReason?: string;
  idempotencyKey?: string;
  period?: string;
  unitCode?: string;
}

export function submitRequest(token: string, report: ReportData | unknown, options: SubmitOptions = {}): Promise<Response> {
  const unitCode = options.unitCode ?? (report as ReportData).unitCode;
  const init = jsonRequest(
    "POST",
    {
      report,
      basedOnRevision: options.basedOnRevision ?? null,
      ...(options.resubmissionReason !== undefined && { resubmissionReason: options.resubmissionReason }),
    },
    token,
  );
  (init.headers as Record<string, string>)["Idempotency-Key"] = options.idempotencyKey ?? crypto.randomUUID();
  return api(submissionsPath(options.period ?? "2019", unitCode), init);
}

export interface Receipt {
  submissionId: string;
  revision: number;
  submittedAt: string;
  sha256: string;
  status: string;
}

/** Submits and insists on 201. */
export async function submitOk(token: string, report: ReportData, options: SubmitOptions = {}): Promise<Receipt> {
  const response = await submitRequest(token, report, options);
  const body = await response.json();
  if (response.status !== 201) throw new Error(`expected 201, got ${response.status}: ${JSON.stringify(body)}`);
  return body as Receipt;
}

export function review(token: string, period: string, unitCode: string, revision: number, body: unknown): Promise<Response> {
  return api(`${submissionsPath(period, unitCode)}/${revision}/review`, jsonRequest("POST", body, token));
}

export const reportOf = (prefecture: ReportingUnit, seed = 1, period = "2019") => sampleReport(prefecture, { seed, period });

/** Rows in every table a submit or a review writes: compared before and after a refused request. */
export async function rowCounts(): Promise<Record<string, number>> {
  const tables = ["submissions", "submission_values", "review_actions", "audit_log"];
  const results = await env.DB.batch<{ n: number }>(tables.map((table) => env.DB.prepare(`SELECT count(*) AS n FROM ${table}`)));
  return Object.fromEntries(tables.map((table, index) => [table, results[index]?.results[0]?.n ?? -1]));
}

/**
 * The set-up most Worker test files share: period 2019 open, Jinan's clerk, a province reviewer and
 * an admin. The tokens are filled in before the file's tests run (so they can be destructured now).
 */
export function usePeriod2019(): { clerk: TestToken; province: TestToken; admin: TestToken } {
  const tokens = { clerk: { id: "", token: "" }, province: { id: "", token: "" }, admin: { id: "", token: "" } };
  beforeAll(async () => {
    await openPeriod("2019");
    Object.assign(tokens.clerk, await createToken("clerk", jinan.code));
    Object.assign(tokens.province, await createToken("province"));
    Object.assign(tokens.admin, await createToken("admin"));
  });
  return tokens;
}
