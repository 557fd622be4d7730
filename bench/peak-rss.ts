import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";

// A Node child process run by the bench with bench/peak-rss-probe.mjs preloaded: its own peak
// memory (why not getrusage's maxRSS: the probe's comment), the probe's line taken out of stderr.

const probe = fileURLToPath(new URL("peak-rss-probe.mjs", import.meta.url));
const probeLine = /^peakRSS (\d+)$/m;

export interface MeasuredRun {
  /** Exit code, or -1 when killed by a signal. */
  status: number;
  stdout: string;
  /** The child's stderr without the probe's line. */
  stderr: string;
  /** The process's peak resident set size in MB (2^20 bytes); NaN when it died before its exit handlers ran. */
  peakMegabytes: number;
}

/** Runs `node <nodeArgs>` (options, script, arguments) and waits for it. */
export function runNodeMeasuringPeakRss(nodeArgs: string[], options: { cwd: string; maxBuffer?: number }): MeasuredRun {
  const child = spawnSync(process.execPath, ["--import", probe, ...nodeArgs], {
    cwd: options.cwd,
    encoding: "utf8",
    maxBuffer: options.maxBuffer ?? 64 * 2 ** 20,
  });
  const kibibytes = probeLine.exec(child.stderr)?.[1];
  return {
    status: child.status ?? -1,
    stdout: child.stdout,
    stderr: child.stderr.replace(probeLine, "").trimEnd(),
    peakMegabytes: kibibytes === undefined ? Number.NaN : Number(kibibytes) / 1024,
  };
}
