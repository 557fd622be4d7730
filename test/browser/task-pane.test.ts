import type { Page, Request } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { currentFormSet } from "../support/current-form-set.ts";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import type { PlatformId } from "../support/excel-model/platforms.ts";
import { sampleReport } from "../support/sample-report.ts";
import { layout, prefecture } from "../addin/support/filled-workbook.ts";
import { chromiumPath, screenshotter } from "./chromium.ts";
import { cspViolations, recordCspViolations, serveOfficeJsCdn } from "./content-security-policy.ts";
import * as harness from "./pane-harness.ts";
import { breakErrorAndWarningRules, cellOf, county, download, hostValue, pasteValidReport, typeInto } from "./pane-harness.ts";
import type { PaneStack } from "./pane-harness.ts";

let stack: PaneStack;
let tokens: PaneStack["tokens"];
const call = (method: string, path: string, token: string, body?: unknown) => stack.call(method, path, token, body);
const newPanePage = () => harness.newPanePage(stack);
const openPane = (platform: PlatformId, query: string, token: string, workbook?: string) => harness.openPane(stack, platform, query, token, workbook);

beforeAll(async () => {
  if (!chromiumPath) return;
  stack = await harness.startPaneStack();
  ({ tokens } = stack);
});

afterAll(async () => {
  await stack?.close();
});

/**
 * The co-author pressed 报送 while their network was down: their pane keeps the submission in the
 * workbook's queue (the document settings). Excel on the web tells this pane (settingsChanged): it
 * shows theirs, sends nothing of its own meanwhile (a second, different revision) and never sends
 * theirs. Their pane then has it refused and takes it out of the queue: 报送 is offered again.
 */
async function coauthorSubmissionShownNotSent(clerk: Page, shot: (page: Page, name: string) => Promise<void>): Promise<void> {
  const posts: string[] = [];
  const countPost = (request: Request) => void (request.method() === "POST" && request.url().endsWith("/submissions") && posts.push(request.url()));
  clerk.on("request", countPost);
  const theirQueue = async (entries: unknown[]) =>
    clerk.evaluate(
      (json) => {
        const theirs: { Office?: typeof Office } = {};
        window.tianbao.coauthor?.install(theirs as Record<string, unknown>);
        const settings = (theirs.Office as typeof Office).context.document.settings;
        settings.refreshAsync(() => {
          if (json) settings.set("tianbao.submitQueue", json);
          else settings.remove("tianbao.submitQueue");
          settings.saveAsync();
        });
      },
      entries.length > 0 ? JSON.stringify(entries) : "",
    );
  const report = { edition: "323/2019", unitCode: prefecture.code, period: "2019", sheets: {} };
  await theirQueue([
    {
      idempotencyKey: "their-pane-key",
      period: "2019",
      unitCode: prefecture.code,
      body: { report, basedOnRevision: null },
      queuedAt: new Date().toISOString(),
      attempts: 1,
      queuedBy: { id: "their-pane", name: "济南市 李四" },
    },
  ]);
  await clerk.locator("#coauthor-queued").getByText("合作者 济南市 李四 的报送正在等待发送").waitFor();
  await clerk.waitForSelector("#submit-button[disabled]");
  await shot(clerk, "coauthor-submission-pending");
  await theirQueue([]);
  await clerk.locator("#coauthor-queued").waitFor({ state: "detached" });
  await clerk.waitForSelector("#submit-button:not([disabled])");
  clerk.off("request", countPost);
  expect(posts).toEqual([]);
}

