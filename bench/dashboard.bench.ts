import { join } from "node:path";
import { startAddinServer } from "../scripts/lib/addin-server.ts";
import { repoRoot } from "../scripts/lib/repo-root.ts";
import { freePort } from "../scripts/lib/wrangler-dev.ts";
import { chromiumPath, launchChromium } from "../test/browser/chromium.ts";
import { benchLine } from "./bench-line.ts";

declare const window: { benchDashboard: (rounds: number, warmup: number) => { medianMs: number; bars: number } };

const TARGET_MS = 50;

/** The province dashboard (status map and headline charts) drawn and laid out in Chromium, for all 16 prefectures reporting. */
export async function benchDashboard(): Promise<string[]> {
  if (!chromiumPath) return ["addin.dashboard  skipped: Chromium is not installed (apt-get install chromium)"];
  const server = await startAddinServer({
    host: "127.0.0.1",
    port: await freePort(),
    entry: join(repoRoot, "test", "browser", "dashboard-bench-page.ts"),
    apiUrl: "",
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
    await page.goto(`${server.url}/taskpane.html`);
    await page.waitForFunction(() => "benchDashboard" in window);
    const { medianMs, bars } = await page.evaluate(() => window.benchDashboard(40, 10));
    const line = benchLine(`addin.dashboard render with 16 prefectures (map + 8 charts, ${bars} bars)`, medianMs, "ms", {
      max: TARGET_MS,
      text: `≤ ${TARGET_MS} ms`,
    });
    return [`${line}  (${(medianMs / TARGET_MS).toFixed(2)} × target)`];
  } finally {
    await browser.close();
    await server.close();
  }
}
