// Preloaded (`node --import`) into a child process by bench/peak-rss.ts: on exit, the process's own
// peak resident set size in KiB, as the line `peakRSS <KiB>` on stderr.
//
// Why VmHWM and not getrusage's maxRSS (`process.resourceUsage().maxRSS`): on Linux a spawned child
// starts with its parent's memory in its maxRSS. libuv spawns by fork() (no CLONE_VM, seen with
// strace), so the child's copy of the parent's address space holds the parent's resident anonymous
// pages; execve() then keeps that copy's high-water mark in the process's maxRSS (the kernel's
// signal->maxrss, which getrusage reports beside the new image's). Measured here (Linux 6.18,
// Node 22): a parent holding 448 MB spawns `node` that reads 405 MB of maxRSS and 45 MB of VmHWM;
// the same parent holding 45 MB, both read 45 MB; `/usr/bin/time -f %M` reads 46 MB. VmHWM in
// /proc/self/status is the high-water mark of the address space execve() made, so it counts only this
// process's own memory, and it keeps a peak already given back (300 MB allocated and freed: 354 MB).
// Without /proc (macOS), getrusage's figure is all there is; it was not checked there.
import { readFileSync, writeSync } from "node:fs";

function peakKibibytes() {
  try {
    const vmHwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync("/proc/self/status", "utf8"))?.[1];
    if (vmHwm) return Number(vmHwm);
  } catch {}
  return process.resourceUsage().maxRSS;
}

process.on("exit", () => writeSync(2, `\npeakRSS ${peakKibibytes()}\n`));
