import { join } from "node:path";
import { startAddinServer } from "../scripts/lib/addin-server.ts";
import { repoRoot } from "../scripts/lib/repo-root.ts";
import { freePort } from "../scripts/lib/wrangler-dev.ts";
import { renderRosterTemplate } from "../shared/roster/render-roster-template.ts";
import { reportingUnitOf } from "../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../shared/units/unit-tree.ts";
import { chromiumPath, launchChromium } from "../test/browser/chromium.ts";
import { fillRosterWithExcelJS } from "../test/support/roster-files.ts";
import { benchLine } from "./bench-line.ts";
import { fullCountyRoster } from "./roster.bench.ts";

declare const window: {
  benchRosterKeystrokes: (base64: string, rounds: number, warmup: number) => Promise<{ medianMs: number; students: number; issues: number }>;
};

/** The bench's 10,000-student roster as a clerk's file: the template filled by a program (ExcelJS), explanations included. */
export async function fullCountyRosterFile(): Promise<Uint8Array> {
  return fillRosterWithExcelJS(renderRosterTemplate(reportingUnitOf("370102") as ReportingUnit, "2019"), fullCountyRoster());
}

/**
 * Keystroke to updated roster issue list in Chromium, on the model of Excel: the clerk types an ID,
 * Excel raises the change, the pane reads the cell, reads and checks all 10,000 rows again and redraws the list.
 */
export async function benchRosterKeystroke(): Promise<string[]> {
  if (!chromiumPath) return ["addin.roster-keystroke  skipped: Chromium is not installed (apt-get install chromium)"];
  const base64 = Buffer.from(await fullCountyRosterFile()).toString("base64");
  const server = await startAddinServer({
    host: "127.0.0.1",
    port: await freePort(),
    entry: join(repoRoot, "test", "browser", "roster-keystroke-bench-page.ts"),
    apiUrl: "",
  });
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    await page.goto(`${server.url}/taskpane.html`);
    await page.waitForFunction(() => "benchRosterKeystrokes" in window);
    const measured = await page.evaluate((file) => window.benchRosterKeystrokes(file, 40, 10), base64);
    return [
      benchLine(
        `addin.roster keystroke → issue list, model of Excel (${measured.students.toLocaleString("en")} students, ${measured.issues} issues listed)`,
        measured.medianMs,
        "ms",
        { max: 16, text: "≤ 16 ms" },
      ),
      benchLine("addin.roster keystroke / 16 ms target", measured.medianMs / 16, "×", { max: 1, text: "≤ 1 ×" }),
    ];
  } finally {
    await browser.close();
    await server.close();
  }
}
