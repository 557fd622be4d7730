import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { d1TargetArgs, runWrangler } from "../cli/local-d1/wrangler.ts";
import { startWranglerDev } from "../scripts/lib/wrangler-dev.ts";
import type { WranglerDev } from "../scripts/lib/wrangler-dev.ts";
import { reportingTree } from "../shared/units/reporting-tree.ts";
import type { ReportData } from "../shared/report/report-data.ts";
import { sampleReport, withValue } from "../test/support/sample-report.ts";
import { syntheticSchoolsSql } from "../test/support/synthetic-d1.ts";
import { benchLine } from "./bench-line.ts";
import { storeHeapProbe } from "./store-heap-probe.ts";
import type { BenchCall } from "./worker-http.ts";
import { benchHttp, percentile, timed, workerdCpuSeconds } from "./worker-http.ts";

// Consolidation as reports arrive (issue 15, part 4), over HTTP against `wrangler dev` (its queue and
// local D1) on this machine, on a synthetic province: the 16 prefectures' revisions submitted through
// the API, and 1,000 → 10,000 → 30,000 schools' revisions filled by SQL under the 137 counties
// (test/support/synthetic-d1.ts). A school's revision reaches the province through its prefecture's
// revision, so a pull — which reads the stored totals only — must cost the same at every size.
//   1. the stored pull (`?wait=0`, everything folded): median time and D1 rows read at each size;
//   2. submit → updated province total: 16 clerks submitting at BENCH_STORE_SUBMITS / BENCH_STORE_SECONDS
//      (default 5,000 in 600 s), each change's latency = its folded_at − changed_at + the request's time;
//   3. during that run, blocks with a loop of pulls alternate with blocks without: submit p99 of each;
//   4. workerd CPU per submit (its folds included) and per pull, in separate phases (against the county
//      submit's 50 ms: workerd's figure includes the local D1; the heap probe times the Worker's
//      JavaScript apart from D1, against 50 ms — Workers Free's 10 ms is passed: the system needs Workers Paid);
//   5. every invocation (the queue consumer's fold, a pull, a submit) under a 128 MB heap, emulated in
//      Node at the 30,000-school size (bench/store-heap-probe.ts).
// workerd's CPU includes the local D1's SQLite, which a deployed Worker does not pay.

const PERIOD = "2019";
const SCHOOLS = [1_000, 10_000, 30_000];
const PULLS = 20;
const SUBMITS = Number(process.env.BENCH_STORE_SUBMITS ?? 5_000);
const SECONDS = Number(process.env.BENCH_STORE_SECONDS ?? 600);
/** Blocks of the rate run, alternately without and with a loop of pulls. */
const PULL_BLOCK_SECONDS = 20;
const CPU_SUBMITS = 160;
const CPU_PULLS = 200;

interface Freshness {
  foldedThrough: { change: number; changedAt: string } | null;
  newestChange: number | null;
  pendingChanges: number;
}
interface Pulled {
  sheets: Record<string, { key: string; values: Record<string, number | null> }[]>;
  freshness: Freshness;
}
interface StoredPullReads {
  rowsRead: number;
  rowsReadByStatement: number[];
  nodes: number;
  totals: number;
  freshness: Freshness;
}

const decoded = async <T>(bytes: Promise<ArrayBuffer>): Promise<T> => JSON.parse(new TextDecoder().decode(await bytes)) as T;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, Math.max(0, ms)));
const pullPath = (wait: number) => `/api/v1/periods/${PERIOD}/consolidated?wait=${wait}`;

/** The field each resubmission changes (of the prefecture's first county), so that the province total moves. */
const VARIED = { sheet: "教扶04", field: "E04_NEW_RURAL" } as const;

