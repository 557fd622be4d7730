import { z } from "zod";
import { unitCodeSchema, timestampSchema } from "./common.ts";

// GET /audit: the audit log read by an admin, by time, unit and action, a page at a time.

const BEIJING_OFFSET = "+08:00";
const dayMs = 86_400_000;

/** A bound is a timestamp, or a date read in Beijing time: `from` its first instant, `to` the instant after its last. */
const boundSchema = z.union([z.iso.datetime({ offset: true }), z.iso.date()]);
const startOf = (bound: string) => new Date(bound.length === 10 ? `${bound}T00:00:00${BEIJING_OFFSET}` : bound).toISOString();
const endOf = (bound: string) =>
  bound.length === 10 ? new Date(Date.parse(`${bound}T00:00:00${BEIJING_OFFSET}`) + dayMs).toISOString() : new Date(bound).toISOString();

export const AUDIT_PAGE_MAX = 500;

export const auditQuerySchema = z.strictObject({
  from: boundSchema.transform(startOf).optional().describe("From (inclusive): a timestamp, or a date in Beijing time, e.g. 2026-12-01"),
  to: boundSchema.transform(endOf).optional().describe("To (exclusive for a timestamp; a date includes its whole day, Beijing time)"),
  unit: unitCodeSchema.optional().describe("Only what was written to this unit's reports (period:…/prefecture:<unit>)"),
  action: z
    .string()
    .regex(/^[a-z-]+(\.[a-z-]+)?$/, "an action such as token.revoke, or its family such as token")
    .optional()
    .describe("An action (submission.accept) or a family of actions (submission)"),
  cursor: z
    .string()
    .regex(/^\d{1,15}$/, "the nextCursor of the page before")
    .transform(Number)
    .optional()
    .describe("The previous page's nextCursor"),
  limit: z
    .string()
    .regex(/^\d{1,3}$/, `a number from 1 to ${AUDIT_PAGE_MAX}`)
    .transform(Number)
    .pipe(z.number().int().min(1).max(AUDIT_PAGE_MAX))
    .optional()
    .describe(`Entries per page, at most ${AUDIT_PAGE_MAX} (100 if absent)`),
});

export const auditEntrySchema = z.object({
  id: z.number().int(),
  at: timestampSchema,
  tokenId: z.string().nullable().describe("The acting token; null for the command line's local writes and unknown tokens"),
  tokenName: z.string().nullable(),
  action: z.string(),
  target: z.string(),
  detail: z.record(z.string(), z.unknown()),
});

export const auditPageSchema = z.object({
  entries: z.array(auditEntrySchema).describe("Oldest first"),
  nextCursor: z.string().nullable().describe("Pass as cursor for the next page; null on the last page"),
});
