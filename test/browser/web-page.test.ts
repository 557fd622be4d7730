// The web page for clerks without the add-in, served by the Worker beside its API (wrangler dev with
// the built site): a clerk downloads the blank template, fills it with ExcelJS (a writer other than
// ours, as WPS or LibreOffice would be), drops it, sees the command line's issues, drops a corrected
// version, explains, submits, and downloads the workbook back with its 说明; File System Access
// re-reads a saved file when the window regains focus. Screenshots in test-results/web-page/, each
// step checked by axe-core.
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { childReportOf } from "../../shared/consolidate/merge-unit-reports.ts";
import { formSetOf } from "../../shared/forms/form-set.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { reportingUnitOf } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import { readReportWorkbookContents } from "../../shared/workbook/read-report.ts";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import { validateReport } from "../../shared/validate/validate-report.ts";
import { tianbao } from "../e2e/run-tianbao.ts";
import { fillTemplateWithExcelJS } from "../support/exceljs-fill.ts";
import { sampleReport, withValue } from "../support/sample-report.ts";
import { layout, prefecture } from "../addin/support/filled-workbook.ts";
import { seriousViolations } from "./axe.ts";
import { chromiumPath, screenshotter } from "./chromium.ts";
import { cspViolations, serveOfficeJsCdn } from "./content-security-policy.ts";
import { dropFile } from "./drop-file.ts";
import { county, download, usePaneStack } from "./pane-harness.ts";

const { tokens, openPage, call, stack } = usePaneStack();
const screenshot = screenshotter("web-page");
/** Each step's screenshot, and axe-core on it: no serious or critical violation of WCAG 2.2 A/AA; nothing refused by the page's Content-Security-Policy. */
const shot = async (page: Page, name: string) => {
  await screenshot(page, name);
  expect(await seriousViolations(page), name).toEqual([]);
  expect(await cspViolations(page), name).toEqual([]);
};
const files = await mkdtemp(join(tmpdir(), "tianbao-page-"));
afterAll(() => rm(files, { recursive: true, force: true }));

/** 济南's report with R05.2 (no key-village school paired: a warning) and, unless fixed, R04.1 (more principals than teachers exchanged: an error). */
const reportWith = ({ error }: { error: boolean }): ReportData => {
  const warned = withValue(sampleReport(prefecture), "教扶05", county, "E05_COVERED", 0);
  return error ? withValue(warned, "教扶04", county, "E04_PRIN", 100_000) : warned;
};

/** What `tianbao validate --json` says of a file: its issues as rule and address. */
async function cliIssues(bytes: Uint8Array, name: string): Promise<string[]> {
  const path = join(files, name);
  await writeFile(path, bytes);
  const run = await tianbao(["validate", path, "--json"]);
  return (JSON.parse(run.stdout) as { issues: { ruleId: string; address: string }[] }).issues.map((issue) => `${issue.ruleId} ${issue.address}`).sort();
}

const pageIssues = (page: Page) =>
  page.$$eval("li.issue", (items) => items.map((item) => `${item.getAttribute("data-rule")} ${item.getAttribute("data-address")}`).sort());

