import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { Session } from "node:inspector/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cpuMsSince } from "./sqlite-d1.ts";
import { PERIOD, buildSchoolStores } from "./store-schools-db.ts";

// CPU profiles of the store's requests over the tree of distinct schools (bench/store-schools-db.ts),
// one per size, to see where the time goes and whether any of it grows with the schools:
//   npx tsx bench/store-schools-profile.ts [paths: submit,school-fold,prefecture-fold,pull] [runs] [sizes] [profile prefix]
//   npx tsx bench/store-schools-profile.ts pull,submit 200 1000,30000 /tmp/schools
// Prints each size's median JavaScript (SQLite's CPU taken out) and, of V8's samples, the share of the
// garbage collector and the five functions with the most self time; with a prefix, writes each
// size's profile (<prefix>-<size>.cpuprofile) for Chrome's DevTools.

const [pathsText = "pull", runsText = "200", sizesText = "1000,30000", prefix] = process.argv.slice(2);
const sizes = sizesText.split(",").map(Number);
const dir = mkdtempSync(join(tmpdir(), "tianbao-store-schools-"));

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
}

try {
  const stores = await buildSchoolStores(dir, sizes);
  const session = new Session();
  session.connect();
  await session.post("Profiler.setSamplingInterval", { interval: 100 });
  await session.post("Profiler.enable");
  for (const path of pathsText.split(","))
    for (const store of stores) {
      const request = (run: number) => {
        if (path === "pull")
          return new Request(`http://bench.local/api/v1/periods/${PERIOD}/consolidated?wait=0`, {
            headers: { Authorization: `Bearer ${store.provinceToken}` },
          });
        const [unit, token, body] =
          path === "prefecture-fold"
            ? [store.prefecture.code, store.prefectureToken, store.prefectureBody(run)]
            : [store.school.code, store.schoolToken, store.schoolBody(run)];
        return new Request(`http://bench.local/api/v1/periods/${PERIOD}/units/${unit}/submissions`, {
          method: "POST",
          headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
          body: JSON.stringify(body),
        });
      };
      const fetchOk = async (run: number) => {
        const response = await store.fetch(request(run));
        const bytes = await response.arrayBuffer();
        if (!response.ok) throw new Error(new TextDecoder().decode(bytes).slice(0, 300));
      };
      const times: number[] = [];
      for (let run = 0; run < 20 + Number(runsText); run++) {
        if (run === 20) await session.post("Profiler.start");
        const folds = path.endsWith("fold");
        if (folds) await fetchOk(run);
        store.sqlite.cpuMs = 0;
        const cpu = process.cpuUsage();
        if (folds) await store.foldOnce();
        else await fetchOk(run);
        if (run >= 20) times.push(cpuMsSince(cpu) - store.sqlite.cpuMs);
      }
      const { profile } = await session.post("Profiler.stop");
      if (prefix) writeFileSync(`${prefix}-${path}-${store.schools}.cpuprofile`, JSON.stringify(profile));
      const self = new Map<number, number>();
      for (const sample of profile.samples ?? []) self.set(sample, (self.get(sample) ?? 0) + 1);
      const total = profile.samples?.length ?? 1;
      const byName = new Map<string, number>();
      for (const node of profile.nodes as ProfileNode[]) {
        const frame = node.callFrame;
        const name = `${frame.functionName || "(anonymous)"} ${frame.url.replace(/^.*\/wt-[^/]+\//, "")}:${frame.lineNumber + 1}`;
        byName.set(name, (byName.get(name) ?? 0) + (self.get(node.id) ?? 0));
      }
      const sorted = [...times].sort((a, b) => a - b);
      const share = (name: string) => (((byName.get(name) ?? 0) / total) * 100).toFixed(1);
      const top = [...byName]
        .filter(([name]) => !name.startsWith("(idle)") && !name.startsWith("(program)"))
        .sort((a, b) => b[1] - a[1])
        .slice(0, 5);
      console.log(
        `${path} at ${store.schools.toLocaleString("en-US")} schools: median ${sorted[Math.floor(sorted.length / 2)]?.toFixed(2)} ms of JavaScript over ${times.length} runs; samples: garbage collector ${share("(garbage collector) :0")} %, program ${share("(program) :0")} %, idle ${share("(idle) :0")} %`,
      );
      for (const [name, samples] of top) console.log(`  ${((samples / total) * 100).toFixed(1)} %  ${name}`);
    }
} finally {
  rmSync(dir, { recursive: true, force: true });
}
