// The real task pane bundle in headless Chromium, over the in-memory workbook and a real
// `wrangler dev`: a clerk creates the report from the server's template, fills it, breaks an error
// rule and a warning rule, fixes one, explains the other and submits while the backend goes down
// mid-submit (the queued submit lands exactly once); the province opens the revision as a workbook,
// starts the pane in it and returns the revision with a comment pointing at the cell selected there,
// which the clerk's Status selects; the clerk resubmits with a reason, the province accepts and pulls
// the consolidated workbook. Screenshots of every step go to test-results/browser/.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/wrangler.ts";
import { startAddinServer } from "../../scripts/lib/addin-server.ts";
import type { AddinServer } from "../../scripts/lib/addin-server.ts";
import type { CellValue } from "../../shared/report/report-data.ts";
import { parseRange, toA1 } from "../../shared/xlsx/cell-address.ts";
import { sheetBlock } from "../../addin/workbook/report-blocks.ts";
import type { MemoryWorkbook } from "../../addin/workbook/memory-workbook.ts";
import { freePort, startWranglerDev } from "../e2e/wrangler-dev.ts";
import type { WranglerDev } from "../e2e/wrangler-dev.ts";
import { filledSheets, layout, prefecture } from "../addin/support/filled-workbook.ts";
import { chromiumPath, launchChromium, screenshotter } from "./chromium.ts";

declare global {
  interface Window {
    tianbao: { workbook: MemoryWorkbook };
  }
}

let dev: WranglerDev;
let addin: AddinServer;
let browser: Browser;
const tokens = { admin: "", province: "", clerk: "" };

async function call(method: string, path: string, token: string, body?: unknown) {
  const response = await fetch(`${dev.baseUrl}/api/v1${path}`, {
    method,
    headers: { Authorization: `Bearer ${token}`, ...(body !== undefined && { "Content-Type": "application/json" }) },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });
  return (await response.json()) as any;
}

beforeAll(async () => {
  if (!chromiumPath) return;
  const addinPort = await freePort();
  dev = await startWranglerDev({ vars: { ALLOWED_ORIGIN: `http://127.0.0.1:${addinPort}` } });
  addin = await startAddinServer({ host: "127.0.0.1", port: addinPort, entry: join(repoRoot, "test", "browser", "memory-task-pane.ts"), apiUrl: dev.baseUrl });
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [join(repoRoot, "node_modules", "tsx", "dist", "cli.mjs"), "scripts/token.ts", "create", "--role", "admin", "--name", "浏览器测试管理员", "--local", "--persist-to", dev.persistTo, "--json"],
    { cwd: repoRoot },
  );
  tokens.admin = (JSON.parse(stdout) as { token: string }).token;
  await call("POST", "/periods", tokens.admin, { code: "2019", deadline: "2999-12-31" });
  tokens.province = (await call("POST", "/tokens", tokens.admin, { role: "province", name: "省审核员" })).token;
  tokens.clerk = (await call("POST", "/tokens", tokens.admin, { role: "clerk", prefectureCode: prefecture.code, name: "济南填报员" })).token;
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await addin?.close();
  await dev?.stop();
});

/** A task pane connected with this token; `workbook` (base64 .xlsx) is the workbook it starts in, else an empty one. */
async function openPane(query: string, token: string, workbook?: string): Promise<Page> {
  const page = await browser.newPage({ viewport: { width: 420, height: 900 } });
  page.on("pageerror", (error) => console.error("page error:", error));
  await page.goto(`${addin.url}/taskpane.html${query}`);
  if (workbook) await page.evaluate((base64) => window.tianbao.workbook.insertTemplate(base64), workbook);
  await page.fill("#server-url", dev.baseUrl);
  await page.fill("#token", token);
  await page.click("button[type=submit]");
  return page;
}

/** The clerk fills the report: one paste per sheet of a valid report's values over the template. */
async function pasteValidReport(page: Page): Promise<void> {
  const filled = new Map(filledSheets().map((sheet) => [sheet.name, sheet.cells]));
  for (const sheetLayout of layout.sheets) {
    const block = sheetBlock(sheetLayout);
    const { start } = parseRange(block.address);
    const current: CellValue[][] = await page.evaluate(([name, address]) => window.tianbao.workbook.readCells(name, address), [sheetLayout.name, block.address] as const);
    const values = current.map((row, rowOffset) => row.map((value, columnOffset) => filled.get(sheetLayout.name)?.get(toA1(start.row + rowOffset, start.col + columnOffset)) ?? value));
    await page.evaluate(([name, address, rows]) => window.tianbao.workbook.paste(name, address, rows), [sheetLayout.name, toA1(start.row, start.col), values] as const);
  }
}