describe.skipIf(!chromiumPath)("the web page (a workbook file instead of Excel)", () => {
  beforeAll(() => call("POST", "/periods", tokens.admin, { code: "2019", deadline: "2999-12-31" }));

  it("takes a clerk from the blank template to a receipt and back to the workbook with its 说明", async () => {
    const page = await openPage(tokens.clerk);
    expect(await page.title()).toContain("网页报送");
    await shot(page, "signed-in");

    // No file yet: step 1, the blank template, downloads in one click; step 2, the drop zone, stands below it.
    await page.locator("#drop-zone").waitFor();
    const template = Buffer.from(await download(page, "#create-report:not([disabled])"), "base64");
    const [step1, step2] = [await page.locator("#create-report").boundingBox(), await page.locator("#drop-zone").boundingBox()];
    expect(step1!.y + step1!.height).toBeLessThan(step2!.y);
    expect(readReportWorkbookContents(template, { formSetOf }).report.unitCode).toBe(prefecture.code);

    // Filled elsewhere (ExcelJS), dropped: the page lists exactly what the command line finds.
    const first = await fillTemplateWithExcelJS(template, reportWith({ error: true }));
    await dropFile(page, first, "济南-2019.xlsx");
    await page.locator('li.issue[data-rule="R04.1"]').waitFor();
    const expected = await cliIssues(first, "first.xlsx");
    expect(expected).toEqual(expect.arrayContaining([expect.stringMatching(/^R04\.1 /), expect.stringMatching(/^R05\.2 /)]));
    expect(await pageIssues(page)).toEqual(expected);
    expect(await page.locator("#file-state").textContent()).toContain("济南-2019.xlsx");
    expect(await page.locator("#submit-button").isDisabled()).toBe(true);
    await shot(page, "dropped-with-issues");

    // The clerk fixes the figure in the spreadsheet program and drops the new version: the list follows.
    const second = await fillTemplateWithExcelJS(template, reportWith({ error: false }));
    await dropFile(page, second, "济南-2019.xlsx");
    await page.locator('li.issue[data-rule="R04.1"]').waitFor({ state: "detached" });
    expect(await pageIssues(page)).toEqual(await cliIssues(second, "second.xlsx"));

    // Explains the warning in the page, with its reason code (实际变化), and submits.
    const explanation = "该县两所重点村学校已撤并，无需结对";
    await page.selectOption('li.issue[data-rule="R05.2"] select.explanation-reason', "actual");
    await page.evaluate(
      (text) =>
        new Promise<void>((resolve) => {
          const field = document.querySelector<HTMLTextAreaElement>('li.issue[data-rule="R05.2"] textarea') as HTMLTextAreaElement;
          field.addEventListener("tianbao:explanation-saved", () => resolve(), { once: true });
          field.value = text;
          field.dispatchEvent(new Event("input", { bubbles: true }));
        }),
      explanation,
    );
    await page.locator("#submit-button:not([disabled])").click();
    await page.locator("#receipt").waitFor();
    await shot(page, "submitted");
    const { submissions: revisions } = await call("GET", `/periods/2019/units/${prefecture.code}/submissions`, tokens.clerk);
    expect(revisions.map((revision: { revision: number }) => revision.revision)).toEqual([1]);
    const stored = await call("GET", `/periods/2019/units/${prefecture.code}/submissions/1`, tokens.clerk);
    expect(stored.report.explanations.map((entry: { text: string; reason?: string }) => [entry.text, entry.reason])).toEqual([[explanation, "actual"]]);

    // The workbook comes back with the explanation in its 说明 sheet, and the command line agrees it can be submitted.
    const back = Buffer.from(await download(page, "#download-filled"), "base64");
    expect(readReportWorkbookContents(back, { formSetOf }).report.explanations?.map((entry) => [entry.text, entry.reason])).toEqual([[explanation, "actual"]]);
    const path = join(files, "back.xlsx");
    await writeFile(path, back);
    expect(JSON.parse((await tianbao(["validate", path, "--json"])).stdout).canSubmit).toBe(true);

    // A reload keeps the explanation (the browser's storage), the file is dropped again: nothing to explain twice.
    await page.reload();
    await page.locator("#drop-zone").waitFor();
    await dropFile(page, second, "济南-2019.xlsx");
    expect(await page.locator('li.issue[data-rule="R05.2"] textarea').inputValue()).toBe(explanation);
    await page.close();
  });

  it("lets the province review on the page: the revision's workbook as a download, a typed cell pinned to a return", async () => {
    const page = await openPage(tokens.province);
    await page.locator(`tr[data-prefecture="${prefecture.code}"] button.open-revision`).click();
    await page.locator("#review-comment").waitFor();
    const revisionWorkbook = Buffer.from(
      await (async () => {
        await page.click("#open-workbook");
        return download(page, "section[data-revision] a.download");
      })(),
      "base64",
    );
    expect(readReportWorkbookContents(revisionWorkbook, { formSetOf }).report.unitCode).toBe(prefecture.code);

    // No county reported before 济南's first revision: every county row is the prefecture clerk's, and the card says so.
    expect(await page.locator("#row-sources summary").textContent()).toContain(`${prefecture.children.length} 个县由市填报`);
    await page.fill("#cell-address", "教扶99!A1");
    await page.click("#add-typed-cell");
    expect(await page.locator("#cell-address").getAttribute("aria-invalid")).toBe("true");
    const cell = layout.sheet("教扶05")!.cellOf(county, "E05_COVERED")!;
    await page.fill("#cell-address", `教扶05!${cell.toLowerCase()}`);
    await page.click("#add-typed-cell");
    expect(await page.locator("section[data-revision] input.comment-cell:checked").getAttribute("value")).toBe(`教扶05!${cell}`);
    // A second reviewer has the same card open.
    const second = await openPage(tokens.province);
    await second.locator(`tr[data-prefecture="${prefecture.code}"] button.open-revision`).click();
    await second.locator("#review-comment").waitFor();
    await page.fill("#review-comment", "请核实结对学校数");
    await page.click("#return");
    await page.locator(`tr[data-prefecture="${prefecture.code}"] td.status`).filter({ hasText: "退回" }).waitFor();
    // The card is drawn again: the return in its history, no buttons left, the comment box gone with its text.
    await page.locator("#review-closed").getByText("第 1 版已退回，无需再审核。").waitFor();
    expect(await page.locator("#review-history").textContent()).toContain("请核实结对学校数");
    expect(await page.locator("#review-message").textContent()).toBe("已退回第 1 版。");
    expect(await page.locator("#accept, #return, #review-comment").count()).toBe(0);
    await shot(page, "province-returned");
    // The second reviewer's 通过 is refused in words naming the revision and what to do, and the card catches up.
    await second.click("#accept");
    await second.click("#confirm-accept-yes");
    await second.locator("#review-message").getByText("第 1 版已被退回，不能再审核；填报单位重报后，审核新的一版。").waitFor();
    await second.locator("#review-closed").waitFor();
    expect(await second.locator("#review-message").textContent()).not.toMatch(/returned|submitted|状态为/);
    await second.close();
    const stored = await call("GET", `/periods/2019/units/${prefecture.code}/submissions/1`, tokens.province);
    expect(stored.reviews.map((review: { action: string; cells: unknown }) => [review.action, review.cells])).toEqual([
      ["return", [{ sheetCode: "教扶05", cell }]],
    ]);
    await page.close();
  });

  it("shows a returned clerk the comment and downloads the returned revision's workbook in one click", async () => {
    const page = await openPage(tokens.clerk);
    await page.locator("#report-state[data-state=returned]").waitFor();
    expect(await page.locator("#review-comment").textContent()).toContain("请核实结对学校数");
    expect(await page.locator("#next-action").textContent()).toContain("下载退回的第 1 版");
    expect(await page.locator("#revise-revision").textContent()).toBe("下载第 1 版修改");
    await shot(page, "returned-clerk");
    const returned = Buffer.from(await download(page, "#revise-revision"), "base64");
    const { report } = readReportWorkbookContents(returned, { formSetOf });
    expect(report.unitCode).toBe(prefecture.code);
    expect(report.explanations?.map((entry) => entry.text)).toEqual(["该县两所重点村学校已撤并，无需结对"]);
    // Handed back at step 2, it is the returned report again: the page asks for a reason to resubmit.
    await dropFile(page, returned, "济南-2019-1.xlsx");
    await page.locator("#resubmission-reason").waitFor();
    await page.close();
  });

  it("says why a dropped file is not a report and keeps the report it had; with File System Access it reads a saved file again on focus", async () => {
    const page = await openPage(tokens.clerk);
    const template = Buffer.from(
      await (
        await fetch(`${stack().dev.baseUrl}/api/v1/periods/2019/units/${prefecture.code}/template.xlsx`, {
          headers: { Authorization: `Bearer ${tokens.clerk}` },
        })
      ).arrayBuffer(),
    );
    const good = await fillTemplateWithExcelJS(template, reportWith({ error: false }));
    await dropFile(page, good, "济南.xlsx");
    await page.locator('li.issue[data-rule="R05.2"]').waitFor();

    await dropFile(page, new TextEncoder().encode("名称,数量\n"), "汇总.csv");
    expect(await page.locator("#file-error").textContent()).toContain("汇总.csv");
    expect(await page.locator("#file-error").textContent()).toContain(".xlsx");
    // A renamed binary: one concise line, Chinese then English, said once (issue 26).
    await dropFile(page, new TextEncoder().encode("PK\u0003\u0004 not really a zip"), "坏文件.xlsx");
    expect(await page.locator("#file-error").textContent()).toBe(
      "坏文件.xlsx 不是 Excel 工作簿（改扩展名不会转换格式）：请另存为 .xlsx / 坏文件.xlsx is not an Excel workbook (renaming does not convert it): save it as .xlsx",
    );
    await shot(page, "bad-file");
    expect(await page.locator("#file-state").textContent()).toContain("济南.xlsx");
    await page.locator('li.issue[data-rule="R05.2"]').waitFor();

    // Another unit's workbook is refused as an error, and 济南's report stays loaded (issue 26).
    const qingdao = reportingUnitOf("370200") as ReportingUnit;
    await dropFile(page, renderReportTemplate({ formSet: currentFormSet, unit: qingdao, period: "2019" }), "青岛.xlsx");
    const refused = page.locator("#file-error.error[role=alert]:not([hidden])");
    expect(await refused.textContent()).toBe("青岛.xlsx 是青岛市的报表，不是济南市的，未载入 / 青岛.xlsx is the report of Qingdao, not of Jinan: not loaded");
    expect(await page.locator("#file-state").textContent()).toContain("济南.xlsx");
    await page.locator('li.issue[data-rule="R05.2"]').waitFor();
    await shot(page, "other-unit-refused");

    // The clerk picks the file through File System Access (here a file in the origin's private file system, the picker answered by the test).
    await page.evaluate(
      async (base64) => {
        const root = await navigator.storage.getDirectory();
        const handle = await root.getFileHandle("济南.xlsx", { create: true });
        const writable = await handle.createWritable();
        await writable.write(Uint8Array.from(atob(base64), (character) => character.charCodeAt(0)));
        await writable.close();
        (window as unknown as { showOpenFilePicker: () => Promise<FileSystemFileHandle[]> }).showOpenFilePicker = async () => [handle];
      },
      Buffer.from(await fillTemplateWithExcelJS(template, reportWith({ error: true }))).toString("base64"),
    );
    await page.click("#choose-file");
    await page.locator('li.issue[data-rule="R04.1"]').waitFor();
    expect(await page.locator("#file-state").textContent()).toContain("回到本页即自动重新检查");

    // Saved again "in WPS" (the file changes on disk), the window regains focus: the list follows without a drop.
    await page.evaluate(async (base64) => {
      const root = await navigator.storage.getDirectory();
      const writable = await (await root.getFileHandle("济南.xlsx")).createWritable();
      await writable.write(Uint8Array.from(atob(base64), (character) => character.charCodeAt(0)));
      await writable.close();
      window.dispatchEvent(new Event("focus"));
    }, Buffer.from(good).toString("base64"));
    await page.locator('li.issue[data-rule="R04.1"]').waitFor({ state: "detached" });
    await page.locator('li.issue[data-rule="R05.2"]').waitFor();
    await shot(page, "re-read-on-focus");
    await page.close();
  });

  it("reads a picked file again on 重新检查; one the browser can no longer read (saved since) is dropped, and asked for again in one line", async () => {
    const page = await openPage(tokens.clerk);
    const template = Buffer.from(
      await (
        await fetch(`${stack().dev.baseUrl}/api/v1/periods/2019/units/${prefecture.code}/template.xlsx`, {
          headers: { Authorization: `Bearer ${tokens.clerk}` },
        })
      ).arrayBuffer(),
    );
    await page.locator("#drop-zone").waitFor();
    // No File System Access here (Firefox, Safari; or Chromium with a file from <input>): the File is all the page has.
    await page.evaluate(() => delete (window as { showOpenFilePicker?: unknown }).showOpenFilePicker);
    const path = join(files, "济南-重新检查.xlsx");
    await writeFile(path, await fillTemplateWithExcelJS(template, reportWith({ error: true })));
    const chooser = page.waitForEvent("filechooser");
    await page.click("#choose-file");
    await (await chooser).setFiles(path);
    await page.locator('li.issue[data-rule="R04.1"]').waitFor();
    // Unchanged: 重新检查 reads it again.
    await page.click("#recheck");
    await page.locator('li.issue[data-rule="R04.1"]').waitFor();

    // Saved again in WPS: Chromium can no longer read the File it was given. The old issues go, the browser's own words never show, the file is asked for again.
    await writeFile(path, await fillTemplateWithExcelJS(template, reportWith({ error: false })));
    const askedAgain = page.waitForEvent("filechooser");
    await page.click("#recheck");
    const again = await askedAgain;
    expect(await page.locator("#file-error").textContent()).toBe(
      "浏览器无法再读取 济南-重新检查.xlsx（选定后已保存或移走）：请重新选择该文件 / the browser cannot read 济南-重新检查.xlsx again (saved or moved since): choose it again",
    );
    expect(await page.locator("li.issue").count()).toBe(0);
    expect(await page.locator("body").textContent()).not.toMatch(/could not be read|permission problems/);
    await shot(page, "recheck-asks-again");
    await again.setFiles(path);
    await page.locator('li.issue[data-rule="R05.2"]').waitFor();
    expect(await page.locator('li.issue[data-rule="R04.1"]').count()).toBe(0);
    await page.close();
  });

  it("at 375 px: the template above the fold, the 报送 bar never over a focused explanation box; 中文/English kept per browser", async () => {
    const page = await openPage(tokens.clerk, 375);
    await page.setViewportSize({ width: 375, height: 667 });
    await page.locator("#create-report:not([disabled])").waitFor();
    const step1 = (await page.locator("#create-report").boundingBox())!;
    expect(step1.y + step1.height).toBeLessThanOrEqual(667);
    await shot(page, "375-first-screen");

    const template = await (
      await fetch(`${stack().dev.baseUrl}/api/v1/periods/2019/units/${prefecture.code}/template.xlsx`, { headers: { Authorization: `Bearer ${tokens.clerk}` } })
    ).arrayBuffer();
    await dropFile(page, await fillTemplateWithExcelJS(Buffer.from(template), reportWith({ error: false })), "济南.xlsx");
    const box = page.locator('li.issue[data-rule="R05.2"] textarea');
    await box.waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    await box.focus();
    const [field, bar] = [(await box.boundingBox())!, (await page.locator("#submit").boundingBox())!];
    expect(field.y + field.height).toBeLessThanOrEqual(bar.y);
    await shot(page, "375-explanation-above-submit-bar");

    // The switch: English, kept through a reload (this browser's storage), and back.
    await Promise.all([page.waitForEvent("load"), page.click("#language-switch")]);
    await page.locator("#report-file-title").getByText("Step 2").waitFor();
    expect(await page.getAttribute("html", "lang")).toBe("en");
    await page.reload();
    await page.locator("#report-file-title").getByText("Step 2").waitFor();
    expect(await page.textContent("#language-switch")).toBe("中文");
    await shot(page, "375-english");
    await Promise.all([page.waitForEvent("load"), page.click("#language-switch")]);
    await page.locator("#report-file-title").getByText("第 2 步").waitFor();
    await page.close();
  });

  it("warns a clerk whose token expires within 14 days, saying when; a token further off gets no warning", async () => {
    const expiresAt = new Date(Date.now() + 10 * 86_400_000 + 3_600_000).toISOString();
    const soon = await call("POST", "/tokens", tokens.admin, { role: "clerk", unitCode: prefecture.code, name: "快过期的填报员", expiresAt });
    const page = await openPage(soon.token);
    const warning = page.locator("#token-expiry");
    expect(await warning.textContent()).toMatch(/^访问令牌将于 \d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 过期（还剩 10 天）：请向管理员要新令牌/);
    await shot(page, "token-expires-soon");
    await page.close();

    const later = await openPage(tokens.clerk);
    expect(await later.locator("#token-expiry").count()).toBe(0);
    await later.close();
  });

  it("serves the task pane and the manifest from the same origin", async () => {
    const { baseUrl } = stack().dev;
    const pane = await fetch(`${baseUrl}/taskpane`);
    expect(pane.status).toBe(200);
    expect(await pane.text()).toContain("taskpane.js");
    const manifest = await (await fetch(`${baseUrl}/manifest.xml`)).text();
    expect(manifest).toContain('<SourceLocation DefaultValue="https://localhost:3000/taskpane"/>');
    expect((await fetch(`${baseUrl}/api/v1/health`)).status).toBe(200);
    // The page's bundle carries the .xlsx reader; the pane's must not (it inserts the server's template instead).
    expect(await (await fetch(`${baseUrl}/taskpane.js`)).text()).not.toContain("inflates past");
    expect(await (await fetch(`${baseUrl}/page.js`)).text()).toContain("inflates past");
  });

  it("sends nosniff and no Referer with every file and answer, each page its Content-Security-Policy, and no source map", async () => {
    const { baseUrl } = stack().dev;
    const csp = {
      page: "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'",
      pane: "default-src 'none'; script-src 'self' https://appsforoffice.microsoft.com/lib/1/hosted/; style-src 'self'; img-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'",
      api: "default-src 'none'; frame-ancestors 'none'",
    };
    const expected: [string, number, string | null][] = [
      ["/", 200, csp.page],
      ["/taskpane", 200, csp.pane],
      ["/page.js", 200, null],
      ["/taskpane.js", 200, null],
      ["/old-webview.js", 200, null],
      ["/taskpane.css", 200, null],
      ["/assets/icon-32.png", 200, null],
      ["/manifest.xml", 200, null],
      ["/api/v1/health", 200, csp.api],
      ["/api/v1/me", 401, csp.api],
      // A deploy build has no source maps, and the site's _headers is read by the Worker's assets, not served.
      ["/page.js.map", 404, csp.api],
      ["/taskpane.js.map", 404, csp.api],
      ["/_headers", 404, csp.api],
    ];
    const answers = await Promise.all(
      expected.map(async ([path]) => {
        const response = await fetch(`${baseUrl}${path}`);
        await response.arrayBuffer();
        const header = (name: string) => response.headers.get(name);
        return [path, response.status, header("Content-Security-Policy"), header("X-Content-Type-Options"), header("Referrer-Policy")];
      }),
    );
    expect(answers).toEqual(expected.map((row) => [...row, "nosniff", "no-referrer"]));
  });

  it("runs under its Content-Security-Policy: a script written into the page is refused, and another site may frame the pane but not the page", async () => {
    const page = await openPage(tokens.clerk);
    await page.locator("#create-report:not([disabled])").click();
    await page.locator("#report-message a.download").waitFor();
    expect(await cspViolations(page)).toEqual([]);
    // What an injected script would do: refused, and the refusal is what cspViolations sees (so an empty list means nothing was refused).
    await page.evaluate(() => {
      const script = document.createElement("script");
      script.textContent = "window.injected = true";
      document.body.append(script);
    });
    await expect.poll(() => cspViolations(page)).toEqual(["script-src-elem inline"]);
    expect(await page.evaluate(() => "injected" in window)).toBe(false);
    await page.close();

    // Another site framing both: the page refuses (frame-ancestors 'none'); the pane, framed by Office on the web from origins
    // Microsoft does not list, loads (docs/security.md). The other site is a server of its own on this machine (Chromium lets
    // no public origin, which a fulfilled route would be, frame a private address).
    const { baseUrl } = stack().dev;
    const otherSite = createServer((_request, response) =>
      response
        .writeHead(200, { "Content-Type": "text/html" })
        .end(`<iframe id="page" src="${baseUrl}/"></iframe><iframe id="pane" src="${baseUrl}/taskpane"></iframe>`),
    );
    await new Promise<void>((resolve) => otherSite.listen(0, "127.0.0.1", resolve));
    const framer = await stack().browser.newPage();
    await serveOfficeJsCdn(framer, "empty");
    await framer.goto(`http://127.0.0.1:${(otherSite.address() as AddressInfo).port}/`);
    await framer.frameLocator("#pane").locator("#app").waitFor({ state: "attached" });
    const frameUrls = framer.frames().map((frame) => frame.url());
    expect(frameUrls).toContain(`${baseUrl}/taskpane`);
    expect(frameUrls).not.toContain(`${baseUrl}/`);
    expect(await framer.frameLocator("#page").locator("#app").count()).toBe(0);
    await framer.close();
    otherSite.close();
  });

  it("keeps the clerk's token for the tab unless 记住我 is ticked; 退出 forgets it", async () => {
    const { baseUrl } = stack().dev;
    const context = await stack().browser.newContext({ locale: "zh-CN" });
    const page = await context.newPage();
    const key = "page:tianbao.connection";
    /** The token in [sessionStorage, localStorage]. */
    const stored = (tab = page) =>
      tab.evaluate((key) => [sessionStorage, localStorage].map((storage) => JSON.parse(storage.getItem(key) ?? "null")?.token ?? null), key);
    const signIn = async (remember: boolean) => {
      await page.fill("#token", tokens.clerk);
      if (remember) await page.check("#remember");
      await page.click("button[type=submit]");
      await page.locator("#disconnect").waitFor();
    };
    const signOut = async () => {
      expect(await page.textContent("#disconnect")).toBe("退出");
      await page.click("#disconnect");
      await page.click("#disconnect-yes");
      await page.locator("#token").waitFor();
    };
    await page.goto(`${baseUrl}/`);
    expect(await page.isChecked("#remember")).toBe(false);

    await signIn(false);
    expect(await stored()).toEqual([tokens.clerk, null]);
    // A reload keeps the tab's session; another tab (a clerk who comes back after closing it) has no token.
    await page.reload();
    await page.locator("#disconnect").waitFor();
    const other = await context.newPage();
    await other.goto(`${baseUrl}/`);
    await other.locator("#token").waitFor();
    expect(await stored(other)).toEqual([null, null]);
    await signOut();
    expect(await stored()).toEqual([null, null]);

    await signIn(true);
    expect(await stored()).toEqual([null, tokens.clerk]);
    await other.reload();
    await other.locator("#disconnect").waitFor();
    await signOut();
    expect(await stored()).toEqual([null, null]);
    await context.close();
  });

  it("takes a county clerk from the county's template to a receipt, and the prefecture's clerk reviews the county and builds its report from the counties'", async () => {
    const lixia = reportingUnitOf(county) as ReportingUnit;
    const { token: countyToken } = await call("POST", "/tokens", tokens.admin, { role: "clerk", unitCode: lixia.code, name: "历下区填报员" });
    const page = await openPage(countyToken);
    expect(await page.locator(".who").textContent()).toContain("济南市历下区");
    await page.locator("#create-report:not([disabled])").click();
    const template = Buffer.from(await download(page, "#report-message a.download"), "base64");
    const prefectureFigures = reportWith({ error: false });
    const countyFigures = childReportOf(currentFormSet, prefectureFigures, lixia, { cover: prefectureFigures.sheets["封面"]?.[0] });
    const filled = await fillTemplateWithExcelJS(template, countyFigures);
    await dropFile(page, filled, "历下区-2019.xlsx");
    await page.locator('li.issue[data-rule="R05.2"]').waitFor();
    expect(await pageIssues(page)).toEqual(await cliIssues(filled, "lixia.xlsx"));
    await page.evaluate(() => {
      const field = document.querySelector<HTMLTextAreaElement>('li.issue[data-rule="R05.2"] textarea') as HTMLTextAreaElement;
      field.value = "两所重点村学校已撤并，无需结对";
      field.dispatchEvent(new Event("input", { bubbles: true }));
    });
    await page.locator("#submit-button:not([disabled])").click();
    await page.locator("#receipt").waitFor();
    // The county is reviewed by its prefecture: every word of its day says 市级, never 省级.
    expect(await page.locator("#receipt").textContent()).toContain("市级审核后");
    await page.locator("#report-state").getByText("等待市级审核").waitFor();
    await shot(page, "county-submitted");
    await page.close();

    // 市中区 submits too (through the API: its clerk's day is 历下区's).
    const shizhongUnit = reportingUnitOf(prefecture.children[1]!.code) as ReportingUnit;
    const { token: shizhongToken } = await call("POST", "/tokens", tokens.admin, { role: "clerk", unitCode: shizhongUnit.code, name: "市中区填报员" });
    await call(
      "POST",
      `/periods/2019/units/${shizhongUnit.code}/submissions`,
      shizhongToken,
      { report: childReportOf(currentFormSet, prefectureFigures, shizhongUnit, { cover: prefectureFigures.sheets["封面"]?.[0] }), basedOnRevision: null },
      { "Idempotency-Key": "web-page-shizhong" },
    );

    // 济南's clerk: the counties' tab lists 历下区 as 待审 (the API's 已报); accepting it, returning 市中区, then building 济南's workbook from the counties'.
    const prefecturePage = await openPage(tokens.clerk, 1280);
    await prefecturePage.click("#tab-units");
    const row = prefecturePage.locator(`tr[data-prefecture="${lixia.code}"]`);
    await row.locator("td.status").filter({ hasText: "待审" }).waitFor();
    await row.locator("button.open-revision").click();
    // The county's figures as submitted, beside its warnings (side by side once the card is wide).
    const figures = prefecturePage.locator("#report-figures");
    await figures.waitFor();
    const firstField = currentFormSet.sheet("教扶01")!.fields[0]!;
    expect(await figures.locator('details[data-sheet="教扶01"] tbody tr').first().textContent()).toContain(
      String(countyFigures.sheets["教扶01"]![0]!.values[firstField.code]),
    );
    // Readable at 1280 px: the county's table fits its card, nothing to scroll sideways.
    expect(await figures.locator('details[data-sheet="教扶01"] .table-scroll').evaluate((element) => element.scrollWidth <= element.clientWidth)).toBe(true);
    await shot(prefecturePage, "prefecture-reads-county-figures");
    await prefecturePage.locator("#accept").click();
    expect(await prefecturePage.locator("#confirm-accept").textContent()).toContain("通过后本版用于合并济南市的报表");
    await prefecturePage.locator("#confirm-accept-yes").click();
    await row.locator("td.status").filter({ hasText: "通过" }).waitFor();
    const shizhongRow = prefecturePage.locator(`tr[data-prefecture="${shizhongUnit.code}"]`);
    await shizhongRow.locator("button.open-revision").click();
    await prefecturePage.locator("section[data-revision] h2").filter({ hasText: "济南市市中区 #1" }).waitFor();
    await prefecturePage.fill("#review-comment", "请核实教师交流人数");
    await prefecturePage.click("#return");
    await shizhongRow.locator("td.status").filter({ hasText: "退回" }).waitFor();
    await prefecturePage.locator("#review-closed").getByText("第 1 版已退回").waitFor();
    await shot(prefecturePage, "prefecture-reviews-counties");
    await prefecturePage.click("#build-from-counties");
    const built = Buffer.from(await download(prefecturePage, "#province-message a.download"), "base64");
    const { report } = readReportWorkbookContents(built, { formSetOf });
    expect(report.unitCode).toBe(prefecture.code);
    expect(report.sheets["教扶04"]?.find((entry) => entry.key === lixia.code)?.values).toEqual(countyFigures.sheets["教扶04"]?.[0]?.values);
    // The merge says who is in, who never submitted, the rows kept from 济南's own latest revision (typed there), and what to do next.
    const summary = prefecturePage.locator("#merge-summary");
    await summary.waitFor();
    const others = prefecture.children.length - 2;
    const lines = await summary.locator("li").allTextContents();
    expect(lines.slice(0, 3)).toEqual([
      "已纳入 1 个：济南市历下区",
      "已退回未重报 1 个：济南市市中区",
      expect.stringMatching(new RegExp(`^从未报送 ${others} 个：济南市槐荫区、`)),
    ]);
    // 济南's revision 1 (the first test's) typed every county's row: kept, so none is left to type.
    expect(lines.slice(3)).toEqual([
      expect.stringMatching(/^沿用第 1 版所填的行：济南市市中区、/),
      "下一步：各下级的行都已齐全；打开下载的工作簿核对封面，保存后拖回本页校验并报送。",
    ]);
    await shot(prefecturePage, "prefecture-merged");
    await prefecturePage.close();

    // 济南 resubmits (its rows of 历下区 as the county sent them, the others its own): the province drills down from 济南's revision to 历下区's.
    const explanations = validateReport({ formSet: currentFormSet, unit: prefecture, report: prefectureFigures }).unexplainedWarnings.map((issue) => ({
      ruleId: issue.ruleId,
      sheetCode: issue.sheetCode,
      rowKey: issue.rowKey,
      fieldCode: issue.fieldCode,
      text: "两所重点村学校已撤并，无需结对",
    }));
    const receipt = await call(
      "POST",
      `/periods/2019/units/${prefecture.code}/submissions`,
      tokens.clerk,
      { report: { ...prefectureFigures, explanations }, basedOnRevision: 1, resubmissionReason: "已按退回意见核实" },
      { "Idempotency-Key": "web-page-drill-down" },
    );
    expect(receipt.revision).toBe(2);
    const provincePage = await openPage(tokens.province);
    await provincePage.locator(`tr[data-prefecture="${prefecture.code}"] button.open-revision`).click();
    await provincePage.locator("#row-sources summary").click();
    expect(await provincePage.locator("#row-sources summary").textContent()).toContain("1 个县来自其报表");
    await provincePage.locator(`#row-sources li[data-unit="${lixia.code}"] button.open-source`).click();
    await provincePage.locator("section[data-revision] h2").filter({ hasText: "济南市历下区 #1" }).waitFor();
    // The province reads the county's revision but does not review it: its prefecture does.
    expect(await provincePage.locator("#reviewed-by").textContent()).toContain("济南市");
    expect(await provincePage.locator("#accept").count()).toBe(0);
    await shot(provincePage, "province-drills-down-to-a-county");

    // 历下区 resubmits another figure: 济南's revision 2 no longer carries what its counties contribute.
    const volunteers = countyFigures.sheets["教扶04"]![0]!.values.E04_VOL as number;
    const corrected = withValue(countyFigures, "教扶04", lixia.code, "E04_VOL", volunteers + 3);
    const countyExplanations = validateReport({ formSet: currentFormSet, unit: lixia, report: corrected }).unexplainedWarnings.map((issue) => ({
      ruleId: issue.ruleId,
      sheetCode: issue.sheetCode,
      rowKey: issue.rowKey,
      fieldCode: issue.fieldCode,
      text: "两所重点村学校已撤并，无需结对",
    }));
    await call(
      "POST",
      `/periods/2019/units/${lixia.code}/submissions`,
      countyToken,
      { report: { ...corrected, explanations: countyExplanations }, basedOnRevision: 1, resubmissionReason: "志愿者人数更正" },
      { "Idempotency-Key": "web-page-county-resubmits" },
    );
    // The province's card of 济南's revision says so (it reads; 济南 rebuilds).
    await provincePage.reload();
    await provincePage.locator(`tr[data-prefecture="${prefecture.code}"] button.open-revision`).click();
    await provincePage.locator("#merge-stale").getByText("济南市第 2 版已过时").waitFor();
    expect(await provincePage.locator("#merge-stale li").allTextContents()).toEqual(["济南市历下区：第 1 版 → 第 2 版（重报）"]);
    expect(await provincePage.locator("#rebuild-merged").count()).toBe(0);
    await provincePage.close();

    // 济南's clerk is told on the counties' tab, and 重新合成 gives the workbook with every row it typed kept.
    const rebuildPage = await openPage(tokens.clerk, 1280);
    await rebuildPage.click("#tab-units");
    const stale = rebuildPage.locator("#merge-stale");
    await stale.waitFor();
    expect(await stale.locator("li").allTextContents()).toEqual(["济南市历下区：第 1 版 → 第 2 版（重报）"]);
    expect(await stale.textContent()).toMatch(/合计将变化：教扶04 薄弱学科培训志愿者：\d+ → \d+/);
    await shot(rebuildPage, "prefecture-told-out-of-date");
    await rebuildPage.click("#rebuild-merged");
    const rebuiltBytes = Buffer.from(await download(rebuildPage, "#rebuild-message a.download"), "base64");
    const rebuilt = readReportWorkbookContents(rebuiltBytes, { formSetOf }).report;
    const rowOf = (code: string) => rebuilt.sheets["教扶04"]?.find((entry) => entry.key === code)?.values;
    expect(rowOf(lixia.code)?.E04_VOL).toBe(volunteers + 3);
    const shizhong = prefecture.children[1]!.code;
    expect(rowOf(shizhong)).toEqual(prefectureFigures.sheets["教扶04"]!.find((entry) => entry.key === shizhong)!.values);
    const said = await rebuildPage.locator("#merge-summary li").allTextContents();
    expect(said.slice(0, 2)).toEqual([expect.stringMatching(/^沿用第 2 版所填的行：济南市市中区、/), "换为其当前修订：济南市历下区"]);
    await shot(rebuildPage, "prefecture-rebuilt");

    // 济南 drops the rebuilt workbook back, nothing retyped, and submits it: the province reviews it.
    await rebuildPage.click("#tab-report");
    await dropFile(rebuildPage, rebuiltBytes, "370100-2019.xlsx");
    // 济南's counties are now peers enough for outlier ranges (O01, from the workbook's _ranges): the planted 0 of
    // E05_COVERED is one. The page and the command line agree; the clerk explains each like any warning.
    await rebuildPage.locator('li.issue[data-rule="O01"]').first().waitFor();
    const outliers = (await pageIssues(rebuildPage)).filter((issue) => issue.startsWith("O01 "));
    expect(outliers).toEqual((await cliIssues(rebuiltBytes, "rebuilt.xlsx")).filter((issue) => issue.startsWith("O01 ")));
    expect(await rebuildPage.locator('li.issue[data-rule="O01"]').allTextContents()).toContainEqual(expect.stringContaining("同级中位数"));
    await rebuildPage.evaluate(
      (text) =>
        Promise.all(
          [...document.querySelectorAll<HTMLTextAreaElement>('li.issue[data-rule="O01"] textarea')].map(
            (field) =>
              new Promise<void>((resolve) => {
                field.addEventListener("tianbao:explanation-saved", () => resolve(), { once: true });
                field.value = text;
                field.dispatchEvent(new Event("input", { bubbles: true }));
              }),
          ),
        ).then(() => undefined),
      "重点村学校已撤并，本县数据属实",
    );
    // Revision 2 awaits the province's review: a new one replaces it without a reason.
    await rebuildPage.locator("#submit-button:not([disabled])").click();
    // The workbook came from the server, not from revision 2: the page says what it will replace, and a second 报送 does.
    const thirdReceipt = rebuildPage.locator("#receipt").getByText("第 3 版");
    await rebuildPage.locator("#receipt, #submit-area .message.warning, .message").getByText("现在报送将替换第 2 版").or(thirdReceipt).first().waitFor();
    if (!(await thirdReceipt.isVisible())) await rebuildPage.locator("#submit-button:not([disabled])").click();
    await thirdReceipt.waitFor();
    expect(await rebuildPage.locator("#receipt").textContent()).toContain("省级审核");
    await shot(rebuildPage, "prefecture-resubmitted-rebuilt");
    await rebuildPage.close();

    // The province pulls: 济南's revision 3 with 历下区's corrected figure in its totals.
    const pullPage = await openPage(tokens.province);
    await pullPage.locator(`tr[data-prefecture="${prefecture.code}"] td`).filter({ hasText: "#3" }).waitFor();
    await pullPage.click("#pull-consolidated");
    expect(
      Buffer.from(await download(pullPage, "#province-message a.download"), "base64")
        .subarray(0, 2)
        .toString(),
    ).toBe("PK");
    const consolidated = await call("GET", "/periods/2019/consolidated?wait=10", tokens.province);
    expect(consolidated.provenance.map((entry: { unitCode: string; revision: number }) => [entry.unitCode, entry.revision])).toContainEqual([
      prefecture.code,
      3,
    ]);
    const jinanVolunteers = consolidated.sheets["教扶04"].find((entry: { key: string }) => entry.key === prefecture.code).values.E04_VOL;
    expect(jinanVolunteers).toBe((prefectureFigures.sheets["教扶04"] ?? []).reduce((sum, entry) => sum + Number(entry.values.E04_VOL ?? 0), 0) + 3);
    await pullPage.close();
  });
});
