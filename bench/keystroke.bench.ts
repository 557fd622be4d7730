import { join } from "node:path";
import { startAddinServer } from "../scripts/lib/addin-server.ts";
import { repoRoot } from "../scripts/lib/wrangler.ts";
import { freePort } from "../test/e2e/wrangler-dev.ts";
import { chromiumPath, launchChromium } from "../test/browser/chromium.ts";
import { benchLine } from "./bench-line.ts";

declare const window: { benchKeystrokes: (kind: "prefecture" | "stress", rounds: number, warmup: number) => Promise<{ medianMs: number; issues: number }> };

/**
 * Keystroke to updated issue list in Chromium, excluding Excel's own round trip: the in-memory
 * workbook raises the change, the pane re-reads the cell, validates the whole report and redraws the list.
 */
export async function benchKeystroke(): Promise<string[]> {
  if (!chromiumPath) return ["addin.keystroke  skipped: Chromium is not installed (apt-get install chromium)"];
  const server = await startAddinServer({
    host: "127.0.0.1",
    port: await freePort(),
    entry: join(repoRoot, "test", "browser", "keystroke-bench-page.ts"),
    apiUrl: "",
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/taskpane.html`);
    await page.waitForFunction(() => "benchKeystrokes" in window);
    const prefecture = await page.evaluate(() => window.benchKeystrokes("prefecture", 60, 20));
    const stress = await page.evaluate(() => window.benchKeystrokes("stress", 20, 5));
    return [
      benchLine(`addin.keystroke → issue list, prefecture workbook (济南, history rules on, ${prefecture.issues} issues listed)`, prefecture.medianMs, "ms", {
        max: 16,
        text: "< 16 ms",
      }),
      benchLine(`addin.keystroke → issue list, stress workbook (8 grids × 1,000 rows + 200 list rows, ${stress.issues} issues listed)`, stress.medianMs, "ms", {
        max: 50,
        text: "< 50 ms",
      }),
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}
