import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { chromium } from "playwright-core";
import type { Browser, Page } from "playwright-core";
import { repoRoot } from "../../scripts/lib/repo-root.ts";
import { requireSystemProgram } from "../support/system-program.ts";

/** Debian's Chromium; never a downloaded browser (the machine has no internet). */
export const chromiumPath = requireSystemProgram(["chromium"], "Chromium", "chromium");

export function launchChromium(): Promise<Browser> {
  // launch() gives every run a fresh temporary profile (user data dir).
  return chromium.launch({
    executablePath: chromiumPath as string,
    args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
  });
}

/** Screenshots of each step, kept as test artifacts under test-results/ (git-ignored). */
export function screenshotter(folder: string): (page: Page, name: string) => Promise<void> {
  const dir = join(repoRoot, "test-results", folder);
  mkdirSync(dir, { recursive: true });
  let step = 0;
  return async (page, name) => {
    step++;
    await page.screenshot({ path: join(dir, `${String(step).padStart(2, "0")}-${name}.png`), fullPage: true });
  };
}
