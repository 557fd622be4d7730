// The province dashboard (addin/ui/dashboard/) in the real pane, in Chromium against wrangler dev:
// the tile map says 未报 for all 16, then 待审 (the API's 已报) for 济南 once its clerk submits, 退回 once the province
// returns it (from the review card the tile opened, by keyboard); the charts' tables hold exactly the
// figures of GET /periods/2019/consolidated; when a refresh of the consolidation fails the old charts
// stay, marked stale, until a refresh succeeds. Screenshots go to test-results/browser-province-dashboard/.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { headlineIndicators } from "../../addin/ui/dashboard/indicator-figures.ts";
import { maxConsolidationWaitSeconds } from "../../shared/api/consolidated.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { prefecture } from "../addin/support/filled-workbook.ts";
import { text } from "../../addin/logic/i18n.ts";
import type { StringKey } from "../../addin/logic/i18n.ts";
import { formatPercent } from "../../addin/ui/dashboard/figure-format.ts";
import { rosterCoverageLines } from "../../addin/ui/dashboard/roster-coverage.ts";
import type { RosterCoverage } from "../../shared/api/api-client.ts";
import { rosterBodyOf } from "../../shared/api/rosters.ts";
import { syntheticRoster } from "../../scripts/demo/demo-rosters.ts";
import { demoPovertyList, povertyListCsv } from "../../scripts/demo/demo-poverty-list.ts";
import { shareBandOf, shareTileLabel } from "../../addin/ui/dashboard/verified-share-map.ts";
import type { ProvinceComparison } from "../../shared/api/api-client.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import { sampleReport, withValue } from "../support/sample-report.ts";
import { chromiumPath, screenshotter } from "./chromium.ts";
import { usePaneStack } from "./pane-harness.ts";

/** A pull waits this long at most for the queue to fold the changes before it (maxConsolidationWaitSeconds), plus a margin. */
const consolidationWaitMs = (maxConsolidationWaitSeconds + 5) * 1000;

const { tokens, call, openPane, openPage, stack } = usePaneStack();
const period = "2019";
// One key-village school of the first county unpaired (R05.2, a warning), explained as a real change: the 预警分析 card counts it.
const firstCounty = prefecture.children[0]!.code;
const keySchools = sampleReport(prefecture).sheets["教扶05"]!.find((row) => row.key === firstCounty)!.values.E05_KEY_SCH as number;
const report: ReportData = {
  ...withValue(sampleReport(prefecture), "教扶05", firstCounty, "E05_COVERED", keySchools - 1),
  explanations: [
    { ruleId: "R05.2", sheetCode: "教扶05", rowKey: firstCounty, fieldCode: "E05_COVERED", text: "一所学校已撤并，正在重新结对", reason: "actual" as const },
  ],
};
// The second revision differs from the first: one more teacher exchanged in the first county.
const corrected = structuredClone(report);
const exchanged = corrected.sheets["教扶04"]![0]!.values;
exchanged.E04_EXCH = Number(exchanged.E04_EXCH) + 1;

beforeAll(async () => {
  if (!chromiumPath) return;
  // 2018 is the period before 2019, opened but with no report in it: the charts say so.
  await call("POST", "/periods", tokens.admin, { code: "2018", deadline: "2999-12-31" });
  await call("POST", "/periods", tokens.admin, { code: period, deadline: "2999-12-31" });
});

const submit = (revision: number) =>
  call(
    "POST",
    `/periods/${period}/units/${prefecture.code}/submissions`,
    tokens.clerk,
    {
      report: revision === 1 ? report : corrected,
      basedOnRevision: revision === 1 ? null : revision - 1,
      ...(revision > 1 && { resubmissionReason: "按省级意见核实后重报" }),
    },
    { "Idempotency-Key": `province-dashboard-${revision}` },
  );

const tile = (page: Page, code: string) => page.locator(`#status-map .tile[data-prefecture="${code}"]`);

