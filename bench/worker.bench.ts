import { reportingTree } from "../shared/units/reporting-tree.ts";
import type { ReportData } from "../shared/report/report-data.ts";
import { startWranglerDev } from "../scripts/lib/wrangler-dev.ts";
import { sampleReport } from "../test/support/sample-report.ts";
import { benchLine } from "./bench-line.ts";
import { benchHttp, percentile, timed } from "./worker-http.ts";

// The Worker's figures, measured over HTTP against `wrangler dev` with its local D1 (Miniflare's
// SQLite), on this machine: absolute times are indicative, the ratio is the honest comparison.

const INGEST_ROUNDS = 10;
const READ_ROUNDS = 30;

export async function benchWorker(): Promise<string[]> {
  const dev = await startWranglerDev({ entry: "bench/worker/bench-worker.ts" });
  try {
    const { call, admin, tokenOf } = await benchHttp(dev);
    await call("POST", "/api/v1/periods", admin, { code: "2019" });
    const province = await tokenOf({ role: "province", name: "bench 省" });
    const clerks = await Promise.all(
      reportingTree.root.children.map((prefecture) => tokenOf({ role: "clerk", unitCode: prefecture.code, name: `bench ${prefecture.code}` })),
    );

    // Ingest: every round, 16 clerks submit their prefecture's full report at once (a new revision each).
    const reports: ReportData[] = reportingTree.root.children.map((prefecture, index) => sampleReport(prefecture, { seed: index + 1, listRows: 20 }));
    const submitPath = (period: string, unitCode: string) => `/api/v1/periods/${period}/units/${unitCode}/submissions`;
    const revisionBody = (report: ReportData, basedOnRevision: number) => ({
      report,
      basedOnRevision: basedOnRevision || null,
      ...(basedOnRevision > 0 && { resubmissionReason: "bench" }),
    });

    // For scale: one clerk alone (Jinan, the largest prefecture), in another period.
    await call("POST", "/api/v1/periods", admin, { code: "2020" });
    const jinan = { ...reports[0]!, period: "2020" };
    const alone: number[] = [];
    for (let revision = 0; revision <= INGEST_ROUNDS; revision++) {
      const { ms } = await timed(() =>
        call("POST", submitPath("2020", jinan.unitCode), clerks[0]!, revisionBody(jinan, revision), { "Idempotency-Key": crypto.randomUUID() }),
      );
      if (revision > 0) alone.push(ms);
    }

    const latencies: number[] = [];
    for (let round = 0; round <= INGEST_ROUNDS; round++) {
      const times = await Promise.all(
        reports.map(async (report, index) => {
          const path = submitPath("2019", report.unitCode);
          return (await timed(() => call("POST", path, clerks[index]!, revisionBody(report, round), { "Idempotency-Key": crypto.randomUUID() }))).ms;
        }),
      );
      if (round > 0) latencies.push(...times); // round 0 warms up
    }

    // The pull (the stored totals) vs the bare SELECT of the included revisions' values — what a full
    // re-consolidation would read — alternated so both see the same state.
    const consolidated: number[] = [];
    const bare: number[] = [];
    for (let round = 0; round < READ_ROUNDS + 3; round++) {
      const full = await timed(() => call("GET", "/api/v1/periods/2019/consolidated", province));
      const select = await timed(() => call("GET", "/bench/consolidation-rows/2019", province));
      if (round < 3) continue;
      consolidated.push(full.ms);
      bare.push(select.ms);
    }
    const rows = (JSON.parse(new TextDecoder().decode(await call("GET", "/bench/consolidation-rows/2019", province))) as unknown[]).length;
    const workbook: number[] = [];
    for (let round = 0; round < 6; round++) workbook.push((await timed(() => call("GET", "/api/v1/periods/2019/consolidated.xlsx", province))).ms);

    const consolidatedMs = percentile(consolidated, 0.5);
    const bareMs = percentile(bare, 0.5);
    return [
      benchLine("worker.ingest one clerk alone p50 (Jinan, 20 教扶06 rows)", percentile(alone, 0.5), "ms", { max: 200 }),
      benchLine(`worker.ingest p50 (16 concurrent clerks, full report, ${latencies.length} submits)`, percentile(latencies, 0.5), "ms", { max: 1000 }),
      benchLine("worker.ingest p99 (16 concurrent clerks)", percentile(latencies, 0.99), "ms", { max: 2000 }),
      benchLine("worker.consolidated JSON (16 prefectures, from the stored totals) p50", consolidatedMs, "ms", { max: 1000 }),
      benchLine(`worker.bare SELECT of the included revisions' ${rows} values (a full re-consolidation's read) p50`, bareMs, "ms", { max: 1000 }),
      benchLine("worker.consolidated / bare SELECT", consolidatedMs / bareMs, "×", { max: 2, text: "≤ 2 ×" }),
      benchLine("worker.consolidated .xlsx p50", percentile(workbook.slice(1), 0.5), "ms", { max: 2000 }),
    ];
  } finally {
    await dev.stop();
  }
}
