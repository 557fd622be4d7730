// Issue 30 in Chromium against wrangler dev. The 历史 / History panel (item 4): on the web page, from
// an issue of the dropped workbook and from a typed cell; in the task pane over the model of Excel,
// from the selected cell; last period's accepted value, this period's revision with who sent it, the
// reviewer's comment on that cell. The review card's changes since the accepted revision (item 5).
// 跟进 (item 2): marked on the review card, listed for the province, seen and cleared by the clerk on
// the page. Screenshots in test-results/value-quality/, axe on each.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { sampleReport, withValue } from "../support/sample-report.ts";
import { prefecture } from "../addin/support/filled-workbook.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { seriousViolations } from "./axe.ts";
import { chromiumPath, screenshotter } from "./chromium.ts";
import { dropFile } from "./drop-file.ts";
import { usePaneStack } from "./pane-harness.ts";

const { tokens, call, openPage, openPane } = usePaneStack();
const screenshot = screenshotter("value-quality");
const shot = async (page: Page, name: string) => {
  await screenshot(page, name);
  expect(await seriousViolations(page), name).toEqual([]);
};
const county = "370102";
const report2018 = sampleReport(prefecture, { period: "2018" });
const report2019 = sampleReport(prefecture, { period: "2019" });
const principals = (report: typeof report2019) => report.sheets["教扶04"]!.find((row) => row.key === county)!.values.E04_PRIN as number;
const comment = "历下区校长交流数请核实";

/** 2018 accepted; 2019's revision 1 returned with a comment on 教扶04!E7 (历下区's E04_PRIN). */
beforeAll(async () => {
  if (!chromiumPath) return;
  const submissions = (period: string) => `/periods/${period}/units/${prefecture.code}/submissions`;
  for (const [period, report] of [
    ["2018", report2018],
    ["2019", report2019],
  ] as const) {
    await call("POST", "/periods", tokens.admin, { code: period, deadline: "2999-12-31" });
    const receipt = await call("POST", submissions(period), tokens.clerk, { report, basedOnRevision: null }, { "Idempotency-Key": `history-panel-${period}` });
    expect(receipt.revision).toBe(1);
  }
  await call("POST", `${submissions("2018")}/1/review`, tokens.province, { action: "accept" });
  await call("POST", `${submissions("2019")}/1/review`, tokens.province, { action: "return", comment, cells: [{ sheetCode: "教扶04", cell: "E7" }] });
});

/** The panel's entries as their head lines, then each note. */
const entries = (page: Page, list: string) => page.locator(`#history-panel ${list} li`).allInnerTexts();

