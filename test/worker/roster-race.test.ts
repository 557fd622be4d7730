import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { rosterBodyOf } from "../../shared/api/rosters.ts";
import type { RosterReceipt } from "../../shared/api/rosters.ts";
import { api, createToken, jsonRequest } from "./api-client.ts";
import type { TestToken } from "./api-client.ts";
import { countyRoster, submitRosterRequest } from "./roster-client.ts";
import { openPeriod } from "./submission-client.ts";

// The roster's promises are kept in D1's statements, so requests racing each other cannot break
// them: one revision per idempotency key, revision numbers 1, 2, … without a gap or a twin, and
// nothing stored once the period is locked.

let clerk: TestToken;
let admin: TestToken;
beforeAll(async () => {
  clerk = await createToken("clerk", "370102");
  admin = await createToken("admin");
});

const revisionsOf = async (period: string) =>
  (
    await env.DB.prepare("SELECT revision, students FROM roster_revisions WHERE period_code = ? ORDER BY revision")
      .bind(period)
      .all<{ revision: number; students: number }>()
  ).results;

describe("roster submits racing", () => {
  it("8 retries under one key store one revision; every answer is its receipt", async () => {
    await openPeriod("2041");
    const body = rosterBodyOf(countyRoster("370102", 50, 41, "2041"));
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => submitRosterRequest(clerk.token, body, { period: "2041", unitCode: "370102", idempotencyKey: "race-same-key-1" })),
    );
    expect(responses.map((response) => response.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    const receipts = (await Promise.all(responses.map((response) => response.json()))) as RosterReceipt[];
    expect(new Set(receipts.map((receipt) => receipt.revision))).toEqual(new Set([1]));
    expect(await revisionsOf("2041")).toEqual([{ revision: 1, students: 50 }]);
    expect((await env.DB.prepare("SELECT count(*) AS n FROM roster_students").first<{ n: number }>())!.n).toBe(50);
  });

  it("8 rosters under 8 keys are revisions 1–8, each with its own students", async () => {
    await openPeriod("2043");
    const responses = await Promise.all(
      Array.from({ length: 8 }, (_, index) =>
        submitRosterRequest(clerk.token, rosterBodyOf(countyRoster("370102", 10 + index, 43, "2043")), { period: "2043", unitCode: "370102" }),
      ),
    );
    expect(responses.map((response) => response.status)).toEqual(Array(8).fill(201));
    const stored = await revisionsOf("2043");
    expect(stored.map((revision) => revision.revision)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    expect(stored.map((revision) => revision.students).sort((a, b) => a - b)).toEqual([10, 11, 12, 13, 14, 15, 16, 17]);
  });

  it("submits racing a lock are stored before it or refused with 423; none after", async () => {
    await openPeriod("2045");
    const submits = Array.from({ length: 8 }, (_, index) =>
      submitRosterRequest(clerk.token, rosterBodyOf(countyRoster("370102", 5 + index, 45, "2045")), { period: "2045", unitCode: "370102" }),
    );
    const lock = api("/periods/2045/lock", jsonRequest("POST", {}, admin.token));
    const statuses = (await Promise.all(submits)).map((response) => response.status);
    expect((await lock).status).toBe(200);
    expect(statuses.every((status) => status === 201 || status === 423)).toBe(true);
    const lockedAt = await env.DB.prepare("SELECT locked_at FROM periods WHERE code = '2045'").first<string>("locked_at");
    const after = await env.DB.prepare("SELECT count(*) AS n FROM roster_revisions WHERE period_code = '2045' AND submitted_at > ?")
      .bind(lockedAt)
      .first<number>("n");
    expect(after).toBe(0);
    expect((await revisionsOf("2045")).length).toBe(statuses.filter((status) => status === 201).length);
  });
});
