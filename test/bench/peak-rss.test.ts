import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { runNodeMeasuringPeakRss } from "../../bench/peak-rss.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import { sampleReport } from "../support/sample-report.ts";

// The bench's peak memory of a child process is the child's own: a run that needs little reads
// little even when the bench's process holds a lot (getrusage's maxRSS, read before, gave the
// parent's resident memory to every child), and a run that needs a lot reads at least that much.

const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
const MiB = 2 ** 20;
const dir = mkdtempSync(join(tmpdir(), "tianbao-peak-rss-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("the peak memory of a child run by the bench", () => {
  it("is small for `tianbao validate` of a small file while the bench's process holds 400 MB", { timeout: 60_000 }, () => {
    const jinan = reportingTree.unit("370100")!;
    const path = join(dir, "jinan.xlsx");
    writeFileSync(path, renderReportTemplate({ formSet: currentFormSet, unit: jinan, period: "2019", report: sampleReport(jinan) }));
    const ballast = Buffer.alloc(400 * MiB, 1); // filled, so resident
    expect(process.memoryUsage().rss).toBeGreaterThan(400 * MiB);

    const run = runNodeMeasuringPeakRss([join(repoRoot, "cli/bin/tianbao.mjs"), "validate", path], { cwd: repoRoot });

    expect(run.status, run.stderr).toBe(0);
    // Alone (`/usr/bin/time -f %M`) it takes about 90 MB; the parent's 400 MB must not show.
    expect(run.peakMegabytes).toBeGreaterThan(30);
    expect(run.peakMegabytes).toBeLessThan(150);
    expect(ballast.at(-1)).toBe(1);
  });

  it("holds a peak the child allocated and gave back before it exited", { timeout: 60_000 }, () => {
    const run = runNodeMeasuringPeakRss(["--expose-gc", "-e", "let b = Buffer.alloc(300 * 2 ** 20, 1); b = null; gc();"], { cwd: repoRoot });

    expect(run.status, run.stderr).toBe(0);
    expect(run.peakMegabytes).toBeGreaterThan(300);
    expect(run.peakMegabytes).toBeLessThan(400);
  });

  it("leaves the child's own stderr as it wrote it, without the probe's line", { timeout: 60_000 }, () => {
    const run = runNodeMeasuringPeakRss(["-e", "console.error('出错 / failed'); process.exitCode = 3;"], { cwd: repoRoot });

    expect(run.status).toBe(3);
    expect(run.stderr).toBe("出错 / failed");
    expect(run.peakMegabytes).toBeGreaterThan(0);
  });
});
