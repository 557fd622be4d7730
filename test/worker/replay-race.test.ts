import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { jinan, reportOf, submitRequest, usePeriod2019 } from "./submission-client.ts";
import type { Receipt } from "./submission-client.ts";

// A replay always gets its receipt: identical submits racing with one Idempotency-Key store one
// revision; that request answers 201 and every other one 200 with the same receipt, never 409.

const ROUNDS = 12;
// 384 submits: about 3 s on an idle machine, 15 s on a loaded two-core one; a correctness test, not a speed target (those are in npm run bench).
const CONCURRENT = 32;

const { clerk } = usePeriod2019();

describe("32 identical submits racing with one Idempotency-Key", () => {
  // 12 × 32 submits take a few seconds alone and more on a loaded machine: a correctness test, not a timed one.
  it(`answer one 201 and 31 × 200 with the same receipt, round after round (${ROUNDS} rounds, each based on the last)`, { timeout: 120_000 }, async () => {
    let basedOnRevision: number | null = null;
    for (let round = 1; round <= ROUNDS; round++) {
      const report = reportOf(jinan, round);
      const idempotencyKey = crypto.randomUUID();
      const responses = await Promise.all(Array.from({ length: CONCURRENT }, () => submitRequest(clerk.token, report, { basedOnRevision, idempotencyKey })));
      const statuses = responses.map((response) => response.status);
      expect(
        statuses.filter((status) => status === 201),
        `round ${round}: ${statuses.join(" ")}`,
      ).toHaveLength(1);
      expect(
        statuses.filter((status) => status === 200),
        `round ${round}: ${statuses.join(" ")}`,
      ).toHaveLength(CONCURRENT - 1);
      const receipts = (await Promise.all(responses.map((response) => response.json()))) as Receipt[];
      expect(new Set(receipts.map((receipt) => JSON.stringify(receipt))).size, `round ${round}`).toBe(1);
      expect(receipts[0]!.revision).toBe(round);
      basedOnRevision = round;
    }
    expect(await env.DB.prepare("SELECT count(*) AS n FROM submissions WHERE unit_code = ?").bind(jinan.code).first("n")).toBe(ROUNDS);
  });
});
