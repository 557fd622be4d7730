import { env, exports } from "cloudflare:workers";
import type { Role } from "../../worker/auth/caller.ts";
import { sha256Hex } from "../../shared/values/sha256-hex.ts";
import { generateTokenSecret } from "../../shared/values/token-secret.ts";
import { assertDeclared } from "./declared-responses.ts";

// Helpers for calling the Worker in-process and for arranging rows directly in D1.

export const origin = "https://tianbao.test";

/** Calls the Worker; every response is checked against what its route declares (declared-responses.ts). */
export async function api(path: string, init: RequestInit = {}): Promise<Response> {
  const request = new Request(`${origin}/api/v1${path}`, init);
  const response = await exports.default.fetch(request);
  await assertDeclared(request.method, request.url, response.clone());
  return response;
}

export function jsonRequest(method: string, body: unknown, token?: string): RequestInit {
  return {
    method,
    headers: { "Content-Type": "application/json", ...(token && { Authorization: `Bearer ${token}` }) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  };
}

export const bearer = (token: string): RequestInit => ({ headers: { Authorization: `Bearer ${token}` } });

export interface TestToken {
  id: string;
  token: string;
}

let tokenCounter = 0;

/** Inserts a token straight into D1 (as `tianbao token create --local` does) and returns its secret. */
export async function createToken(role: Role, unitCode: string | null = null): Promise<TestToken> {
  const token = generateTokenSecret();
  const id = `test-${role}-${++tokenCounter}-${crypto.randomUUID()}`;
  await env.DB.prepare("INSERT INTO tokens (id, token_sha256, role, unit_code, name) VALUES (?, ?, ?, ?, ?)")
    .bind(id, await sha256Hex(token), role, unitCode, `test ${role} ${tokenCounter}`)
    .run();
  return { id, token };
}

export interface Problem {
  type: string;
  title: string;
  status: number;
  detail: string;
  errors?: { location: string; field: string; code: string; message: string }[];
  [extension: string]: unknown;
}

/** Asserts the response is problem+json with that status, and returns the body. */
export async function expectProblem(response: Response, status: number): Promise<Problem> {
  const body = (await response.json()) as Problem;
  if (response.status !== status) throw new Error(`expected ${status}, got ${response.status}: ${JSON.stringify(body)}`);
  if (!response.headers.get("Content-Type")?.startsWith("application/problem+json")) {
    throw new Error(`not problem+json: ${response.headers.get("Content-Type")}`);
  }
  if (body.status !== status || !body.type || !body.title.includes(" / ") || !body.detail) {
    throw new Error(`malformed problem: ${JSON.stringify(body)}`);
  }
  return body;
}

export async function auditActions(target?: string): Promise<string[]> {
  const statement = target
    ? env.DB.prepare("SELECT action FROM audit_log WHERE target = ? ORDER BY id").bind(target)
    : env.DB.prepare("SELECT action FROM audit_log ORDER BY id");
  const { results } = await statement.all<{ action: string }>();
  return results.map((row) => row.action);
}
