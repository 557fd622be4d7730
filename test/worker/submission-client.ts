import { env } from "cloudflare:workers";
import { regionTable } from "../../shared/regions/region-table.ts";
import type { Prefecture } from "../../shared/regions/region-table.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import { sampleReport } from "../support/sample-report.ts";
import { api, jsonRequest } from "./api-client.ts";

// Helpers for the submission endpoints: open a period, submit, review, count rows.

export const jinan = regionTable.prefecture("370100") as Prefecture;
export const qingdao = regionTable.prefecture("370200") as Prefecture;

export const submissionsPath = (period: string, prefectureCode: string) => `/periods/${period}/prefectures/${prefectureCode}/submissions`;

/** Opens a period straight in D1 (the periods endpoints have their own tests). */
export async function openPeriod(code: string, deadline: string | null = null): Promise<void> {
  await env.DB.prepare("INSERT INTO periods (code, edition_id, deadline) VALUES (?, '323/2019', ?)").bind(code, deadline).run();
}

export interface SubmitOptions {
  basedOnRevision?: number | null;
  resubmissionReason?: string;
  idempotencyKey?: string;
  period?: string;
  prefectureCode?: string;
}

export function submitRequest(token: string, report: ReportData | unknown, options: SubmitOptions = {}): Promise<Response> {
  const prefectureCode = options.prefectureCode ?? (report as ReportData).prefectureCode;
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
  return api(submissionsPath(options.period ?? "2019", prefectureCode), init);
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

export function review(token: string, period: string, prefectureCode: string, revision: number, body: unknown): Promise<Response> {
  return api(`${submissionsPath(period, prefectureCode)}/${revision}/review`, jsonRequest("POST", body, token));
}

export const reportOf = (prefecture: Prefecture, seed = 1, period = "2019") => sampleReport(prefecture, { seed, period });

/** Rows in every table a submit or a review writes: compared before and after a refused request. */
export async function rowCounts(): Promise<Record<string, number>> {
  const tables = ["submissions", "submission_values", "review_actions", "audit_log"];
  const results = await env.DB.batch<{ n: number }>(tables.map((table) => env.DB.prepare(`SELECT count(*) AS n FROM ${table}`)));
  return Object.fromEntries(tables.map((table, index) => [table, results[index]?.results[0]?.n ?? -1]));
}