describe.skipIf(!chromiumPath)("a value's history, what changed since acceptance, and 跟进", () => {
  it("on the page: from an issue's 历史, then from a typed cell; a computed cell is refused in words", async () => {
    const page = await openPage(tokens.clerk);
    // More principals than teachers exchanged: R04.1 on 教扶04!E7, whose 历史 the clerk opens.
    const workbook = renderReportTemplate({
      formSet: currentFormSet,
      unit: prefecture,
      period: "2019",
      report: withValue(report2019, "教扶04", county, "E04_PRIN", 100_000),
    });
    await dropFile(page, workbook, "济南-2019.xlsx", "issues");
    await page.locator('li.issue[data-rule="R04.1"][data-address="教扶04!E7"] .history-link').click();
    await page.locator("#history-panel .history-revisions li").first().waitFor();
    expect(await page.textContent("#history-panel h2")).toBe("历史 · 教扶04!E7 其中:城镇校长到乡村学校任职、交流");
    expect(await entries(page, ".history-earlier")).toEqual([
      expect.stringMatching(new RegExp(`^2018 年第 1 版：${principals(report2018)} · 通过 · 济南填报员 · `)),
    ]);
    const [revision] = await entries(page, ".history-revisions");
    expect(revision).toMatch(new RegExp(`^第 1 版：${principals(report2019)} · 退回 · 济南填报员 · `));
    expect(revision).toContain(`省审核员 退回（`);
    expect(revision).toContain(comment);
    await shot(page, "page-from-issue");

    await page.fill("#history-cell", "教扶02!C7");
    await page.click("#show-history");
    await page.locator("#history-panel h2").getByText("教扶02!C7 规划总投入").waitFor();
    await page.fill("#history-cell", "教扶04!E6");
    await page.press("#history-cell", "Enter");
    await page.locator("#history-status.error").getByText("由公式或汇总得出").waitFor();
    await shot(page, "page-computed-cell-refused");
    await page.click("#close-history");
    expect(await page.isHidden("#history-panel")).toBe(true);
  });

  it("in the task pane: the history of the cell selected in Excel; a cell off the forms is said so", async () => {
    const workbook = Buffer.from(renderReportTemplate({ formSet: currentFormSet, unit: prefecture, period: "2019", report: report2019 })).toString("base64");
    const pane = await openPane("web", "", tokens.clerk, workbook);
    await pane.locator("#selected-cell-history").waitFor();
    const sheetName = currentFormSet.sheet("教扶04")!.name;
    await pane.evaluate(([name]) => window.tianbao.host.selectCell(name, "E7"), [sheetName] as const);
    await pane.click("#selected-cell-history");
    await pane.locator("#history-panel .history-revisions li").first().waitFor();
    expect(await pane.textContent("#history-panel h2")).toBe("历史 · 教扶04!E7 其中:城镇校长到乡村学校任职、交流");
    expect(await entries(pane, ".history-earlier")).toHaveLength(1);
    await shot(pane, "pane-selected-cell");
    await pane.evaluate(([name]) => window.tianbao.host.selectCell(name, "A1"), [sheetName] as const);
    await pane.click("#selected-cell-history");
    await pane.locator("#history-status.error").waitFor();
  });

  it("on the review card: what changed since the accepted revision, with the 说明 and every reason since, before 通过/退回", async () => {
    const qingdao = reportingTree.unit("370200") as ReportingUnit;
    const clerk = (await call("POST", "/tokens", tokens.admin, { role: "clerk", unitCode: qingdao.code, name: "青岛填报员" })).token;
    const submissions = `/periods/2019/units/${qingdao.code}/submissions`;
    const submit = (report: unknown, basedOnRevision: number | null, resubmissionReason?: string) =>
      call(
        "POST",
        submissions,
        clerk,
        { report, basedOnRevision, ...(resubmissionReason && { resubmissionReason }) },
        { "Idempotency-Key": crypto.randomUUID() },
      );
    const accepted = sampleReport(qingdao, { period: "2019" });
    const row = qingdao.children[0]!.code;
    const volunteers = accepted.sheets["教扶04"]!.find((candidate) => candidate.key === row)!.values.E04_VOL as number;
    await submit(accepted, null);
    await call("POST", `${submissions}/1/review`, tokens.province, { action: "accept" });
    // Revision 2 changes the volunteers (returned); revision 3 puts them back and unpairs a school (R05.2, explained).
    await submit(withValue(accepted, "教扶04", row, "E04_VOL", volunteers + 3), 1, "补报志愿者");
    await call("POST", `${submissions}/2/review`, tokens.province, { action: "return", comment: "志愿者数请核实" });
    const third = {
      ...withValue(accepted, "教扶05", row, "E05_COVERED", 0),
      explanations: [{ ruleId: "R05.2", sheetCode: "教扶05", rowKey: row, fieldCode: "E05_COVERED", text: "结对学校撤并，待重新结对" }],
    };
    expect((await submit(third, 2, "志愿者数恢复；结对情况更新")).revision).toBe(3);

    const province = await openPane("web", "&view=province", tokens.province);
    await province.selectOption("#province-period", "2019");
    await province.locator(`#completeness tr[data-prefecture="${qingdao.code}"] .open-revision`).click();
    const section = province.locator('[data-revision="3"] #changes-since-accepted');
    await section.waitFor();
    expect(await section.locator("h3").textContent()).toBe("自已通过的第 1 版以来的改动（1 格）");
    const [change] = await section.locator(".diff li").allInnerTexts();
    expect(change).toMatch(/^教扶05!D7 .*→ 0 历史\nR05\.2 说明：结对学校撤并，待重新结对$/);
    expect(await section.locator(".since-accepted-reasons li").allTextContents()).toEqual([
      "第 2 版重报原因：补报志愿者",
      "第 3 版重报原因：志愿者数恢复；结对情况更新",
    ]);
    // Since the previous revision the volunteers' change back shows too, below; 通过 and 退回 come after both.
    expect(await province.locator('[data-revision="3"] #changes-since .diff li').count()).toBe(2);
    await province.locator('[data-revision="3"] #accept').waitFor();
    // 历史 beside the change: the value in each of Qingdao's revisions, with the 说明 of revision 3.
    await section.locator(".history-link").click();
    await province.locator('[data-revision="3"] #history-panel .history-revisions li').nth(2).waitFor();
    expect(await province.locator("#history-panel .history-revisions li").allInnerTexts()).toEqual([
      expect.stringMatching(/^第 1 版：\d+ · 通过 · 青岛填报员 · /),
      expect.stringMatching(/^第 2 版：\d+ · 退回 · 青岛填报员 · .*\n重报原因：补报志愿者$/),
      expect.stringMatching(/^第 3 版：0 · 待审 · 青岛填报员 · .*\n重报原因：志愿者数恢复；结对情况更新\nR05\.2 .*说明：结对学校撤并，待重新结对$/),
    ]);
    await shot(province, "review-card-since-accepted");
  });

  it("跟进: the province marks a value on the review card, the clerk sees it above the issues on the page and clears it with a note", async () => {
    const province = await openPane("web", "&view=province", tokens.province);
    await province.selectOption("#province-period", "2019");
    await province.locator(`#completeness tr[data-prefecture="${prefecture.code}"] .open-revision`).click();
    const card = province.locator('[data-revision="1"] #follow-ups');
    await card.locator("h3").getByText("没有待跟进的数").waitFor();
    await province.fill("#follow-up-cell", "教扶04!E8");
    await province.fill("#follow-up-note", "请核实交流教师名单");
    await province.click("#mark-follow-up");
    await province.locator("#follow-up-message").getByText("已标记 教扶04!E8 跟进").waitFor();
    expect(await card.locator("li.follow-up").getAttribute("data-address")).toBe("教扶04!E8");
    await province
      .locator("#province-follow-ups li.follow-up")
      .first()
      .waitFor({ state: "attached" })
      .catch(() => undefined);
    await shot(province, "follow-up-marked");

    const page = await openPage(tokens.clerk);
    const workbook = renderReportTemplate({ formSet: currentFormSet, unit: prefecture, period: "2019", report: report2019 });
    await dropFile(page, workbook, "济南-2019.xlsx", "issues");
    const mark = page.locator('#follow-ups li.follow-up[data-address="教扶04!E8"]');
    await mark.waitFor();
    expect(await page.textContent("#follow-ups h3")).toBe("跟进（1）");
    expect(await mark.textContent()).toContain("请核实交流教师名单");
    // A click on the mark opens the value's history beside it.
    await mark.locator(".follow-up-cell").click();
    await page.locator("#history-panel h2").getByText("教扶04!E8").waitFor();
    await mark.locator(".follow-up-clear").click();
    await page.locator("#follow-up-message").getByText("请填写说明").waitFor();
    await mark.locator(".follow-up-clear-note").fill("已核实，名单无误");
    await mark.locator(".follow-up-clear").click();
    await page.locator("#follow-up-message").getByText("已解除 教扶04!E8 的跟进").waitFor();
    await page.locator("#follow-ups h3").getByText("没有待跟进的数").waitFor();
    await shot(page, "follow-up-cleared");
    const marks = await call("GET", `/periods/2019/follow-ups?state=all`, tokens.province);
    expect(marks.followUps).toEqual([expect.objectContaining({ address: "教扶04!E8", open: false, clearNote: "已核实，名单无误" })]);
  });
});
