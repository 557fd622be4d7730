// Issue 30 item 3 in Chromium against wrangler dev: a thread per value. The province's return comment
// on 教扶04!E7 opens the thread; in the task pane over the model of Excel the clerk selects the cell,
// reads the thread beside its history and replies; on the web page the cell's thread is listed above
// the issues and opens with a click; on the review card the province reads both and replies.
// Screenshots in test-results/value-thread/, axe on each.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { sampleReport, withValue } from "../support/sample-report.ts";
import { prefecture } from "../addin/support/filled-workbook.ts";
import { seriousViolations } from "./axe.ts";
import { chromiumPath, screenshotter } from "./chromium.ts";
import { dropFile } from "./drop-file.ts";
import { county, usePaneStack } from "./pane-harness.ts";

const { tokens, call, openPage, openPane } = usePaneStack();
const screenshot = screenshotter("value-thread");
const shot = async (page: Page, name: string) => {
  await screenshot(page, name);
  expect(await seriousViolations(page), name).toEqual([]);
};
const report = sampleReport(prefecture, { period: "2019" });
const returnComment = "历下区校长交流数偏高，请核实";
const threadPath = `/periods/2019/units/${prefecture.code}/comments?cell=${encodeURIComponent("教扶04!E7")}`;

/** 2019's revision 1, returned with a comment on 教扶04!E7 (历下区's principals exchanged). */
beforeAll(async () => {
  if (!chromiumPath) return;
  await call("POST", "/periods", tokens.admin, { code: "2019", deadline: "2999-12-31" });
  const submissions = `/periods/2019/units/${prefecture.code}/submissions`;
  await call("POST", submissions, tokens.clerk, { report, basedOnRevision: null }, { "Idempotency-Key": "value-thread-1" });
  await call("POST", `${submissions}/1/review`, tokens.province, { action: "return", comment: returnComment, cells: [{ sheetCode: "教扶04", cell: "E7" }] });
});

const threadEntries = (page: Page) => page.locator("#value-thread li.thread-entry").allInnerTexts();

