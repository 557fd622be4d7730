/** What a long operation says while it runs. */
export interface Progress {
  step(text: string): void;
  done(): void;
}

/** Progress on one rewritten stderr line when stderr is a terminal; silent otherwise (pipes, CI, tests). */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): Progress {
  if (!stream.isTTY) return { step: () => {}, done: () => {} };
  let shown = false;
  return {
    step(text) {
      stream.write(`\r\x1b[2K${text}`);
      shown = true;
    },
    done() {
      if (shown) stream.write("\r\x1b[2K");
      shown = false;
    },
  };
}
