import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { countRosterDuplicatePairs, findRosterDuplicates, insertRosterStatements, rosterDuplicatesStatement } from "../../worker/db/rosters-repository.ts";
import type { StoredStudent } from "../../worker/db/rosters-repository.ts";
import { createToken } from "./api-client.ts";
import { openPeriod } from "./submission-client.ts";

// X10.2 at the province's scale: after one county's new revision, finding its students in the other
// units' latest rosters reads this revision's rows and, through the (period, hash) index, only the
// other rows with the same hash: as many rows read with 50,000 others as with 200,000 (D1's
// rows_read), and within the 2 s.

const COUNTY_STUDENTS = 2_000;
const SHARED = 40;
const OTHER_UNITS = [
  "370103",
  "370104",
  "370105",
  "370112",
  "370113",
  "370114",
  "370115",
  "370116",
  "370117",
  "370124",
  "370126",
  "370202",
  "370203",
  "370211",
  "370212",
  "370213",
  "370214",
  "370215",
  "370281",
  "370283",
];

let sequence = 0;
/** Students with made-up keyed hashes (the hashing is not what is measured): `shared` of them hashed as the county's first ones. */
function students(count: number, countyCode: string, shared = 0): StoredStudent[] {
  return Array.from({ length: count }, (_, position) => {
    const id = position < shared ? position : ++sequence + 1_000_000;
    return { position, idHash: id.toString(16).padStart(32, "0"), maskedId: `${countyCode}********0000`, countyCode, stage: 1, aided: true, explained: 0 };
  });
}

async function store(period: string, unitCode: string, token: string, rows: StoredStudent[]): Promise<number> {
  const key = crypto.randomUUID();
  await env.DB.batch(
    insertRosterStatements(
      env.DB,
      { periodCode: period, unitCode, submittedBy: token, submittedAt: new Date().toISOString(), idempotencyKey: key, contentSha256: "0".repeat(64) },
      rows,
    ),
  );
  return (await env.DB.prepare("SELECT id FROM roster_revisions WHERE idempotency_key = ?").bind(key).first<number>("id")) as number;
}

/** Rows D1 read to find one revision's duplicates, and how long it took. */
async function detect(rosterId: number): Promise<{ rowsRead: number; ms: number; found: number }> {
  const start = performance.now();
  const found = (await findRosterDuplicates(env.DB, rosterId)).length;
  const ms = performance.now() - start;
  const { meta } = await rosterDuplicatesStatement(env.DB, rosterId).run();
  return { rowsRead: meta.rows_read, ms, found };
}

let token = "";
beforeAll(async () => {
  token = (await createToken("clerk", "370102")).id;
});

describe("cross-unit duplicates over the province's rosters", () => {
  it("reads as many rows with 200,000 other students as with 50,000, and answers within 2 s", async () => {
    const outcomes: Record<number, { rowsRead: number; ms: number; found: number }> = {};
    for (const [period, others] of [
      ["2031", 50_000],
      ["2033", 200_000],
    ] as const) {
      await openPeriod(period);
      const perUnit = others / OTHER_UNITS.length;
      for (const [index, unit] of OTHER_UNITS.entries()) await store(period, unit, token, students(perUnit, unit, index === 0 ? SHARED : 0));
      const rosterId = await store(period, "370102", token, students(COUNTY_STUDENTS, "370102", SHARED));
      outcomes[others] = await detect(rosterId);
    }
    console.log(
      `X10.2 after one county's revision (${COUNTY_STUDENTS} students): 50,000 others — ${outcomes[50_000]!.rowsRead} rows read, ${outcomes[50_000]!.ms.toFixed(0)} ms; 200,000 others — ${outcomes[200_000]!.rowsRead} rows read, ${outcomes[200_000]!.ms.toFixed(0)} ms`,
    );
    expect(outcomes[50_000]!.found).toBe(SHARED);
    expect(outcomes[200_000]!.found).toBe(SHARED);
    expect(outcomes[200_000]!.rowsRead).toBe(outcomes[50_000]!.rowsRead);
    expect(outcomes[200_000]!.rowsRead).toBeLessThan(COUNTY_STUDENTS * 4);

    // The province's pairs read every latest roster once: 202,000 students (the time is printed; flatness is the rows read above).
    const start = performance.now();
    const pairs = await countRosterDuplicatePairs(env.DB, "2033");
    const ms = performance.now() - start;
    console.log(`X10.2 pairs of units over 202,000 students: ${ms.toFixed(0)} ms`);
    expect(pairs).toEqual([{ unit_a: "370102", unit_b: "370103", students: SHARED }]);
  }, 120_000);
});