/** Chooses the period again: the province view refreshes its completeness, and with it the dashboard. */
async function refresh(page: Page) {
  await page.selectOption("#province-period", "2018");
  await page.locator("#indicators h3").getByText("2018").waitFor();
  await page.selectOption("#province-period", period);
  await page.locator("#indicators h3").getByText(period).waitFor();
}

/** Every number in the charts' tables is the consolidation's: the province row, the plan and each prefecture's row. */
async function expectChartsMatchTheConsolidation(page: Page) {
  const consolidated = await call("GET", `/periods/${period}/consolidated`, tokens.province);
  for (const indicator of headlineIndicators) {
    const rows = consolidated.sheets[indicator.sheetCode] as { key: string; level: string; values: Record<string, number | null> }[];
    const province = rows.find((row) => row.level === "province")!;
    const figure = page.locator(`#indicators figure[data-field="${indicator.fieldCode}"]`);
    const cell = (row: string) => figure.locator(`tr[data-row="${row}"] td.number`);
    expect(Number(await cell("province").getAttribute("data-value")), indicator.fieldCode).toBe(province.values[indicator.fieldCode]);
    if (indicator.planFieldCode) expect(Number(await cell("plan").getAttribute("data-value"))).toBe(province.values[indicator.planFieldCode]);
    for (const part of indicator.partFieldCodes ?? []) expect(Number(await cell(part).getAttribute("data-value"))).toBe(province.values[part]);
    const included = rows.filter((row) => row.level === "prefecture" && !consolidated.missingPrefectures.includes(row.key));
    const shown = await figure
      .locator("tr[data-prefecture]")
      .evaluateAll((trs) => trs.map((tr) => [tr.getAttribute("data-prefecture"), Number(tr.querySelector("td.number")?.getAttribute("data-value"))]));
    expect(shown.sort()).toEqual(included.map((row) => [row.key, row.values[indicator.fieldCode]]).sort());
  }
  return consolidated;
}