describe.skipIf(!chromiumPath)("the task pane in Chromium, on the model of Excel, against wrangler dev", () => {
  for (const [platform, period] of [
    ["web", "2019"],
    ["office2019volume", "2020"],
  ] as const) {
    const modern = platform === "web";
    it(`${platform}: create → live checks (formula cells recalculated) → explain → submit through an outage → return → resubmit → accept → pull`, {
      timeout: 240_000,
    }, async () => {
      const shot = screenshotter(`browser-${platform}`);
      await call("POST", "/periods", tokens.admin, { code: period, deadline: "2999-12-31" });
      const start = await openPane(platform, "", tokens.clerk);
      await start.waitForSelector("#create-report:not([disabled])");
      await shot(start, "clerk-connected-new-report");
      await start.selectOption("#period", period);
      await start.click("#create-report");

      let clerk = start;
      if (modern) {
        await clerk.waitForSelector("#issue-summary");
        expect(await clerk.evaluate(() => window.tianbao.host.workbook.sheets.map((sheet) => sheet.name))).toContain("_meta");
      } else {
        // ExcelApi 1.7 can neither insert sheets nor open a workbook: the clerk downloads the template, opens it and starts the pane there.
        await clerk.locator("#report-message").getByText("请下载模板").waitFor();
        await shot(clerk, "template-offered-for-download");
        const template = await download(clerk, "#report-message a.download");
        await clerk.close();
        clerk = await openPane(platform, "", tokens.clerk, template);
        await clerk.waitForSelector("#issue-summary");
      }
      await shot(clerk, "template-in-excel-blank-report");
      // Office 2019's story runs with Excel calculating manually (a setting of the running Excel, not the file): formula
      // cells stay stale until recalculated, and the pane recalculates before it reads, so no stale 合计 is the clerk's error.
      if (!modern) await clerk.evaluate(() => window.tianbao.host.setCalculationMode("Manual"));

      await pasteValidReport(clerk);
      await clerk.waitForSelector("#issue-summary.ok");
      await shot(clerk, "report-filled-no-issues");

      // A new 学前教育 count: Excel recalculates 合计 (no event for it); the pane must not report a stale 合计 (R01.1).
      const preschool = (await hostValue(clerk, "教扶01", "E01_PRE")) as number;
      const total = (await hostValue(clerk, "教扶01", "E01_TOT")) as number;
      await typeInto(clerk, "教扶01", "E01_PRE", preschool - 5);
      expect(await hostValue(clerk, "教扶01", "E01_TOT")).toBe(total - 5);
      expect(await clerk.locator("li.issue").count()).toBe(0);
      await clerk.waitForSelector("#issue-summary.ok");
      // Excel on the web: a co-author opens the workbook too. Their edit reaches this pane as a Remote change, and the issue list follows it.
      if (modern) {
        const principals = cellOf("教扶04", "E04_PRIN");
        await clerk.evaluate(([name, a1]) => {
          window.tianbao.coauthor = window.tianbao.host.coauthor();
          window.tianbao.coauthor.type(name, a1, 100_000);
        }, principals);
        await clerk.locator('li.issue[data-rule="R04.1"]').waitFor();
        await shot(clerk, "coauthor-edit-followed");
        await clerk.evaluate(([name, a1]) => window.tianbao.coauthor?.type(name, a1, 1), principals);
        await clerk.waitForSelector("#issue-summary.ok");
      }

      const { error, warning } = await breakErrorAndWarningRules(clerk);
      expect(await clerk.locator("li.issue").count()).toBe(2);
      expect(await clerk.isDisabled("#submit-button")).toBe(true);
      await error.locator(".issue-message").click();
      await expect
        .poll(() => clerk.evaluate(() => window.tianbao.host.selection))
        .toEqual({ sheetName: cellOf("教扶04", "E04_PRIN")[0], a1: cellOf("教扶04", "E04_PRIN")[1] });
      await shot(clerk, "error-and-warning-listed");

      await typeInto(clerk, "教扶04", "E04_PRIN", 1);
      await error.waitFor({ state: "detached" });
      // Saved as typed: no button to click; below the minimum an inline error says how many characters are missing.
      await warning.locator("textarea").fill("撤并");
      await warning.locator(".field-error").getByText("还差 3 个").waitFor();
      await warning.locator("textarea").fill("该县两所重点村学校已撤并，无需结对");
      await expect.poll(() => clerk.evaluate(() => window.tianbao.host.value("说明", "G2"))).toBe("该县两所重点村学校已撤并，无需结对");
      // Ctrl+Z in Excel takes the explanation out of 说明 without an event: back in the pane, it is named by sheet and cell, and written again.
      await clerk.evaluate(() => {
        window.tianbao.host.undo();
        window.dispatchEvent(new Event("focus"));
      });
      const [coveredSheet, coveredCell] = cellOf("教扶05", "E05_COVERED");
      await clerk.locator("#undone-explanations").getByText(`${coveredSheet}!${coveredCell}`).waitFor();
      await clerk.waitForSelector("#submit-button[disabled]");
      await clerk.click("#rewrite-explanations");
      await expect.poll(() => clerk.evaluate(() => window.tianbao.host.value("说明", "G2"))).toBe("该县两所重点村学校已撤并，无需结对");
      await clerk.locator("#undone-explanations").waitFor({ state: "hidden" });
      await clerk.waitForSelector("#submit-button:not([disabled])");
      await shot(clerk, "error-fixed-warning-explained");
      if (modern) await coauthorSubmissionShownNotSent(clerk, shot);

      // The first submit reaches the server, which stores it and goes down before its answer reaches the pane.
      let outage = true;
      await clerk.route("**/submissions", async (route) => {
        if (!outage || route.request().method() !== "POST") return route.fallback();
        outage = false;
        await route.fetch();
        await stack.dev.pause();
        await route.abort("connectionreset");
      });
      await clerk.click("#submit-button");
      const queued = clerk.locator("#queued");
      await queued.waitFor();
      // Where the queue is kept, said truthfully: in the open workbook, never saved behind the clerk's back (that would clear their undo);
      // the clerk is asked to save it, and 保存 saves it where Excel lets an add-in (ExcelApi 1.11).
      // The template inserted into a new workbook (web) leaves it without a file: 另存为 is asked for and no 保存 offered; ExcelApi 1.7 opened it from a file.
      expect(await queued.getAttribute("data-kept-in")).toBe(modern ? "no-file" : "unsaved");
      expect(await queued.textContent()).toContain(modern ? "另存为" : "请保存工作簿");
      const savedIn = () =>
        clerk.evaluate(() => {
          const settings = window.tianbao.host.workbook.settings;
          return [settings.inDocument.has("tianbao.submitQueue"), settings.inFile.has("tianbao.submitQueue")];
        });
      expect(await savedIn()).toEqual([true, false]);
      if (modern) {
        expect(await clerk.locator("#save-workbook").count()).toBe(0);
        // The clerk uses 另存为 in Excel and comes back to the pane, which now offers 保存 (Excel lets an add-in save from ExcelApi 1.11).
        await clerk.evaluate(() => {
          window.tianbao.host.saveWorkbook();
          window.dispatchEvent(new Event("focus"));
        });
        await clerk.locator("#queued[data-kept-in=unsaved]").waitFor();
        await clerk.click("#save-workbook");
        await clerk.locator("#queued[data-kept-in=saved]").waitFor();
        expect(await queued.textContent()).toContain("工作簿文件");
        expect(await savedIn()).toEqual([true, true]);
      }
      await shot(clerk, "submit-queued-backend-down");
      await stack.dev.resume();
      await clerk.waitForSelector("#receipt", { timeout: 90_000 });
      expect(await clerk.textContent("#receipt p")).toMatch(/^已报送：第 1 版 · \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
      expect(await clerk.textContent("#receipt .receipt-hash code")).toMatch(/^[0-9a-f]{64}$/);
      // The workbook now holds exactly revision 1: 报送 has nothing to send, and the state card says it waits for the review.
      await clerk.waitForSelector("#submit-button[disabled]");
      await clerk.locator("#report-state[data-state=submitted]").waitFor();
      expect(await clerk.evaluate(() => window.tianbao.host.workbook.settings.live.has("tianbao.submitQueue"))).toBe(false);
      const revisions = (await call("GET", `/periods/${period}/units/${prefecture.code}/submissions`, tokens.province)).submissions;
      expect(revisions.map((revision: { revision: number }) => revision.revision)).toEqual([1]);
      await shot(clerk, "receipt-after-retry-landed-once");

      const province = await openPane(platform, "&view=province", tokens.province);
      await province.selectOption("#province-period", period);
      const row = province.locator(`#completeness tr[data-prefecture="${prefecture.code}"]`);
      await row.getByText("待审").waitFor();
      await row.locator(".open-revision").click();
      await province.waitForSelector('[data-revision="1"]');
      expect(await province.textContent("#revision-detail")).toContain("该县两所重点村学校已撤并");
      const warningCell = layout.sheet("教扶05")!.cellOf(county, "E05_COVERED");
      expect(await province.locator("#revision-detail li.issue.warning .cell-choice").textContent()).toBe(`教扶05!${warningCell}`);
      let revisionWorkbook: string;
      if (modern) {
        await province.click("#open-workbook");
        await province.locator("#revision-detail").getByText("第 1 版已在 Excel 中打开").waitFor();
        revisionWorkbook = await province.evaluate(() => window.tianbao.host.openedFiles[0] as string);
      } else {
        await province.click("#open-workbook");
        await province.locator("#revision-detail a.download").waitFor();
        revisionWorkbook = await download(province, "#revision-detail a.download");
      }
      expect(revisionWorkbook.startsWith("UEsDB")).toBe(true); // a zip: the .xlsx
      await shot(province, "province-opened-revision");

      // The reviewer starts the pane in the revision's workbook: it holds the revision's values and offers the selected cell.
      const reviewer = await openPane(platform, "&view=province", tokens.province, revisionWorkbook);
      await reviewer.selectOption("#province-period", period);
      const pointed = layout.sheet("教扶05")!;
      const pointedCell = pointed.cellOf(county, "E05_KEY_SCH") as string;
      expect(await hostValue(reviewer, "教扶04", "E04_PRIN")).toBe(1);
      const reviewerRow = reviewer.locator(`#completeness tr[data-prefecture="${prefecture.code}"]`);
      await reviewerRow.getByText("待审").waitFor(); // the chosen period's table, not the first period's
      await reviewerRow.locator(".open-revision").click();
      await reviewer.waitForSelector('[data-revision="1"]');
      await reviewer.evaluate(([name, a1]) => window.tianbao.host.selectCell(name, a1), [pointed.name, pointedCell] as const);
      await reviewer.click("#add-selected-cell");
      await reviewer.waitForSelector("#comment-cells input:checked");
      expect(await reviewer.locator("#comment-cells input:checked").getAttribute("value")).toBe(`教扶05!${pointedCell}`);
      await reviewer.fill("#review-comment", "请核实重点村学校撤并情况");
      await reviewer.click("#return");
      await reviewerRow.getByText("退回").waitFor();
      const returned = await call("GET", `/periods/${period}/units/${prefecture.code}/submissions/1`, tokens.province);
      expect(returned.reviews.map((entry: { action: string; cells: unknown }) => [entry.action, entry.cells])).toEqual([
        ["return", [{ sheetCode: "教扶05", cell: pointedCell }]],
      ]);
      await shot(reviewer, "province-returned-pointing-at-selected-cell");

      await clerk.getByRole("tab", { name: "状态" }).click();
      await clerk.locator("#status").getByText("请核实重点村学校撤并情况").waitFor();
      await clerk.locator("#status .cell-link").getByText(`教扶05!${pointedCell}`).click();
      await expect.poll(() => clerk.evaluate(() => window.tianbao.host.selection)).toEqual({ sheetName: pointed.name, a1: pointedCell });
      await shot(clerk, "clerk-status-returned-comment-selects-cell");
      await clerk.getByRole("tab", { name: "填报" }).click();
      // The 填报 tab opens with the return and its comment; the same figures again would be revision 1 again, so the clerk adds what was asked.
      await clerk.locator("#report-state[data-state=returned]").getByText("请核实重点村学校撤并情况").waitFor();
      expect(await clerk.isDisabled("#submit-button")).toBe(true);
      await clerk.locator('li.issue.warning[data-rule="R05.2"] textarea').fill("该县两所重点村学校已于2019年撤并，学生并入镇中心校，无需结对");
      await expect.poll(() => clerk.evaluate(() => window.tianbao.host.value("说明", "G2"))).toContain("2019年撤并");
      await clerk.fill("#resubmission-reason", "按省级意见补充撤并说明");
      await clerk.click("#submit-button");
      await clerk.locator("#receipt").getByText("第 2 版").waitFor();
      await shot(clerk, "clerk-resubmitted");

      await province.reload();
      await province.selectOption("#province-period", period);
      await row.getByText("待审").waitFor();
      await row.locator(".open-revision").click();
      await province.waitForSelector('[data-revision="2"]');
      expect(await province.textContent("#revision-detail")).toContain("按省级意见补充撤并说明");
      // The card shows what changed since revision 1 (the explanation only: no cell) and the return before it; 通过 asks once more.
      expect(await province.textContent("#review-history")).toContain("请核实重点村学校撤并情况");
      await province.click("#accept");
      await province.locator("#confirm-accept").getByText("确认通过").first().waitFor();
      await province.click("#confirm-accept-yes");
      await row.getByText("通过").waitFor();
      await province.click("#pull-consolidated");
      if (modern) {
        await province.locator("#province-message").getByText("汇总工作簿已打开").waitFor();
        const opened = await province.evaluate(() => window.tianbao.host.openedFiles);
        expect(opened.at(-1)?.startsWith("UEsDB")).toBe(true);
      } else {
        await province.locator("#province-message a.download").waitFor();
        expect((await download(province, "#province-message a.download")).startsWith("UEsDB")).toBe(true);
      }
      await shot(province, "province-accepted-and-pulled");
      for (const page of [clerk, province, reviewer]) await page.close();
    });
  }

  it("tells a clerk whose Office runs add-ins in Internet Explorer (Office 2019 volume-licensed) what to use instead", async () => {
    const context = await stack.browser.newContext({ userAgent: "Mozilla/5.0 (Windows NT 10.0; WOW64; Trident/7.0; .NET4.0C; .NET4.0E; rv:11.0) like Gecko" });
    const page = await context.newPage();
    // The pane as deployed, under its Content-Security-Policy (which allows no inline script: the check is a file).
    await recordCspViolations(page);
    await serveOfficeJsCdn(page, "empty");
    await page.goto(`${stack.dev.baseUrl}/taskpane`);
    await page.locator("#old-webview").getByText("Excel 网页版").waitFor();
    expect(await page.isHidden("#app")).toBe(true);
    expect(await cspViolations(page)).toEqual([]);
    await screenshotter("browser-failures")(page, "internet-explorer-webview");
    await context.close();
  });

  it("says within 10 s that it cannot reach Office, with the web page's address, when office.js is blocked or never ready", {
    timeout: 60_000,
  }, async () => {
    for (const serve of ["blocked", "never-ready"] as const) {
      const page = await stack.browser.newPage({ viewport: { width: 420, height: 900 } });
      // The pane as deployed, under its Content-Security-Policy: office.js from Microsoft's CDN, which this network blocks.
      await recordCspViolations(page);
      const requested = await serveOfficeJsCdn(page, serve);
      const started = Date.now();
      await page.goto(`${stack.dev.baseUrl}/taskpane`);
      const message = page.locator("#office-unreachable");
      await message.getByText("无法连接 Office").waitFor({ timeout: 10_000 });
      expect(Date.now() - started).toBeLessThan(10_000);
      expect(requested).toContain("office.js");
      expect(await message.getByText("Cannot reach Office").count()).toBe(1);
      expect(await message.locator("a").first().getAttribute("href")).toBe(`${stack.dev.baseUrl}/`);
      expect(await cspViolations(page)).toEqual([]);
      await screenshotter("browser-failures")(page, `office-js-${serve}`);
      await page.close();
    }
  });

  it("runs from the Worker under the pane's Content-Security-Policy: office.js from Microsoft's CDN, the deployed bundle connected over the model of Excel", async () => {
    // office.js itself (the npm package's files answering for the CDN): outside Office it finds no host, and the pane says where to open it.
    const outside = await stack.browser.newPage();
    await recordCspViolations(outside);
    const fromCdn = await serveOfficeJsCdn(outside, "office.js");
    const response = await outside.goto(`${stack.dev.baseUrl}/taskpane`);
    expect(response?.headers()["content-security-policy"]).toContain("script-src 'self' https://appsforoffice.microsoft.com/lib/1/hosted/;");
    await outside.locator("#outside-office").waitFor();
    expect(fromCdn).toContain("office.js");
    expect(await cspViolations(outside)).toEqual([]);
    await outside.close();

    // The model of Excel in office.js's place: the pane connects to its own origin, inserts the server's template and checks it.
    await call("POST", "/periods", tokens.admin, { code: "2022", deadline: "2999-12-31" });
    const pane = await stack.browser.newPage({ viewport: { width: 420, height: 900 } });
    pane.on("pageerror", (error) => console.error("page error:", error));
    await recordCspViolations(pane);
    await serveOfficeJsCdn(pane, "model");
    await pane.goto(`${stack.dev.baseUrl}/taskpane?platform=web`);
    expect(await pane.inputValue("#server-url")).toBe(stack.dev.baseUrl);
    await pane.fill("#token", tokens.clerk);
    await pane.click("button[type=submit]");
    await pane.waitForSelector("#create-report:not([disabled])");
    await pane.selectOption("#period", "2022");
    await pane.click("#create-report");
    await pane.waitForSelector("#issue-summary");
    expect(await pane.evaluate(() => window.tianbao.host.workbook.sheets.map((sheet) => sheet.name))).toContain("_meta");
    // The live loop: a negative count typed into 教扶04 is listed at once (T02).
    await typeInto(pane, "教扶04", "E04_PRIN", -1);
    await pane.locator(`li.issue[data-rule="T02"][data-address="教扶04!${cellOf("教扶04", "E04_PRIN")[1]}"]`).waitFor();
    expect(await cspViolations(pane)).toEqual([]);
    await pane.close();
  });

  it("says what went wrong instead of swallowing it: an unknown edition, Excel in cell-edit mode, a sheet deleted under the pane; one online listener however often it reconnects", {
    timeout: 120_000,
  }, async () => {
    const shot = screenshotter("browser-failures");
    const period = "2021";
    await call("POST", "/periods", tokens.admin, { code: period, deadline: "2999-12-31" });
    const filled = Buffer.from(
      renderReportTemplate({ formSet: currentFormSet, unit: prefecture, period, report: { ...sampleReport(prefecture), period } }),
    ).toString("base64");

    // A workbook of an edition this pane does not know: the 填报 tab names it.
    const foreign = await newPanePage();
    await foreign.goto(`${stack.addin.url}/taskpane.html?platform=web`);
    await foreign.evaluate((base64) => {
      window.tianbao.open(base64);
      window.tianbao.host.paste("_meta", "B1", [["323/2030"]]);
    }, filled);
    await foreign.fill("#server-url", stack.dev.baseUrl);
    await foreign.fill("#token", tokens.clerk);
    await foreign.click("button[type=submit]");
    await foreign.locator("#report-message.error").getByText("323/2030").waitFor();
    await shot(foreign, "unknown-edition-named");
    await foreign.close();

    // Count the pane's "online" listeners from the first script on.
    const clerk = await newPanePage();
    await clerk.addInitScript(() => {
      const add = window.addEventListener.bind(window);
      (window as unknown as { onlineListeners: number }).onlineListeners = 0;
      window.addEventListener = ((type: string, ...rest: [EventListenerOrEventListenerObject, boolean | AddEventListenerOptions | undefined]) => {
        if (type === "online") (window as unknown as { onlineListeners: number }).onlineListeners++;
        add(type, ...rest);
      }) as typeof window.addEventListener;
    });
    await clerk.goto(`${stack.addin.url}/taskpane.html?platform=web`);
    await clerk.evaluate((base64) => window.tianbao.open(base64), filled);
    for (let connection = 0; connection < 3; connection++) {
      await clerk.fill("#server-url", stack.dev.baseUrl);
      await clerk.fill("#token", tokens.clerk);
      await clerk.click("button[type=submit]");
      await clerk.waitForSelector("#issue-summary");
      if (connection < 2) {
        await clerk.click("#disconnect");
        await clerk.click("#disconnect-yes");
      }
    }
    expect(await clerk.evaluate(() => (window as unknown as { onlineListeners: number }).onlineListeners)).toBe(1);

    // Excel is editing a cell and does not delay the batch: the click says so, and works once the edit ends.
    await typeInto(clerk, "教扶04", "E04_PRIN", 100_000);
    const issue = clerk.locator('li.issue.error[data-rule="R04.1"] .issue-message');
    await issue.waitFor();
    await clerk.evaluate(
      ([name, a1]) => {
        window.tianbao.host.honoursDelayForCellEdit = false;
        window.tianbao.host.beginCellEdit(name, a1);
      },
      cellOf("教扶01", "E01_PRE"),
    );
    await issue.click();
    await clerk.locator("#pane-alert").getByText("正在编辑单元格").waitFor();
    await shot(clerk, "cell-edit-mode-said");
    await clerk.evaluate(() => window.tianbao.host.endCellEdit());
    await issue.click();
    await expect
      .poll(() => clerk.evaluate(() => window.tianbao.host.selection))
      .toEqual({ sheetName: cellOf("教扶04", "E04_PRIN")[0], a1: cellOf("教扶04", "E04_PRIN")[1] });

    // A sheet deleted while the pane follows the report: the next edit reads what is left and names the missing sheet.
    await clerk.evaluate((name) => window.tianbao.host.deleteSheet(name), layout.sheet("教扶05")!.name);
    await typeInto(clerk, "教扶04", "E04_PRIN", 2);
    await clerk.locator("#missing-sheets").getByText(layout.sheet("教扶05")!.name).waitFor();
    await issue.waitFor({ state: "detached" });
    await shot(clerk, "deleted-sheet-said");
    await clerk.close();
  });
});