export async function benchConsolidationStore(): Promise<string[]> {
  const dev = await startWranglerDev({ entry: "bench/worker/bench-worker.ts" });
  try {
    const { call, admin, tokenOf } = await benchHttp(dev);
    await call("POST", "/api/v1/periods", admin, { code: PERIOD });
    const province = await tokenOf({ role: "province", name: "bench 省" });
    const clerks = await Promise.all(
      reportingTree.root.children.map((prefecture) => tokenOf({ role: "clerk", unitCode: prefecture.code, name: `bench ${prefecture.code}` })),
    );
    const prefectures = reportingTree.root.children.map((prefecture, index) => ({
      code: prefecture.code,
      clerk: clerks[index] as string,
      report: sampleReport(prefecture, { seed: index + 1 }),
      revision: 0,
    }));
    const submit = async (prefecture: (typeof prefectures)[number], report: ReportData) => {
      const { ms } = await timed(() =>
        call(
          "POST",
          `/api/v1/periods/${PERIOD}/units/${prefecture.code}/submissions`,
          prefecture.clerk,
          { report, basedOnRevision: prefecture.revision || null, ...(prefecture.revision > 0 && { resubmissionReason: "bench: 更正" }) },
          { "Idempotency-Key": crypto.randomUUID() },
        ),
      );
      prefecture.report = report;
      prefecture.revision++;
      return ms;
    };
    for (const prefecture of prefectures) await submit(prefecture, prefecture.report);
    await foldedPull(call, province);

    const lines = await pullsBySize(dev, call, province);
    lines.push(...(await submitsAtRate(call, province, prefectures, submit)));
    lines.push(...(await cpuPerRequest(dev, call, province, prefectures, submit)));

    // The heap probe reads a copy of the local D1 as it stands (30,000 schools and every revision since).
    const tokens = { province, clerk: prefectures[0]?.clerk as string };
    await dev.pause();
    lines.push(...(await storeHeapProbe(dev.persistTo, tokens, SCHOOLS.at(-1) as number)));
    return lines;
  } finally {
    await dev.stop();
  }
}

/** A pull that waits for the queue, again until nothing is pending (a fold of many changes takes several invocations). */
async function foldedPull(call: BenchCall, token: string): Promise<Pulled> {
  for (let attempt = 0; attempt < 12; attempt++) {
    const pulled = await decoded<Pulled>(call("GET", pullPath(10), token));
    if (pulled.freshness.pendingChanges === 0) return pulled;
  }
  throw new Error("the consolidation queue did not fold the pending changes within two minutes");
}

/** Line 1: the stored pull at 1,000, 10,000 and 30,000 schools: time, D1 rows read, and the full re-consolidation's rows read beside it. */
async function pullsBySize(dev: WranglerDev, call: BenchCall, province: string): Promise<string[]> {
  const measured: { schools: number; ms: number; reads: StoredPullReads; fullRowsRead: number; fullRows: number }[] = [];
  let filled = 0;
  for (const schools of SCHOOLS) {
    const file = join(dev.persistTo, `schools-${schools}.sql`);
    await writeFile(file, syntheticSchoolsSql({ period: PERIOD, from: filled, count: schools - filled }));
    await runWrangler(["d1", "execute", "DB", ...d1TargetArgs({ persistTo: dev.persistTo }), "--file", file]);
    filled = schools;
    await foldedPull(call, province);

    const times: number[] = [];
    for (let round = 0; round < PULLS + 3; round++) {
      const { ms, result } = await timed(() => decoded<Pulled>(call("GET", pullPath(0), province)));
      if (result.freshness.pendingChanges !== 0) throw new Error(`a pull at ${schools} schools found ${result.freshness.pendingChanges} changes pending`);
      if (round >= 3) times.push(ms);
    }
    const reads = await decoded<StoredPullReads>(call("GET", `/bench/stored-pull/${PERIOD}`, province));
    const full = await decoded<{ rowsRead: number; rows: number }>(call("GET", `/bench/full-consolidation-reads/${PERIOD}`, province));
    measured.push({ schools, ms: percentile(times, 0.5), reads, fullRowsRead: full.rowsRead, fullRows: full.rows });
  }
  const first = measured[0] as (typeof measured)[number];
  const last = measured.at(-1) as (typeof measured)[number];
  const count = (n: number) => n.toLocaleString("en-US");
  return [
    ...measured.map(({ schools, ms }) => benchLine(`store.pull ?wait=0 at ${count(schools)} schools, p50 of ${PULLS}`, ms, "ms", { max: 1000 })),
    benchLine(`store.pull time ${count(last.schools)} ÷ ${count(first.schools)} schools`, last.ms / first.ms, "×", { max: 1.5, text: "≤ 1.5 ×" }),
    ...measured.map(({ schools, reads, fullRowsRead }) =>
      benchLine(
        `store.pull D1 rows read at ${count(schools)} schools (nodes + totals + freshness: ${reads.rowsReadByStatement.join(" + ")}; ${reads.totals} totals returned; a full re-consolidation's SELECT reads ${fullRowsRead})`,
        reads.rowsRead,
        "rows",
        { max: first.reads.rowsRead, text: `= ${first.reads.rowsRead} rows (as at ${count(first.schools)} schools)` },
      ),
    ),
  ];
}