describe.skipIf(!chromiumPath)("the province dashboard, against wrangler dev", () => {
  it("maps each prefecture's status, opens a revision from its tile, charts the consolidation and marks a failed refresh stale", async () => {
    const shot = screenshotter("browser-province-dashboard");
    const page = await openPane("web", "&view=province", tokens.province);
    await page.selectOption("#province-period", period);
    await page.locator("#indicators h3").getByText(period).waitFor();

    // Nothing submitted: 16 tiles, all 未报, the legend counts them, the charts say there is nothing yet.
    await expect.poll(() => page.locator("#status-map .tile").count()).toBe(16);
    expect(await page.locator('#status-map .tile[data-status="未报"]').count()).toBe(16);
    expect(await tile(page, prefecture.code).locator("title").textContent()).toBe("济南市：未报");
    expect(await tile(page, prefecture.code).locator(".tile-status").textContent()).toBe("未报");
    expect(await page.textContent('#status-legend li[data-status="未报"]')).toBe("未报 16");
    expect(await page.textContent("#map-deadline")).toMatch(/^截止 2999-12-31（北京时间），还剩 \d+ 天$/);
    expect(await page.textContent("#indicator-coverage")).toBe("含 0 个市的数据；16 个市未计入（未报或已退回）");
    expect(await page.textContent("#indicators")).toContain("本期尚无可汇总的报表");
    expect(await page.textContent("#warning-analysis")).toContain("纳入汇总的报表尚无已说明的预警");
    expect(await page.getAttribute("#status-map-svg", "viewBox")).toMatch(/^0 0 \d+ \d+$/);
    await shot(page, "all-not-submitted");

    // 济南 submits: its tile says 已报 (colour class and text), the charts hold its figures.
    expect((await submit(1)).revision).toBe(1);
    await refresh(page);
    const jinan = tile(page, prefecture.code);
    await expect.poll(() => jinan.getAttribute("data-status")).toBe("已报");
    expect(await jinan.getAttribute("class")).toContain("submitted");
    expect(await jinan.locator(".tile-status").textContent()).toBe("待审");
    expect(await jinan.locator("title").textContent()).toBe("济南市：待审，查看第 1 版");
    // Chromium names the tile from its <title>: a screen reader says what the tile does.
    expect(await page.getByRole("button", { name: "济南市：待审，查看第 1 版" }).count()).toBe(1);
    expect(await page.textContent('#status-legend li[data-status="已报"]')).toBe("待审 1");
    expect(await page.textContent("#indicator-coverage")).toBe("含 1 个市的数据；15 个市未计入（未报或已退回）；1 份未经审核");
    expect(await page.textContent("#indicators-fetched")).toMatch(/^读取于 \d{4}-\d\d-\d\d \d\d:\d\d:\d\d$/);
    const consolidated = await expectChartsMatchTheConsolidation(page);
    expect(consolidated.provenance.map((entry: { unitCode: string }) => entry.unitCode)).toEqual([prefecture.code]);
    // 预警分析: its explained warning by rule and reason code, as GET …/warning-analysis counts it.
    expect(await page.textContent("#warning-analysis p")).toBe("共 1 条已说明的预警，涉及 1 个单位；原因：实际变化 1");
    expect(await page.locator("#warning-analysis tbody tr").evaluateAll((rows) => rows.map((row) => row.getAttribute("data-rule")))).toEqual(["R05.2"]);
    // Against the previous period: 2018 exists and holds nothing, said so rather than a made-up change.
    expect(await page.locator("#indicators figure .versus").first().textContent()).toContain("上期 2018 无数据");
    // Every chart has a summary and its numbers one click away.
    const charts = page.locator("#indicators svg.chart");
    expect(await charts.count()).toBe(headlineIndicators.length);
    for (const chart of await charts.all()) {
      expect(await chart.getAttribute("role")).toBe("img");
      expect(await chart.getAttribute("aria-label")).toMatch(/全省 /);
    }
    const details = page.locator('#indicators figure[data-field="E02_INV_DONE"] details');
    await details.locator("summary").click();
    expect(await details.locator("table").isVisible()).toBe(true);
    await shot(page, "jinan-submitted");

    // The tile opens the revision by keyboard as the table's 查看 does; the province returns it there.
    await jinan.focus();
    await page.keyboard.press("Enter");
    await page.waitForSelector('#revision-detail [data-revision="1"]');
    await page.fill("#review-comment", "请核对学前教育人数");
    await page.click("#return");
    await expect.poll(() => jinan.getAttribute("data-status")).toBe("退回");
    expect(await jinan.locator(".tile-status").textContent()).toBe("退回");
    expect(await jinan.getAttribute("class")).toContain("returned");
    // The charts refreshed with the review: a returned revision is not consolidated.
    // The totals follow the review through the queue: the refresh's pull waits for its fold (up to 10 s).
    await expect.poll(() => page.textContent("#indicator-coverage"), { timeout: consolidationWaitMs }).toBe("含 0 个市的数据；16 个市未计入（未报或已退回）");
    await shot(page, "jinan-returned");

    // 济南 submits again; the province clicks its tile and accepts while the consolidation cannot be read.
    expect((await submit(2)).revision).toBe(2);
    await refresh(page);
    await expect.poll(() => jinan.getAttribute("data-status")).toBe("已报");
    await expectChartsMatchTheConsolidation(page);
    const fetchedBefore = await page.textContent("#indicators-fetched");
    await page.route(`**/periods/${period}/consolidated`, (route) =>
      route.fulfill({
        status: 503,
        contentType: "application/problem+json",
        body: JSON.stringify({ type: "about:blank", title: "Service Unavailable", status: 503 }),
      }),
    );
    await jinan.click();
    await page.waitForSelector('#revision-detail [data-revision="2"]');
    await page.click("#accept");
    await page.click("#confirm-accept-yes");
    await expect.poll(() => jinan.getAttribute("data-status")).toBe("通过");
    const dashboard = page.locator("#province-dashboard");
    await expect.poll(() => dashboard.getAttribute("class")).toContain("stale");
    expect(await page.isVisible("#dashboard-stale")).toBe(true);
    expect(await page.textContent("#dashboard-stale")).toContain("数据可能已过时");
    expect(await page.textContent("#dashboard-stale")).toContain(fetchedBefore?.replace("读取于 ", "") ?? "");
    // The old charts stay, as they were (still 1 not accepted: what the last good read said).
    expect(await page.textContent("#indicator-coverage")).toBe("含 1 个市的数据；15 个市未计入（未报或已退回）；1 份未经审核");
    expect(await page.locator("#indicators svg.chart").count()).toBe(headlineIndicators.length);
    await shot(page, "refresh-failed-stale");

    // Once the consolidation can be read again, a refresh clears the mark and shows the accepted figures.
    await page.unroute(`**/periods/${period}/consolidated`);
    await refresh(page);
    await expect.poll(() => dashboard.getAttribute("class"), { timeout: consolidationWaitMs }).not.toContain("stale");
    expect(await page.isVisible("#dashboard-stale")).toBe(false);
    expect(await page.textContent("#indicator-coverage")).toBe("含 1 个市的数据；15 个市未计入（未报或已退回）");
    await expectChartsMatchTheConsolidation(page);
    expect(await page.locator(`#status-map .tile`).count()).toBe(reportingTree.root.children.length);
    await shot(page, "jinan-accepted");
    await page.close();
  });

  it("puts the work first on the page at 1280 × 800: 待审 then 退回 atop the first screen, the card beside the list, the charts below", async () => {
    const shot = screenshotter("browser-province-dashboard");
    // 2020: the sample reports (dated 2020-01-15) fit it (R00.1).
    const workPeriod = "2020";
    await call("POST", "/periods", tokens.admin, { code: workPeriod, deadline: "2999-12-31" });
    const qingdao = reportingTree.unit("370200")!;
    const qingdaoClerk = (await call("POST", "/tokens", tokens.admin, { role: "clerk", unitCode: qingdao.code, name: "青岛填报员" })).token;
    const submitted = async (unitCode: string, token: string, unitReport: typeof report) =>
      expect(
        await call(
          "POST",
          `/periods/${workPeriod}/units/${unitCode}/submissions`,
          token,
          { report: { ...unitReport, period: workPeriod }, basedOnRevision: null },
          { "Idempotency-Key": `work-first-${unitCode}` },
        ),
      ).toMatchObject({ revision: 1 });
    await submitted(qingdao.code, qingdaoClerk, sampleReport(qingdao));
    const returned = await call("POST", `/periods/${workPeriod}/units/${qingdao.code}/submissions/1/review`, tokens.province, {
      action: "return",
      comment: "请核对",
    });
    expect(returned).toMatchObject({ status: "returned" });
    await submitted(prefecture.code, tokens.clerk, corrected); // as accepted for 2019: no fall below last period

    const page = await openPage(tokens.province, 1280);
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.selectOption("#province-period", workPeriod);
    const rows = page.locator("#completeness tbody tr");
    await expect.poll(() => rows.first().getAttribute("data-action")).toBe("review");
    expect(await rows.evaluateAll((trs) => trs.slice(0, 3).map((tr) => [tr.getAttribute("data-prefecture"), tr.getAttribute("data-action")]))).toEqual([
      [prefecture.code, "review"],
      [qingdao.code, "returned"],
      [expect.any(String), null],
    ]);
    await page.evaluate(() => window.scrollTo(0, 0));
    for (const row of await page.locator("#completeness tr[data-action]").all()) {
      const box = (await row.boundingBox())!;
      expect(box.y + box.height).toBeLessThanOrEqual(800);
    }
    const [work, charts] = [(await page.locator("#review-work").boundingBox())!, (await page.locator("#province-dashboard").boundingBox())!];
    expect(charts.y).toBeGreaterThan(work.y);
    expect(work.width).toBeGreaterThan(730);
    await shot(page, "1280-work-first");

    // 查看: the card opens beside the list, in the first screen.
    await rows.first().locator("button.open-revision").click();
    await page.locator('#revision-detail [data-revision="1"]').waitFor();
    await page.evaluate(() => window.scrollTo(0, 0));
    const [list, card] = [(await page.locator("#review-work").boundingBox())!, (await page.locator("#revision-detail").boundingBox())!];
    expect(card.x).toBeGreaterThanOrEqual(list.x + list.width);
    expect(card.y).toBeLessThan(800);
    await shot(page, "1280-card-beside-list");
    await page.close();
  });

  it("催报: the province chases a late prefecture from its row and all late ones at once; the clerk's page shows the reminder until it submits", async () => {
    const shot = screenshotter("browser-province-dashboard");
    // 2021, its deadline long past: every prefecture is 逾期.
    const latePeriod = "2021";
    await call("POST", "/periods", tokens.admin, { code: latePeriod, deadline: "2021-01-31" });
    const page = await openPage(tokens.province, 1280);
    await page.selectOption("#province-period", latePeriod);
    const jinanRow = page.locator(`#completeness tr[data-prefecture="${prefecture.code}"]`);
    await page.fill("#reminder-note", "请于本周内报送");
    await jinanRow.locator("button.remind").click();
    await expect.poll(() => jinanRow.locator(".reminded").textContent()).toContain("已催报 1 次");
    const all = page.locator("#remind-all-late");
    expect(await all.textContent()).toContain(`（${reportingTree.root.children.length}）`);
    await all.click();
    await page.locator("#remind-all [role=status]").getByText(`已催报 ${reportingTree.root.children.length} 个单位`).waitFor();
    await expect.poll(() => jinanRow.locator(".reminded").textContent()).toContain("已催报 2 次");
    await shot(page, "reminders-sent");
    await page.close();

    // Jinan's clerk: the banner names the reminder and its note, on the page and in the pane alike.
    const clerkPage = await openPage(tokens.clerk, 900);
    const banner = clerkPage.locator("#reminders .reminder");
    await banner.first().waitFor();
    expect(await banner.first().textContent()).toContain(`${latePeriod} 年报表（未报期间共催报 2 次）`);
    expect(await banner.first().textContent()).toContain("附言：请于本周内报送");
    await shot(clerkPage, "reminder-banner");
    await clerkPage.close();
    const audit = (await call("GET", "/audit?action=reminder", tokens.admin)) as { entries: { action: string }[] };
    expect(audit.entries.filter((entry) => entry.action === "reminder.send")).toHaveLength(1 + reportingTree.root.children.length);
  });

  it("shows the rosters' coverage as GET …/roster-coverage gives it, in both languages' words", async () => {
    // 济南's clerk submits the rows of its county 历下区 (a prefecture may, for counties that do not report themselves).
    const roster = syntheticRoster(prefecture.code, "370102", { E01_PRE: 5, E01_CMP: 200, E01_HED: 30 }, period, 28);
    await call("POST", `/periods/${period}/units/${prefecture.code}/rosters`, tokens.clerk, rosterBodyOf(roster), { "Idempotency-Key": "dashboard-roster-1" });
    const coverage = (await call("GET", `/periods/${period}/roster-coverage`, tokens.province)) as RosterCoverage;
    expect(coverage).toMatchObject({ units: 1, counties: 1, students: 235 });
    const page = await openPane("web", "&view=province", tokens.province);
    await page.selectOption("#province-period", period);
    const card = page.locator("#roster-coverage");
    await card.locator("h3").getByText(period).waitFor();
    const zh = (key: StringKey, values?: Record<string, string | number>) => text("zh", key, values);
    expect(await card.locator("p").allTextContents()).toEqual(rosterCoverageLines(coverage, zh, "zh"));
    expect(await card.locator("p").allTextContents()).toContain(`本期已受助 ${formatPercent("zh", coverage.aidedShare!)}（${coverage.aided} 人）`);
    await screenshotter("browser-province-dashboard")(page, "roster-coverage");
    await page.close();
  });

  it("maps the share verified against the poverty list (核准比对) as GET …/roster-comparison gives it, once a list is uploaded", async () => {
    const page = await openPane("web", "&view=province", tokens.province);
    await page.selectOption("#province-period", period);
    await page.locator("#verified-share-none").waitFor();
    await page.close();
    // The list: 历下区's roster above with some of its students left out and people on no roster added (demoPovertyList), one more
    // left out, and people of 青岛's 市南区, where no roster is: 青岛 verifies none of its list.
    const roster = syntheticRoster(prefecture.code, "370102", { E01_PRE: 5, E01_CMP: 200, E01_HED: 30 }, period, 28);
    // The roster of the test above, by its idempotency key: stored once whether or not that test ran.
    await call("POST", `/periods/${period}/units/${prefecture.code}/rosters`, tokens.clerk, rosterBodyOf(roster), { "Idempotency-Key": "dashboard-roster-1" });
    const rows = demoPovertyList([{ ...roster, unitCode: "370102" }]).rows.slice(1);
    const others = demoPovertyList([{ ...syntheticRoster("370200", "370202", { E01_CMP: 10 }, period, 5), unitCode: "370202" }]).rows;
    const upload = await fetch(`${stack().dev.baseUrl}/api/v1/periods/${period}/poverty-list`, {
      method: "POST",
      headers: { Authorization: `Bearer ${tokens.province}` },
      body: povertyListCsv([...rows, ...others]),
    });
    expect(upload.status).toBe(201);
    const comparison = (await call("GET", `/periods/${period}/roster-comparison`, tokens.province)) as ProvinceComparison;
    const jinan = comparison.prefectures.find((unit) => unit.unitCode === prefecture.code)!;
    const qingdao = comparison.prefectures.find((unit) => unit.unitCode === "370200")!;
    expect(jinan.verified).toBeGreaterThan(0);
    expect(qingdao).toMatchObject({ verified: 0, coverage: 0 });

    const pane = await openPane("web", "&view=province", tokens.province);
    await pane.selectOption("#province-period", period);
    const map = pane.locator("#verified-share");
    await map.locator(".share-map-svg").waitFor();
    const zh = (key: StringKey, values?: Record<string, string | number>) => text("zh", key, values);
    for (const unit of comparison.prefectures) {
      const tile = map.locator(`.tile[data-prefecture="${unit.unitCode}"]`);
      expect(await tile.getAttribute("class")).toBe(`tile share-${shareBandOf(unit.coverage)}`);
      expect(await tile.locator("title").textContent()).toBe(shareTileLabel(unit, zh, "zh"));
    }
    // 济南 and 青岛 are on the list, the other 14 are not: the legend counts them.
    expect(await map.locator('#share-legend li[data-band="no-list"]').textContent()).toContain("14");
    expect(await map.locator("#verified-share-province").textContent()).toBe(shareTileLabel(comparison.province, zh, "zh"));
    expect(await map.locator(`tr[data-unit="${prefecture.code}"] td`).allTextContents()).toEqual([
      String(jinan.verified),
      String(jinan.list),
      formatPercent("zh", jinan.coverage!),
      String(jinan.rosterOnly),
      String(jinan.rosterOnlyExplained),
      String(jinan.listOnly),
    ]);
    await screenshotter("browser-province-dashboard")(pane, "verified-share");
    await pane.close();
  });
});
