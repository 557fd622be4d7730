// Preloaded (`node --import`) into a child process by bench/hostile-files.bench.ts: on exit, the
// process's peak resident set size in KiB on the last line of stderr.
import { writeSync } from "node:fs";

process.on("exit", () => writeSync(2, `\nmaxRSS ${process.resourceUsage().maxRSS}\n`));
