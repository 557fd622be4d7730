import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PERIOD, buildStoreDb } from "./store-js-db.ts";
import { cpuMsSince } from "./sqlite-d1.ts";

// A CPU profile of the store's three invocations — a submit, a pull, the fold of one submit — at
// 30,000 schools, the Worker's code in Node over SQLite (bench/store-js-db.ts):
//   npx tsx bench/store-js-profile.ts [submit|pull|fold|worst-fold] [runs] [schools]
//   npx tsx bench/store-js-profile.ts submit 300 30000 /tmp/submit.cpuprofile
// Prints the median JavaScript CPU time of the runs (SQLite's taken out); with a fourth argument, writes
// V8's CPU profile of the timed runs alone (the database's build left out) there, for Chrome's DevTools.

const [path = "submit", runsText = "200", schoolsText = "30000", profileFile] = process.argv.slice(2);
const dir = mkdtempSync(join(tmpdir(), "tianbao-store-js-"));
try {
  const store = await buildStoreDb(join(dir, "d1.sqlite"));
  await store.fillSchools(Number(schoolsText));
  const pull = () =>
    store.fetch(
      new Request(`http://bench.local/api/v1/periods/${PERIOD}/consolidated?wait=0`, { headers: { Authorization: `Bearer ${store.provinceToken}` } }),
    );
  const submit = (run: number) =>
    store.fetch(
      new Request(`http://bench.local/api/v1/periods/${PERIOD}/units/${store.prefecture.code}/submissions`, {
        method: "POST",
        headers: { Authorization: `Bearer ${store.clerkToken}`, "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
        body: JSON.stringify(store.submitBody(run)),
      }),
    );
  const session = new Session();
  if (profileFile) {
    session.connect();
    await session.post("Profiler.setSamplingInterval", { interval: 100 });
    await session.post("Profiler.enable");
    await session.post("Profiler.start");
  }
  const times: number[] = [];
  const walls: number[] = [];
  for (let run = 0; run < Number(runsText); run++) {
    if (path === "fold") {
      const response = await submit(run);
      if (!response.ok) throw new Error(await response.text());
      await response.text();
    }
    // The worst fold: every change of the period pending again, one invocation folding a full batch of units.
    if (path === "worst-fold") await store.db.prepare("UPDATE consolidation_changes SET folded_at = NULL WHERE period_code = ?1").bind(PERIOD).run();
    store.sqlite.ms = 0;
    store.sqlite.cpuMs = 0;
    const start = performance.now();
    const cpu = process.cpuUsage();
    if (path === "fold") await store.fold();
    else if (path === "worst-fold") await store.foldOnce();
    else {
      const response = await (path === "pull" ? pull() : submit(run));
      const bytes = await response.arrayBuffer();
      if (!response.ok) throw new Error(new TextDecoder().decode(bytes).slice(0, 300));
    }
    walls.push(performance.now() - start);
    times.push(cpuMsSince(cpu) - store.sqlite.cpuMs);
  }
  const warm = times.slice(Math.min(10, times.length - 1)).sort((a, b) => a - b);
  if (profileFile) writeFileSync(profileFile, JSON.stringify((await session.post("Profiler.stop")).profile));
  const wall = walls.slice(Math.min(10, walls.length - 1)).sort((a, b) => a - b);
  console.log(
    `${path}: median ${warm[Math.floor(warm.length / 2)]?.toFixed(2)} ms of JavaScript's CPU (wall time ${wall[Math.floor(wall.length / 2)]?.toFixed(2)} ms with SQLite) over ${warm.length} warm runs`,
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
