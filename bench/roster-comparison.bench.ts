import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { benchLine } from "./bench-line.ts";
import { COMPARISON_PERIOD, buildComparisonDb } from "./comparison-db.ts";
import { sqliteD1 } from "./sqlite-d1.ts";

// Issue 29's comparison (比对) at the province's scale: 200,833 roster students × 250,000 list entries
// (bench/comparison-db.ts, the answer known), the Worker's own code over a SQLite file in Node. Side by
// side in the same rounds: the province's comparison computed on read (what every read did before the
// store), the consumer's recompute of every county (after a list upload; target ≤ 5 s), the read from
// the stored figures, and — after a new roster revision of one county (10,000 students) — the
// consumer's recompute of that county alone (target ≤ 1 s); and that revision's insert with and without
// 0018's roster triggers (what recording the change costs a submit). Wall times, medians.

const ROUNDS = 3;
const COUNTY_STUDENTS = 10_000;

interface Figures {
  roster: number;
  list: number;
  verified: number;
  rosterOnly: number;
  listOnly: number;
}

export async function benchRosterComparison(): Promise<string[]> {
  const dir = mkdtempSync(join(tmpdir(), "tianbao-comparison-"));
  try {
    const built = await buildComparisonDb(join(dir, "d1.sqlite"));
    const db = sqliteD1(join(dir, "d1.sqlite"));
    // Worker code, type-checked with the Worker's types: named at run time (as bench/store-js-db.ts does).
    const [figuresModule, comparisonModule, rostersModule] = [
      "../worker/services/comparison-figures.ts",
      "../worker/services/roster-comparison.ts",
      "../worker/db/rosters-repository.ts",
    ];
    const { recomputePendingCounties } = (await import(figuresModule)) as { recomputePendingCounties: (db: unknown, period: string) => Promise<string[]> };
    const { provinceRosterComparison } = (await import(comparisonModule)) as {
      provinceRosterComparison: (db: unknown, period: string, source: "stored" | "on-read") => Promise<{ province: Figures }>;
    };
    const { insertRosterStatements } = (await import(rostersModule)) as {
      insertRosterStatements: (db: unknown, revision: Record<string, string>, students: Record<string, unknown>[]) => unknown[];
    };
    const check = (province: Figures, how: string) => {
      for (const [name, value] of Object.entries(built.expected))
        if (province[name as keyof Figures] !== value) throw new Error(`comparison ${how}: ${name} ${province[name as keyof Figures]}, expected ${value}`);
    };

    // One county's next revisions: its students (hashes as stored) and people on no list, 10,000 in all.
    const county = built.counties[0] as string;
    const own = (await db
      .prepare("SELECT hex(id_hash) AS hash, stage FROM roster_students WHERE roster_id = (SELECT max(id) FROM roster_revisions WHERE unit_code = ?1)")
      .bind(county)
      .all()) as unknown as { results: { hash: string; stage: number }[] };
    const extra = built.hashes(COUNTY_STUDENTS);
    const revision = (round: number) =>
      [...own.results, ...extra.slice(0, COUNTY_STUDENTS - own.results.length - round).map((hash, index) => ({ hash, stage: index % 5 }))].map(
        (student, position) => ({
          position,
          idHash: student.hash.toLowerCase(),
          maskedId: `${county}********${String(position % 10_000).padStart(4, "0")}`,
          countyCode: county,
          stage: student.stage,
          aided: true,
          explained: 0,
        }),
      );

    const insertStatements = (idempotencyKey: string, students: Record<string, unknown>[]) =>
      insertRosterStatements(
        db,
        {
          periodCode: COMPARISON_PERIOD,
          unitCode: county,
          submittedBy: built.tokenId,
          submittedAt: new Date().toISOString(),
          idempotencyKey,
          contentSha256: "0".repeat(64),
        },
        students,
      ) as never[];
    const times = {
      onRead: [] as number[],
      recomputeAll: [] as number[],
      stored: [] as number[],
      recomputeOne: [] as number[],
      insert: [] as number[],
      bare: [] as number[],
    };
    const timed = async <T>(into: number[], work: () => Promise<T>): Promise<T> => {
      const start = performance.now();
      const result = await work();
      into.push(performance.now() - start);
      return result;
    };
    const triggers = (await db
      .prepare(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND name IN ('roster_students_comparison_change', 'roster_revisions_comparison_change')",
      )
      .all()) as unknown as { results: { name: string; sql: string }[] };
    let recomputedAll = 0;
    let recomputedOne: string[] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      check((await timed(times.onRead, () => provinceRosterComparison(db, COMPARISON_PERIOD, "on-read"))).province, "on read");
      // Every county pending again, as after a list upload: the stored figures removed, the list's changes remain.
      await db.batch([db.prepare("DELETE FROM roster_comparison_stages"), db.prepare("DELETE FROM roster_comparison_counties")]);
      recomputedAll = (await timed(times.recomputeAll, () => recomputePendingCounties(db, COMPARISON_PERIOD))).length;
      check((await timed(times.stored, () => provinceRosterComparison(db, COMPARISON_PERIOD, "stored"))).province, "stored");
      const students = revision(round);
      await timed(times.insert, () => db.batch(insertStatements(`bench ${round}`, students)));
      recomputedOne = await timed(times.recomputeOne, () => recomputePendingCounties(db, COMPARISON_PERIOD));
      if (recomputedOne.join() !== county) throw new Error(`one county's roster recomputed ${recomputedOne.join(", ")}`);
      // Back to the county's first roster, so the next round's on-read and stored answers are the known ones.
      await db.batch(insertStatements(`bench ${round} back`, students.slice(0, own.results.length)));
      await recomputePendingCounties(db, COMPARISON_PERIOD);
      // What 0018's roster triggers cost that insert (the submit's batch): the same insert without them, then
      // back (its changes unrecorded: the next round's recompute of every county starts from nothing stored).
      await db.batch(triggers.results.map(({ name }) => db.prepare(`DROP TRIGGER ${name}`)));
      await timed(times.bare, () => db.batch(insertStatements(`bare ${round}`, students)));
      await db.batch(insertStatements(`bare ${round} back`, students.slice(0, own.results.length)));
      await db.batch(triggers.results.map(({ sql }) => db.prepare(sql)));
    }
    const median = (list: number[]) => [...list.slice(1)].sort((a, b) => a - b)[Math.floor((list.length - 1) / 2)] as number;
    const [onRead, recomputeAll, stored, recomputeOne, insert, bare] = [
      times.onRead,
      times.recomputeAll,
      times.stored,
      times.recomputeOne,
      times.insert,
      times.bare,
    ].map(median) as [number, number, number, number, number, number];
    const scale = `${built.expected.roster.toLocaleString("en-US")} roster students × ${built.expected.list.toLocaleString("en-US")} list entries`;
    const reported = { max: Number.POSITIVE_INFINITY, text: "reported" };
    return [
      benchLine(`comparison.province on read (${scale}; median of ${ROUNDS})`, onRead, "ms", { max: 5_000, text: "≤ 5 s" }),
      benchLine(`comparison.province recompute of every county after a list upload (${recomputedAll} counties)`, recomputeAll, "ms", {
        max: 5_000,
        text: "≤ 5 s",
      }),
      benchLine("comparison.province read from the stored figures", stored, "ms", { max: 5_000, text: "≤ 5 s" }),
      benchLine("comparison.province on read ÷ stored read (same rounds)", onRead / stored, "×", reported),
      benchLine("comparison.province recompute of every county ÷ on read (same rounds)", recomputeAll / onRead, "×", reported),
      benchLine(
        `comparison.recompute after one county's new roster revision (${COUNTY_STUDENTS.toLocaleString("en-US")} students; ${recomputedOne.length} county recomputed)`,
        recomputeOne,
        "ms",
        { max: 1_000, text: "≤ 1 s" },
      ),
      benchLine("comparison.recompute of one county ÷ of every county (same rounds)", recomputeOne / recomputeAll, "×", reported),
      benchLine(
        `comparison.triggers' cost on a ${COUNTY_STUDENTS.toLocaleString("en-US")}-student revision's insert (${insert.toFixed(0)} ms with, ${bare.toFixed(0)} ms without)`,
        insert / bare,
        "×",
        reported,
      ),
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