type Prefectures = { code: string; clerk: string; report: ReportData; revision: number }[];
type Submit = (prefecture: Prefectures[number], report: ReportData) => Promise<number>;

/** The next revision of a prefecture's report: the varied field of its first county changed (the k-th submit of the run). */
function resubmission(report: ReportData, k: number): ReportData {
  const county = report.sheets[VARIED.sheet]?.[0]?.key as string;
  return withValue(report, VARIED.sheet, county, VARIED.field, 100 + (k % 300));
}

/** Lines 2 and 3: submits at a steady rate; each change's latency to the province total; submit p99 with and without a loop of pulls. */
async function submitsAtRate(call: BenchCall, province: string, prefectures: Prefectures, submit: Submit): Promise<string[]> {
  const { newestChange: before } = (await foldedPull(call, province)).freshness;
  const interval = (SECONDS * 1000) / SUBMITS;
  const start = performance.now();
  const withPulls = (at: number) => Math.floor((at - start) / (PULL_BLOCK_SECONDS * 1000)) % 2 === 1;
  const requests = new Map<string, { ms: number; pulls: boolean | undefined }>();
  const failures: string[] = [];
  let running = true;
  let pulls = 0;

  const pulling = (async () => {
    while (running) {
      if (!withPulls(performance.now())) {
        await sleep(100);
        continue;
      }
      await call("GET", pullPath(0), province);
      pulls++;
    }
  })();
  await Promise.all(
    prefectures.map(async (prefecture, index) => {
      for (let k = index; k < SUBMITS; k += prefectures.length) {
        await sleep(start + k * interval - performance.now());
        const sentAt = performance.now();
        try {
          const ms = await submit(prefecture, resubmission(prefecture.report, k));
          // A submit that straddles two blocks counts in neither.
          const besidePulls = withPulls(sentAt) === withPulls(sentAt + ms) ? withPulls(sentAt) : undefined;
          requests.set(`${prefecture.code}/${prefecture.revision}`, { ms, pulls: besidePulls });
        } catch (error) {
          failures.push(String(error).slice(0, 200));
        }
      }
    }),
  );
  const seconds = (performance.now() - start) / 1000;
  running = false;
  await pulling;
  if (failures.length > 0) throw new Error(`${failures.length} submits failed, the first: ${failures[0]}`);

  // Every change folded, and the province total is the sum of the newest revisions.
  const pulled = await foldedPull(call, province);
  const expected = prefectures.reduce(
    (sum, { report }) => sum + (report.sheets[VARIED.sheet] ?? []).reduce((subtotal, row) => subtotal + Number(row.values[VARIED.field] ?? 0), 0),
    0,
  );
  const total = pulled.sheets[VARIED.sheet]?.[0]?.values[VARIED.field];
  if (total !== expected) throw new Error(`province ${VARIED.field} is ${total}, the newest revisions sum to ${expected}`);

  const changes = await decoded<{ id: number; unit_code: string; revision: number; changed_at: string; folded_at: string | null }[]>(
    call("GET", `/bench/changes/${PERIOD}?after=${before ?? 0}`, province),
  );
  const latencies = changes.flatMap((change) => {
    const request = requests.get(`${change.unit_code}/${change.revision}`);
    if (!request || change.folded_at === null) return [];
    return [Date.parse(change.folded_at) - Date.parse(change.changed_at) + request.ms];
  });
  if (latencies.length !== requests.size) throw new Error(`${requests.size} submits made ${latencies.length} folded changes`);
  const submitTimes = (besidePulls: boolean) => [...requests.values()].filter((request) => request.pulls === besidePulls).map((request) => request.ms);
  const alone = submitTimes(false);
  const beside = submitTimes(true);
  const rate = `${SUBMITS.toLocaleString("en-US")} submits in ${seconds.toFixed(0)} s, ${(SUBMITS / seconds).toFixed(1)}/s, 16 clerks`;
  return [
    benchLine(`store.submit → province total p50 (${rate})`, percentile(latencies, 0.5) / 1000, "s", { max: 10, text: "< 10 s" }),
    benchLine(`store.submit → province total p99 (${rate})`, percentile(latencies, 0.99) / 1000, "s", { max: 10, text: "< 10 s" }),
    benchLine(`store.submit p99 without pulls (${alone.length} submits in ${PULL_BLOCK_SECONDS} s blocks)`, percentile(alone, 0.99), "ms", { max: 2000 }),
    benchLine(`store.submit p99 beside a loop of pulls (${beside.length} submits, ${pulls} pulls in the other blocks)`, percentile(beside, 0.99), "ms", {
      max: 2000,
    }),
    benchLine("store.submit p99 beside pulls ÷ without", percentile(beside, 0.99) / percentile(alone, 0.99), "×", { max: 1.25, text: "≤ 1.25 ×" }),
  ];
}

