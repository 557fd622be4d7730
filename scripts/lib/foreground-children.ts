import type { ChildProcess } from "node:child_process";

// Keeps long-running children (wrangler dev; later the add-in's HTTPS server) in the
// foreground: their output goes to ours with a label, Ctrl-C stops them all, and if one
// exits the others are stopped too.

export interface ForegroundChild {
  label: string;
  /** Started with `detached: true`, so the child leads its own process group. */
  process: ChildProcess;
}

function stopGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // Already gone.
  }
}

function pipeLabelled(child: ForegroundChild): void {
  const prefix = `[${child.label}] `;
  for (const [stream, sink] of [
    [child.process.stdout, process.stdout],
    [child.process.stderr, process.stderr],
  ] as const) {
    let pending = "";
    stream?.on("data", (chunk: Buffer) => {
      const lines = (pending + chunk.toString()).split("\n");
      pending = lines.pop() ?? "";
      for (const line of lines) sink.write(`${prefix + line}\n`);
    });
  }
}

/** Resolves with the exit code to use once every child has exited. */
export function runInForeground(children: ForegroundChild[]): Promise<number> {
  return new Promise((resolve) => {
    let stopping = false;
    let exitCode = 0;
    let running = children.length;

    const stopAll = (signal: NodeJS.Signals) => {
      if (stopping) return;
      stopping = true;
      for (const child of children) stopGroup(child.process, signal);
      // A child that ignores SIGTERM gets SIGKILL.
      setTimeout(() => children.forEach((child) => stopGroup(child.process, "SIGKILL")), 5_000).unref();
    };

    process.on("SIGINT", () => stopAll("SIGTERM"));
    process.on("SIGTERM", () => stopAll("SIGTERM"));

    for (const child of children) {
      pipeLabelled(child);
      child.process.on("exit", (code, signal) => {
        if (!stopping) {
          console.error(`${child.label} exited (${signal ?? code}); stopping the rest`);
          exitCode = code || 1;
        }
        stopAll("SIGTERM");
        if (--running === 0) resolve(exitCode);
      });
    }
  });
}
