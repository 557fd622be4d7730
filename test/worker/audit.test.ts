import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, bearer, createToken, expectProblem } from "./api-client.ts";
import type { TestToken } from "./api-client.ts";

// GET /audit: an admin reads the audit log by time, unit and action, a page at a time.

interface AuditPage {
  entries: { id: number; at: string; tokenId: string | null; tokenName: string | null; action: string; target: string; detail: Record<string, unknown> }[];
  nextCursor: string | null;
}

let admin: TestToken;
let clerk: TestToken;

// Written straight in D1 at chosen times (the writes themselves have their own tests). 2026-03-01 in
// Beijing time runs from 2026-02-28T16:00Z to 2026-03-01T16:00Z.
const rows = [
  { at: "2026-02-28T15:59:59.999Z", action: "period.open", target: "period:2026" },
  { at: "2026-02-28T16:00:00.000Z", action: "submission.create", target: "period:2026/prefecture:370100" },
  { at: "2026-03-01T08:00:00.000Z", action: "submission.create", target: "period:2026/prefecture:370200" },
  { at: "2026-03-01T09:00:00.000Z", action: "submission.accept", target: "period:2026/prefecture:370100" },
  { at: "2026-03-01T15:59:59.999Z", action: "token.create", target: "token:someone" },
  { at: "2026-03-01T16:00:00.000Z", action: "submission.return", target: "period:2026/prefecture:370102" },
];

beforeAll(async () => {
  admin = await createToken("admin");
  clerk = await createToken("clerk", "370100");
  for (const row of rows) {
    await env.DB.prepare("INSERT INTO audit_log (at, token_id, action, target, detail) VALUES (?, ?, ?, ?, ?)")
      .bind(row.at, clerk.id, row.action, row.target, JSON.stringify({ note: row.action }))
      .run();
  }
});

async function read(query: string): Promise<AuditPage> {
  const response = await api(`/audit${query}`, bearer(admin.token));
  expect(response.status).toBe(200);
  return (await response.json()) as AuditPage;
}

const targetsOf = (page: AuditPage) => page.entries.map((entry) => `${entry.action} ${entry.target}`);

describe("GET /audit", () => {
  it("reads every entry oldest first, with who acted and the detail", async () => {
    const page = await read("");
    expect(targetsOf(page)).toEqual(rows.map((row) => `${row.action} ${row.target}`));
    expect(page.entries[0]).toMatchObject({ at: rows[0]?.at, tokenId: clerk.id, tokenName: expect.stringContaining("clerk"), detail: { note: "period.open" } });
    expect(page.nextCursor).toBeNull();
  });

  it("pages: following nextCursor reads each entry once", async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const page: AuditPage = await read(`?limit=4${cursor ? `&cursor=${cursor}` : ""}`);
      expect(page.entries.length).toBeLessThanOrEqual(4);
      seen.push(...targetsOf(page));
      cursor = page.nextCursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(2);
    expect(seen).toEqual(rows.map((row) => `${row.action} ${row.target}`));
  });

  it("from and to: a date is a whole day in Beijing time; timestamps are from inclusive, to exclusive", async () => {
    expect(targetsOf(await read("?from=2026-03-01&to=2026-03-01"))).toEqual(rows.slice(1, 5).map((row) => `${row.action} ${row.target}`));
    expect(targetsOf(await read("?from=2026-03-01T08:00:00Z&to=2026-03-01T09:00:00Z"))).toEqual(["submission.create period:2026/prefecture:370200"]);
    expect(targetsOf(await read("?from=2026-03-01T17:00:00%2B08:00"))).toEqual([
      "submission.accept period:2026/prefecture:370100",
      "token.create token:someone",
      "submission.return period:2026/prefecture:370102",
    ]);
  });

  it("unit: that unit's writes only (not its counties'); action: one action, or a family", async () => {
    expect(targetsOf(await read("?unit=370100"))).toEqual([
      "submission.create period:2026/prefecture:370100",
      "submission.accept period:2026/prefecture:370100",
    ]);
    expect(targetsOf(await read("?action=submission.create"))).toEqual([
      "submission.create period:2026/prefecture:370100",
      "submission.create period:2026/prefecture:370200",
    ]);
    expect((await read("?action=submission")).entries.map((entry) => entry.action)).toEqual([
      "submission.create",
      "submission.create",
      "submission.accept",
      "submission.return",
    ]);
    expect(targetsOf(await read("?action=submission&unit=370100&from=2026-03-01T08:30:00Z"))).toEqual(["submission.accept period:2026/prefecture:370100"]);
    expect((await read("?action=sub")).entries).toEqual([]);
  });

  it("refuses a bad query, naming the parameter", async () => {
    for (const [query, field] of [
      ["?limit=0", "limit"],
      ["?limit=501", "limit"],
      ["?from=yesterday", "from"],
      ["?unit=37", "unit"],
      ["?action=token%25", "action"],
      ["?cursor=-1", "cursor"],
      ["?user=someone", ""],
    ] as const) {
      const problem = await expectProblem(await api(`/audit${query}`, bearer(admin.token)), 400);
      expect(problem.errors?.[0]?.location).toBe("query");
      if (field) expect(problem.errors?.[0]?.field).toBe(field);
    }
  });
});
