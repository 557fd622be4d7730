import { demoCountyReports } from "../scripts/demo/demo-workbooks.ts";
import { startWranglerDev } from "../scripts/lib/wrangler-dev.ts";
import type { ReportData } from "../shared/report/report-data.ts";
import { benchLine } from "./bench-line.ts";
import { benchHttp, percentile, timed, workerdCpuSeconds } from "./worker-http.ts";

// The counties reporting, over HTTP against `wrangler dev` and its local D1, on this machine: 137
// county clerks submitting at once (wall time per submit, and the Worker runtime's CPU time per
// submit read from the workerd processes, apart from the network and the client), and a
// prefecture's merge against the bare read of the same rows, side by side. 137 submits at once queue
// on one local isolate, so their wall times are mostly waiting; the CPU per submit is the figure to
// hold against the Workers limits (it includes the local D1's SQLite, which a deployed Worker does not pay).
// Targets (issue 31): p50 ≤ 1 s, p99 ≤ 2 s; beside them 137 × the CPU per submit, what one isolate taking
// them one after another makes the last one wait.

const SUBMIT_ROUNDS = 4;
const MERGE_ROUNDS = 30;

export async function benchCounties(): Promise<string[]> {
  const dev = await startWranglerDev({ entry: "bench/worker/bench-worker.ts" });
  try {
    const { call, admin, tokenOf } = await benchHttp(dev);
    await call("POST", "/api/v1/periods", admin, { code: "2019" });
    const reports = demoCountyReports().flatMap(({ countyReports }) => countyReports);
    const clerks = await Promise.all(reports.map((report) => tokenOf({ role: "clerk", unitCode: report.unitCode, name: `bench ${report.unitCode}` })));
    const jinanClerk = await tokenOf({ role: "clerk", unitCode: "370100", name: "bench 370100" });

    // Every round the 137 clerks submit at once, each a new revision: the same figures signed by another filler (an identical report makes none).
    const signed = (report: ReportData, round: number): ReportData => {
      const cover = report.sheets["封面"]?.[0];
      return cover ? { ...report, sheets: { ...report.sheets, 封面: [{ ...cover, values: { ...cover.values, C_FILLER: `填报员${round}` } }] } } : report;
    };
    const processGroup = dev.pid() as number;
    const latencies: number[] = [];
    let cpuSeconds = 0;
    // Besides workerd's: wrangler's own Node process (its proxy in front of workerd) and this client's.
    let groupCpuSeconds = 0;
    let clientCpuMs = 0;
    let roundsMs = 0;
    const submit = async (report: ReportData, index: number, round: number) =>
      (
        await timed(() =>
          call(
            "POST",
            `/api/v1/periods/2019/units/${report.unitCode}/submissions`,
            clerks[index] as string,
            { report: signed(report, round), basedOnRevision: round || null, ...(round > 0 && { resubmissionReason: "bench" }) },
            { "Idempotency-Key": crypto.randomUUID() },
          ),
        )
      ).ms;
    for (let round = 0; round <= SUBMIT_ROUNDS; round++) {
      const cpuBefore = await workerdCpuSeconds(processGroup);
      const groupBefore = await workerdCpuSeconds(processGroup, true);
      const clientBefore = process.cpuUsage();
      const start = performance.now();
      const times = await Promise.all(reports.map((report, index) => submit(report, index, round)));
      if (round === 0) continue; // warms up
      roundsMs += performance.now() - start;
      const client = process.cpuUsage(clientBefore);
      clientCpuMs += (client.user + client.system) / 1000;
      cpuSeconds += (await workerdCpuSeconds(processGroup)) - cpuBefore;
      groupCpuSeconds += (await workerdCpuSeconds(processGroup, true)) - groupBefore;
      latencies.push(...times);
    }
    // The same submits one clerk after another: a submit's latency when it waits for no other.
    const alone: number[] = [];
    for (const [index, report] of reports.entries()) alone.push(await submit(report, index, SUBMIT_ROUNDS + 1));

    // The merged route against the bare read of the rows it merges, alternated so both see the same state.
    const merged: number[] = [];
    const bare: number[] = [];
    for (let round = 0; round < MERGE_ROUNDS + 3; round++) {
      const { ms: full } = await timed(() => call("GET", "/api/v1/periods/2019/units/370100/merged", jinanClerk));
      const { ms: select } = await timed(() => call("GET", "/bench/merge-rows/2019/370100", jinanClerk));
      if (round < 3) continue;
      merged.push(full);
      bare.push(select);
    }
    const mergedMs = percentile(merged, 0.5);
    const bareMs = percentile(bare, 0.5);
    // What bounds the latencies: one local isolate runs the submits one after another, so the last of 137 waits for
    // about 137 submits' CPU (local SQLite included); a deployed Worker spreads them over isolates.
    const cpuPerSubmitMs = (cpuSeconds * 1000) / latencies.length;
    return [
      benchLine(`worker.county submit p50 (137 concurrent county clerks, ${latencies.length} submits)`, percentile(latencies, 0.5), "ms", { max: 1000 }),
      benchLine("worker.county submit p99 (137 concurrent county clerks)", percentile(latencies, 0.99), "ms", { max: 2000 }),
      benchLine("worker.county submit workerd CPU per submit (process CPU time / submits, local D1 included)", cpuPerSubmitMs, "ms", {
        max: 50,
      }),
      benchLine("worker.county 137 × CPU per submit (one isolate, one after another: the p99's floor under wrangler dev)", 137 * cpuPerSubmitMs, "ms", {
        max: Number.POSITIVE_INFINITY,
        text: "bound",
      }),
      benchLine("worker.county submit p99 ÷ 137 × CPU per submit", percentile(latencies, 0.99) / (137 * cpuPerSubmitMs), "×", {
        max: Number.POSITIVE_INFINITY,
        text: "reported",
      }),
      benchLine(
        "worker.county CPU of a round (wrangler dev's processes + this client) ÷ its wall time, on 2 cores shared with other work",
        (groupCpuSeconds * 1000 + clientCpuMs) / roundsMs,
        "cores",
        { max: Number.POSITIVE_INFINITY, text: "reported" },
      ),
      benchLine("worker.county submit p50, one clerk after another (137 submits, none waiting for another)", percentile(alone, 0.5), "ms", {
        max: Number.POSITIVE_INFINITY,
        text: "reported",
      }),
      benchLine("worker.merged JSON (Jinan, 12 counties) p50", mergedMs, "ms", { max: 1000 }),
      benchLine("worker.bare read of the same revisions p50", bareMs, "ms", { max: 1000 }),
      benchLine("worker.merged / bare read", mergedMs / bareMs, "×", { max: 2, text: "≤ 2 ×" }),
    ];
  } finally {
    await dev.stop();
  }
}
