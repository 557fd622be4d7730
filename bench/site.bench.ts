import { mkdtemp, readdir, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { gzipSync } from "node:zlib";
import { runWrangler } from "../cli/local-d1/wrangler.ts";
import { buildSite } from "../scripts/lib/site-build.ts";
import { startWranglerDev } from "../scripts/lib/wrangler-dev.ts";
import { benchHttp } from "./worker-http.ts";
import { currentFormSet } from "../test/support/current-form-set.ts";
import { reportingTree } from "../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../shared/units/unit-tree.ts";
import { renderReportTemplate } from "../shared/workbook/render-template.ts";
import { chromiumPath, launchChromium } from "../test/browser/chromium.ts";
import { dropFile } from "../test/browser/drop-file.ts";
import { fillTemplateWithExcelJS } from "../test/support/exceljs-fill.ts";
import { sampleReport } from "../test/support/sample-report.ts";
import { benchLine } from "./bench-line.ts";

// The site the Worker serves: what each bundle weighs (the page may carry the .xlsx reader, the
// pane may not), the Worker's upload with it, and the page's time from a dropped file to its issue list.

/** The page's budget: it carries the .xlsx reader and the whole UI; a clerk on a slow county line still loads it in a few seconds. */
const PAGE_GZIP_KIB = 100;
const PANE_GZIP_KIB = 60;
const DROPS = 15;
const WARMUP_DROPS = 3;

const gzipKiB = async (path: string) => gzipSync(await readFile(path)).byteLength / 1024;

export async function benchSite(): Promise<string[]> {
  const root = await mkdtemp(join(tmpdir(), "tianbao-site-bench-"));
  try {
    const site = join(root, "site");
    await buildSite({ outDir: site, origin: "https://localhost:3000", deploy: true });
    const [page, pane] = [await gzipKiB(join(site, "page.js")), await gzipKiB(join(site, "taskpane.js"))];
    await runWrangler(["deploy", "--dry-run", "--outdir", join(root, "worker"), "--assets", site]);
    let worker = 0;
    for (const file of await readdir(join(root, "worker"))) if (!file.endsWith(".map")) worker += await gzipKiB(join(root, "worker", file));
    return [
      benchLine("site.page bundle gzip (the .xlsx reader and the pane's UI)", page, "KiB", { max: PAGE_GZIP_KIB }),
      benchLine("site.pane bundle gzip (no .xlsx code)", pane, "KiB", { max: PANE_GZIP_KIB }),
      benchLine("site.page / pane bundle (what the reader costs the page)", page / pane, "×", { max: 1.7, text: "≤ 1.7 ×" }),
      benchLine("worker.bundle gzip (wrangler deploy --dry-run, assets apart)", worker, "KiB", { max: 1024 }),
      ...(await benchDrop(site)),
    ];
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

/** The filled 济南 workbook dropped on the page (signed in, over wrangler dev) until its issue list is drawn, beside the bare read of the same bytes. */
async function benchDrop(site: string): Promise<string[]> {
  if (!chromiumPath) return ["site.page drop → issue list  skipped: Chromium is not installed (apt-get install chromium)"];
  const jinan = reportingTree.unit("370100") as ReportingUnit;
  const filled = await fillTemplateWithExcelJS(renderReportTemplate({ formSet: currentFormSet, unit: jinan, period: "2019" }), sampleReport(jinan));
  const dev = await startWranglerDev({ assets: site });
  const browser = await launchChromium();
  try {
    const { call, admin, tokenOf } = await benchHttp(dev);
    await call("POST", "/api/v1/periods", admin, { code: "2019", deadline: "2999-12-31" });
    const token = await tokenOf({ role: "clerk", unitCode: jinan.code, name: "bench 济南" });
    const page = await browser.newPage({ locale: "zh-CN", viewport: { width: 900, height: 1000 } });
    // tsx (unlike vitest) wraps named functions in __name(), and page.evaluate sends them as source: the page needs the helper.
    await page.addInitScript("window.__name = (f) => f");
    await page.goto(`${dev.baseUrl}/`);
    await page.fill("#token", token);
    await page.click("button[type=submit]");
    await page.locator("#drop-zone").waitFor();
    const times: number[] = [];
    for (let round = 0; round < WARMUP_DROPS + DROPS; round++) {
      const ms = await dropFile(page, filled, "济南-2019.xlsx", "issues");
      if (round >= WARMUP_DROPS) times.push(ms);
    }
    const median = times.sort((a, b) => a - b)[Math.floor(times.length / 2)] as number;
    return [
      benchLine(`site.page drop → issue list, filled 济南 workbook (${(filled.byteLength / 1024).toFixed(0)} KiB, median of ${DROPS})`, median, "ms", {
        max: 300,
      }),
    ];
  } finally {
    await browser.close();
    await dev.stop();
  }
}