const typeInto = (page: Page, sheetCode: string, fieldCode: string, value: CellValue) => {
  const sheetLayout = layout.sheet(sheetCode)!;
  return page.evaluate(([name, a1, cell]) => window.tianbao.workbook.type(name, a1, cell), [sheetLayout.name, sheetLayout.cellOf(prefecture.counties[0]!.code, fieldCode)!, value] as const);
};

describe.skipIf(!chromiumPath)("the task pane in Chromium against wrangler dev", () => {
  it("create → live checks → explain → submit through an outage → return → resubmit → accept → pull", { timeout: 240_000 }, async () => {
    const shot = screenshotter("browser");
    const clerk = await openPane("", tokens.clerk);
    await clerk.waitForSelector("#create-report:not([disabled])");
    await shot(clerk, "clerk-connected-new-report");

    await clerk.selectOption("#period", "2019");
    await clerk.click("#create-report");
    await clerk.waitForSelector("#issue-summary");
    expect(await clerk.evaluate(() => window.tianbao.workbook.readIdentity())).toMatchObject({ prefectureCode: prefecture.code, period: "2019" });
    await shot(clerk, "template-inserted-blank-report");

    await pasteValidReport(clerk);
    await clerk.waitForSelector("#issue-summary.ok");
    await shot(clerk, "report-filled-no-issues");

    await typeInto(clerk, "教扶04", "E04_PRIN", 100_000);
    await typeInto(clerk, "教扶05", "E05_COVERED", 0);
    const error = clerk.locator('li.issue.error[data-rule="R04.1"]');
    const warning = clerk.locator('li.issue.warning[data-rule="R05.2"]');
    await error.waitFor();
    await warning.waitFor();
    expect(await clerk.locator("li.issue").count()).toBe(2);
    expect(await clerk.isDisabled("#submit-button")).toBe(true);
    await error.locator(".issue-message").click();
    expect(await clerk.evaluate(() => window.tianbao.workbook.selection)).toEqual({ sheetName: layout.sheet("教扶04")!.name, a1: layout.sheet("教扶04")!.cellOf(prefecture.counties[0]!.code, "E04_PRIN") });
    await shot(clerk, "error-and-warning-listed");

    await typeInto(clerk, "教扶04", "E04_PRIN", 1);
    await error.waitFor({ state: "detached" });
    await warning.locator("textarea").fill("该县两所重点村学校已撤并，无需结对");
    await warning.locator(".save-explanation").click();
    await clerk.waitForSelector("#submit-button:not([disabled])");
    expect(await clerk.evaluate((name) => window.tianbao.workbook.value(name, "G2"), layout.explanations.name)).toBe("该县两所重点村学校已撤并，无需结对");
    await shot(clerk, "error-fixed-warning-explained");

    // The first submit reaches the server, which stores it and goes down before its answer reaches the pane.
    let outage = true;
    await clerk.route("**/submissions", async (route) => {
      if (!outage || route.request().method() !== "POST") return route.fallback();
      outage = false;
      await route.fetch();
      await dev.pause();
      await route.abort("connectionreset");
    });
    await clerk.click("#submit-button");
    await clerk.waitForSelector("#queued");
    expect(JSON.parse(await clerk.evaluate(() => window.tianbao.workbook.readSubmitQueue()))).toHaveLength(1);
    await shot(clerk, "submit-queued-backend-down");
    await dev.resume();
    await clerk.waitForSelector("#receipt", { timeout: 90_000 });
    expect(await clerk.textContent("#receipt")).toMatch(/已报送：第 1 版 .* SHA-256 [0-9a-f]{64}/);
    expect(await clerk.evaluate(() => window.tianbao.workbook.readSubmitQueue())).toBe("");
    const revisions = (await call("GET", `/periods/2019/prefectures/${prefecture.code}/submissions`, tokens.province)).submissions;
    expect(revisions.map((revision: { revision: number }) => revision.revision)).toEqual([1]);
    await shot(clerk, "receipt-after-retry-landed-once");

    const province = await openPane("?view=province", tokens.province);
    const row = province.locator(`#completeness tr[data-prefecture="${prefecture.code}"]`);
    await row.getByText("已报").waitFor();
    await row.locator(".open-revision").click();
    await province.waitForSelector('[data-revision="1"]');
    expect(await province.textContent("#revision-detail")).toContain("该县两所重点村学校已撤并");
    const county = prefecture.counties[0]!.code;
    const warningCell = layout.sheet("教扶05")!.cellOf(county, "E05_COVERED");
    expect(await province.locator("#revision-detail li.issue.warning .cell-choice").textContent()).toBe(`教扶05!${warningCell}`);
    await province.click("#open-workbook");
    await province.locator("#revision-detail").getByText("第 1 版已在 Excel 中打开").waitFor();
    const [revisionWorkbook] = await province.evaluate(() => window.tianbao.workbook.openedWorkbooks);
    expect(revisionWorkbook?.startsWith("UEsDB")).toBe(true); // a zip: the .xlsx
    await shot(province, "province-opened-revision");

    // The reviewer starts the pane in the workbook that opened: it holds the revision's values and offers the selected cell.
    const reviewer = await openPane("?view=province", tokens.province, revisionWorkbook);
    const pointed = layout.sheet("教扶05")!;
    const pointedCell = pointed.cellOf(county, "E05_KEY_SCH") as string;
    expect(await reviewer.evaluate(([name, a1]) => window.tianbao.workbook.value(name, a1), [layout.sheet("教扶04")!.name, layout.sheet("教扶04")!.cellOf(county, "E04_PRIN")!] as const)).toBe(1);
    const reviewerRow = reviewer.locator(`#completeness tr[data-prefecture="${prefecture.code}"]`);
    await reviewerRow.locator(".open-revision").click();
    await reviewer.waitForSelector('[data-revision="1"]');
    await reviewer.evaluate(([name, a1]) => window.tianbao.workbook.selectCell(name, a1), [pointed.name, pointedCell] as const);
    await reviewer.click("#add-selected-cell");
    expect(await reviewer.locator("#comment-cells input:checked").getAttribute("value")).toBe(`教扶05!${pointedCell}`);
    await reviewer.fill("#review-comment", "请核实重点村学校撤并情况");
    await reviewer.click("#return");
    await reviewerRow.getByText("退回").waitFor();
    const returned = await call("GET", `/periods/2019/prefectures/${prefecture.code}/submissions/1`, tokens.province);
    expect(returned.reviews.map((entry: { action: string; cells: unknown }) => [entry.action, entry.cells])).toEqual([["return", [{ sheetCode: "教扶05", cell: pointedCell }]]]);
    await shot(reviewer, "province-returned-pointing-at-selected-cell");

    await clerk.getByRole("tab", { name: "状态" }).click();
    await clerk.locator("#status").getByText("请核实重点村学校撤并情况").waitFor();
    await clerk.locator("#status .cell-link").getByText(`教扶05!${pointedCell}`).click();
    expect(await clerk.evaluate(() => window.tianbao.workbook.selection)).toEqual({ sheetName: pointed.name, a1: pointedCell });
    await shot(clerk, "clerk-status-returned-comment-selects-cell");
    await clerk.getByRole("tab", { name: "填报" }).click();
    await clerk.fill("#resubmission-reason", "按省级意见补充撤并说明");
    await clerk.click("#submit-button");
    await clerk.locator("#receipt").getByText("第 2 版").waitFor();
    await shot(clerk, "clerk-resubmitted");

    await province.reload();
    await row.getByText("已报").waitFor();
    await row.locator(".open-revision").click();
    await province.waitForSelector('[data-revision="2"]');
    expect(await province.textContent("#revision-detail")).toContain("按省级意见补充撤并说明");
    await province.click("#accept");
    await row.getByText("通过").waitFor();
    await province.click("#pull-consolidated");
    await province.locator("#province-message").getByText("汇总工作簿已打开").waitFor();
    const opened = await province.evaluate(() => window.tianbao.workbook.openedWorkbooks);
    expect(opened).toHaveLength(1);
    expect(opened[0]?.startsWith("UEsDB")).toBe(true); // a zip: the .xlsx
    await shot(province, "province-accepted-and-pulled");
  });
});