describe.skipIf(!chromiumPath)("a value's thread", () => {
  it("in the task pane: the selected cell's thread beside its history, the return comment first; the clerk replies", async () => {
    const workbook = Buffer.from(renderReportTemplate({ formSet: currentFormSet, unit: prefecture, period: "2019", report })).toString("base64");
    const pane = await openPane("web", "", tokens.clerk, workbook);
    await pane.locator("#selected-cell-history").waitFor();
    const sheetName = currentFormSet.sheet("教扶04")!.name;
    await pane.evaluate(([name]) => window.tianbao.host.selectCell(name, "E7"), [sheetName] as const);
    await pane.click("#selected-cell-history");
    await pane.locator("#value-thread li.thread-entry").first().waitFor();
    expect(await pane.textContent("#value-thread h3")).toBe("讨论（1）");
    expect(await threadEntries(pane)).toEqual([expect.stringMatching(new RegExp(`^审核方 省审核员（.* · 2019 年第 1 版 · 退回）：${returnComment}$`))]);

    await pane.click("#send-reply");
    await pane.locator("#thread-message").getByText("请填写内容").waitFor();
    await pane.fill("#thread-reply", "已按学籍系统核对，改报为 3 人");
    await pane.click("#send-reply");
    await pane.locator("#value-thread h3").getByText("讨论（2）").waitFor();
    expect((await threadEntries(pane))[1]).toMatch(/^填报员 济南填报员（.* · 2019 年第 1 版）：已按学籍系统核对，改报为 3 人$/);
    expect(await pane.inputValue("#thread-reply")).toBe("");
    await shot(pane, "pane-thread-reply");
    const stored = await call("GET", threadPath, tokens.province);
    expect(stored.comments.map((entry: { kind: string; role: string }) => `${entry.kind} ${entry.role}`)).toEqual(["return reviewer", "comment clerk"]);
  });

  it("on the web page: the cell's thread listed above the issues and linked from the issue on its cell; a click opens it beside the history", async () => {
    const page = await openPage(tokens.clerk);
    // More principals than teachers exchanged: R04.1 on 教扶04!E7, the cell with the thread.
    const changed = withValue(report, "教扶04", "370102", "E04_PRIN", 100_000);
    await dropFile(page, renderReportTemplate({ formSet: currentFormSet, unit: prefecture, period: "2019", report: changed }), "济南-2019.xlsx", "issues");
    const issueLink = page.locator('li.issue[data-rule="R04.1"][data-address="教扶04!E7"] .thread-link');
    await issueLink.waitFor();
    expect(await issueLink.textContent()).toBe("讨论（2）");
    await issueLink.click();
    await page.locator("#value-thread h3").getByText("讨论（2）").waitFor();
    await page.click("#close-history");
    const line = page.locator('#unit-threads li.thread-cell[data-address="教扶04!E7"]');
    await line.waitFor();
    expect(await page.textContent("#unit-threads h3")).toBe("各单元格的讨论（1）");
    expect(await line.textContent()).toContain("已按学籍系统核对，改报为 3 人");
    expect(await line.textContent()).toContain("共 2 条");
    await line.locator("button").click();
    await page.locator("#history-panel h2").getByText("教扶04!E7").waitFor();
    await page.locator("#value-thread h3").getByText("讨论（2）").waitFor();
    await shot(page, "page-threads");
  });

  it("on the web page: a warning's explanation being typed keeps its box, its focus and every character when the unit's threads arrive; a reply is counted at once", async () => {
    const page = await openPage(tokens.clerk);
    // The unit's threads are held back until the clerk has started typing.
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    await page.route(/\/units\/\d+\/comments/, async (route) => (await held, route.continue()));
    // No key-village school paired: R05.2, a warning to explain.
    const warned = withValue(report, "教扶05", county, "E05_COVERED", 0);
    await dropFile(page, renderReportTemplate({ formSet: currentFormSet, unit: prefecture, period: "2019", report: warned }), "济南-2019.xlsx", "issues");
    const item = page.locator('li.issue[data-rule="R05.2"]');
    const address = (await item.getAttribute("data-address")) as string;
    await call("POST", `/periods/2019/units/${prefecture.code}/comments`, tokens.province, { cell: address, text: "结对学校名单请附上" });
    const box = item.locator("textarea");
    await box.focus();
    await page.evaluate(() => ((document.activeElement as HTMLElement & { marked?: boolean }).marked = true));
    await page.keyboard.type("本县重点村");
    release();
    await item.locator(".thread-link").getByText("讨论（1）").waitFor();
    await page.keyboard.type("学校均已撤并");
    expect(await page.evaluate(() => (document.activeElement as HTMLElement & { marked?: boolean }).marked)).toBe(true);
    expect(await box.inputValue()).toBe("本县重点村学校均已撤并");

    // A reply from the cell's thread is counted at once by the unit's threads card and the issue's 讨论 link.
    await item.locator(".thread-link").click();
    await page.locator("#value-thread h3").getByText("讨论（1）").waitFor();
    await page.fill("#thread-reply", "名单已附在说明里");
    await page.click("#send-reply");
    await item.locator(".thread-link").getByText("讨论（2）").waitFor();
    expect(await page.locator(`#unit-threads li.thread-cell[data-address="${address}"]`).textContent()).toContain("共 2 条");
    expect(await box.inputValue()).toBe("本县重点村学校均已撤并");
  });

  it("on the review card: the province reads the thread and replies", async () => {
    const province = await openPane("web", "&view=province", tokens.province);
    await province.selectOption("#province-period", "2019");
    await province.locator(`#completeness tr[data-prefecture="${prefecture.code}"] .open-revision`).click();
    const line = province.locator('[data-revision="1"] #unit-threads li.thread-cell[data-address="教扶04!E7"]');
    await line.waitFor();
    await line.locator("button").click();
    await province.locator('[data-revision="1"] #value-thread h3').getByText("讨论（2）").waitFor();
    await province.fill("#thread-reply", "收到，请在修订 2 中改报");
    await province.click("#send-reply");
    await province.locator("#value-thread h3").getByText("讨论（3）").waitFor();
    expect((await threadEntries(province))[2]).toMatch(/^审核方 省审核员（.* · 2019 年第 1 版）：收到，请在修订 2 中改报$/);
    await shot(province, "review-card-thread");
  });
});