/** Line 4: workerd CPU per submit (the queue's folds of it included) and per pull, each phase alone. */
async function cpuPerRequest(dev: WranglerDev, call: BenchCall, province: string, prefectures: Prefectures, submit: Submit): Promise<string[]> {
  const processGroup = dev.pid() as number;
  await foldedPull(call, province);
  const interval = (SECONDS * 1000) / SUBMITS;
  let cpuBefore = await workerdCpuSeconds(processGroup);
  const start = performance.now();
  await Promise.all(
    prefectures.map(async (prefecture, index) => {
      for (let k = index; k < CPU_SUBMITS; k += prefectures.length) {
        await sleep(start + k * interval - performance.now());
        await submit(prefecture, resubmission(prefecture.report, SUBMITS + k));
      }
    }),
  );
  await sleep(5_000); // the queue's last folds (a batch waits up to 1 s)
  const submitCpu = (await workerdCpuSeconds(processGroup)) - cpuBefore;
  await foldedPull(call, province);

  cpuBefore = await workerdCpuSeconds(processGroup);
  for (let round = 0; round < CPU_PULLS; round++) await call("GET", pullPath(0), province);
  const pullCpu = (await workerdCpuSeconds(processGroup)) - cpuBefore;
  return [
    benchLine(`store.submit workerd CPU per submit (${CPU_SUBMITS} submits and their folds, local D1 included)`, (submitCpu * 1000) / CPU_SUBMITS, "ms", {
      max: 50,
    }),
    benchLine(`store.pull workerd CPU per pull (${CPU_PULLS} pulls ?wait=0, local D1 included)`, (pullCpu * 1000) / CPU_PULLS, "ms", { max: 50 }),
  ];
}
