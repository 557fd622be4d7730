import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { api, createToken, jsonRequest } from "./api-client.ts";
import { openPeriod, reportOf, submitRequest } from "./submission-client.ts";

// A locked period takes no more submissions, even from requests already past their check of the
// period when the lock lands: 16 clerks submit while the admin locks, round after round, and no
// revision is stored after the lock (by the lock's time and by the order of the audit log).

const rounds = 12;
const clerks = new Map<string, string>();
let admin: string;

beforeAll(async () => {
  admin = (await createToken("admin")).token;
  for (const prefecture of reportingTree.root.children) clerks.set(prefecture.code, (await createToken("clerk", prefecture.code)).token);
});

describe("16 submits racing a lock", () => {
  it(`in ${rounds} rounds, every submit is stored before the lock or refused with 423`, async () => {
    let refused = 0;
    let stored = 0;
    for (let round = 0; round < rounds; round++) {
      // Odd years two apart: no previous period with accepted figures, so no history rules.
      const period = String(2051 + 2 * round);
      await openPeriod(period);
      const submits = reportingTree.root.children.map((prefecture) => submitRequest(clerks.get(prefecture.code)!, reportOf(prefecture, 1, period), { period }));
      // The requests take turns at D1: the lock starts `round` round trips later each round, so that it
      // lands before the submits read the period, between their check and their INSERT, or after them.
      for (let step = 0; step < round; step++) await env.DB.prepare("SELECT 1").first();
      const lock = api(`/periods/${period}/lock`, jsonRequest("POST", {}, admin));
      const responses = await Promise.all(submits);
      expect((await lock).status).toBe(200);

      expect(await Promise.all(responses.filter((response) => response.status !== 201 && response.status !== 423).map((response) => response.text()))).toEqual(
        [],
      );
      const { lockedAt } = (await env.DB.prepare("SELECT locked_at AS lockedAt FROM periods WHERE code = ?").bind(period).first<{ lockedAt: string }>())!;
      const revisions = (
        await env.DB.prepare("SELECT submitted_at AS submittedAt FROM submissions WHERE period_code = ?").bind(period).all<{ submittedAt: string }>()
      ).results;
      expect(revisions.length).toBe(responses.filter((response) => response.status === 201).length);
      expect(revisions.filter((revision) => revision.submittedAt > lockedAt)).toEqual([]);
      const audit = (
        await env.DB.prepare("SELECT id, action FROM audit_log WHERE target LIKE ? ORDER BY id").bind(`period:${period}%`).all<{ id: number; action: string }>()
      ).results;
      const lockRow = audit.find((row) => row.action === "period.lock")!;
      expect(audit.filter((row) => row.action === "submission.create" && row.id > lockRow.id)).toEqual([]);
      refused += responses.filter((response) => response.status === 423).length;
      stored += responses.filter((response) => response.status === 201).length;
    }
    // The race happened: some submits were refused, some stored, over the rounds.
    expect(refused).toBeGreaterThan(0);
    expect(stored).toBeGreaterThan(0);
  }, 120_000);

  it("a locked period takes no review either: 423 from the API, and the UPDATE itself is refused for any writer", async () => {
    const province = (await createToken("province")).token;
    const period = "2091";
    await openPeriod(period);
    const jinan = reportingTree.root.children[0]!;
    expect((await submitRequest(clerks.get(jinan.code)!, reportOf(jinan, 1, period), { period })).status).toBe(201);
    expect((await api(`/periods/${period}/lock`, jsonRequest("POST", {}, admin))).status).toBe(200);
    const refused = await api(`/periods/${period}/units/${jinan.code}/submissions/1/review`, jsonRequest("POST", { action: "accept" }, province));
    expect(refused.status).toBe(423);
    await expect(
      env.DB.prepare("UPDATE submissions SET status = 'accepted' WHERE period_code = ? AND unit_code = ?").bind(period, jinan.code).run(),
    ).rejects.toThrow(/tianbao:period-locked/);
    expect(await env.DB.prepare("SELECT status FROM submissions WHERE period_code = ?").bind(period).first("status")).toBe("submitted");
  });
});
