import type { CreateTokenBody } from "../api/api-client.ts";
import type { Role } from "../units/roles.ts";
import { fieldIssuesOf } from "../api/field-issues.ts";
import type { FieldIssue } from "../api/field-issues.ts";
import { defaultTokenExpiry } from "../api/token-expiry.ts";
import { createTokenBodySchema } from "../api/tokens.ts";
import { reportingUnitOf, unitRefusalOf } from "../units/reporting-tree.ts";
import { sha256Hex } from "../values/sha256-hex.ts";
import { generateTokenSecret } from "../values/token-secret.ts";

// The one builder of token rows. POST /tokens (worker/services/tokens.ts) and the command line's
// writes straight into D1 (cli/local-d1/token-sql.ts) both make their row here, so what the API
// refuses `tianbao token create --local` refuses too, and both give the same default expiry.

/** A row of `tokens` as written: the secret's SHA-256, never the secret. */
export interface NewTokenRow {
  id: string;
  tokenSha256: string;
  role: Role;
  /** A clerk's reporting unit (a prefecture or a county); null for province and admin. */
  unitCode: string | null;
  name: string;
  createdAt: string;
  /** The token that made it; null when written straight into D1 (no API token acted). */
  createdBy: string | null;
  /** When it stops working; null: never. */
  expiresAt: string | null;
}

/**
 * The row of a new token and its secret (print it once, never store it), or the error `refuse`
 * makes of what is wrong with the request: the API's own schema (role, unit given to clerks only,
 * a name of clean text), a unit of the reporting tree, an expiry ahead of `now`.
 */
export async function buildTokenRow(
  asked: CreateTokenBody,
  made: { now: Date; createdBy: string | null },
  refuse: (issues: FieldIssue[]) => Error,
): Promise<{ row: NewTokenRow; secret: string }> {
  const parsed = createTokenBodySchema.safeParse(asked);
  if (!parsed.success) throw refuse(fieldIssuesOf(parsed.error));
  const body = parsed.data;
  const issues: FieldIssue[] = [];
  const unitCode = body.unitCode ?? null;
  if (unitCode !== null && !reportingUnitOf(unitCode)) {
    const { zh, en } = unitRefusalOf(unitCode);
    issues.push({ field: "unitCode", code: "unknown_unit", message: `${zh} / ${en}` });
  }
  // An expiry asked for must lie ahead: a token born expired is a mistake, not a token.
  if (body.expiresAt !== undefined && Date.parse(body.expiresAt) <= made.now.getTime())
    issues.push({ field: "expiresAt", code: "expiry_in_past", message: `有效期 ${body.expiresAt} 已过 / The expiry ${body.expiresAt} is not in the future` });
  if (issues.length > 0) throw refuse(issues);
  const secret = generateTokenSecret();
  const row: NewTokenRow = {
    id: crypto.randomUUID(),
    tokenSha256: await sha256Hex(secret),
    role: body.role,
    unitCode,
    name: body.name,
    createdAt: made.now.toISOString(),
    createdBy: made.createdBy,
    // Normalised like created_at (toISOString), so SQL compares them as text.
    expiresAt: body.expiresAt ? new Date(body.expiresAt).toISOString() : defaultTokenExpiry(body.role, made.now),
  };
  return { row, secret };
}
