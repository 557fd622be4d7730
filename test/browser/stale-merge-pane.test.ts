// A prefecture's report goes stale in the task pane (issue 27): 济南's clerk has its revision open in
// Excel (the model of Excel, against wrangler dev); 历下区 resubmits after it; the 状态 tab says 济南's
// revision is out of date — which county, which 合计 — and 重新合成 opens the rebuilt workbook in Excel
// through the merge's path, saying which rows it kept and replaced. Screenshots in
// test-results/stale-merge-pane/, each checked by axe-core.
import type { Page } from "playwright-core";
import { describe, expect, it } from "vitest";
import { childReportOf } from "../../shared/consolidate/merge-unit-reports.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import { reportingUnitOf } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { validateReport } from "../../shared/validate/validate-report.ts";
import { prefecture } from "../addin/support/filled-workbook.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { sampleReport, withValue } from "../support/sample-report.ts";
import { seriousViolations } from "./axe.ts";
import { chromiumPath, screenshotter } from "./chromium.ts";
import { county, usePaneStack } from "./pane-harness.ts";

const { tokens, call, openPane, stack } = usePaneStack();
const screenshot = screenshotter("stale-merge-pane");
const shot = async (page: Page, name: string) => {
  await screenshot(page, name);
  expect(await seriousViolations(page), name).toEqual([]);
};

/** The report with an explanation for each warning it raises, as a clerk would have typed them. */
const explained = (report: ReportData, unit: ReportingUnit): ReportData => ({
  ...report,
  explanations: validateReport({ formSet: currentFormSet, unit, report }).unexplainedWarnings.map((issue) => ({
    ruleId: issue.ruleId,
    sheetCode: issue.sheetCode,
    rowKey: issue.rowKey,
    fieldCode: issue.fieldCode,
    text: "已核实，情况属实",
  })),
});

describe.skipIf(!chromiumPath)("a prefecture's report out of date, in the task pane", () => {
  it("says which county moved on and which 合计 change, and 重新合成 opens the rebuilt workbook with the typed rows kept", { timeout: 120_000 }, async () => {
    await call("POST", "/periods", tokens.admin, { code: "2019", deadline: "2999-12-31" });
    const lixia = reportingUnitOf(county) as ReportingUnit;
    const jinan = reportingUnitOf(prefecture.code) as ReportingUnit;
    const { token: countyToken } = await call("POST", "/tokens", tokens.admin, { role: "clerk", unitCode: lixia.code, name: "历下区填报员" });
    const figures = sampleReport(prefecture);
    const lixiaFigures = childReportOf(currentFormSet, figures, lixia, { cover: figures.sheets["封面"]?.[0] });
    const submit = (token: string, unitCode: string, body: unknown, key: string) =>
      call("POST", `/periods/2019/units/${unitCode}/submissions`, token, body, { "Idempotency-Key": key });
    await submit(countyToken, lixia.code, { report: explained(lixiaFigures, lixia), basedOnRevision: null }, "stale-pane-lixia-1");
    // 济南 submits: 历下区's rows as it sent them, the other counties' typed by 济南's clerk.
    expect((await submit(tokens.clerk, jinan.code, { report: explained(figures, jinan), basedOnRevision: null }, "stale-pane-jinan-1")).revision).toBe(1);
    const volunteers = lixiaFigures.sheets["教扶04"]![0]!.values.E04_VOL as number;
    const corrected = withValue(lixiaFigures, "教扶04", lixia.code, "E04_VOL", volunteers + 3);
    await submit(countyToken, lixia.code, { report: explained(corrected, lixia), basedOnRevision: 1 }, "stale-pane-lixia-2");

    // 济南's clerk opens its revision 1 in Excel and starts the pane there.
    const revision = await fetch(`${stack().dev.baseUrl}/api/v1/periods/2019/units/${jinan.code}/submissions/1/workbook.xlsx`, {
      headers: { Authorization: `Bearer ${tokens.clerk}` },
    });
    const pane = await openPane("web", "", tokens.clerk, Buffer.from(await revision.arrayBuffer()).toString("base64"));
    await pane.waitForSelector("#issue-summary");
    await pane.click("#tab-status");
    const stale = pane.locator("#merge-stale");
    await stale.waitFor();
    expect(await stale.locator("p").first().textContent()).toBe("济南市第 1 版已过时：以下下级单位在其后有变化，请重新合成。");
    expect(await stale.locator("li").allTextContents()).toEqual(["济南市历下区：第 1 版 → 第 2 版（重报）"]);
    const total = (figures.sheets["教扶04"] ?? []).reduce((sum, row) => sum + Number(row.values.E04_VOL ?? 0), 0);
    expect(await stale.textContent()).toContain(`合计将变化：教扶04 薄弱学科培训志愿者：${total} → ${total + 3}`);
    await shot(pane, "status-out-of-date");

    await pane.click("#rebuild-merged");
    const message = pane.locator("#rebuild-message");
    await message.getByText("在新工作簿中打开").waitFor();
    expect(await message.locator("li").first().textContent()).toMatch(/^沿用第 1 版所填的行：济南市市中区、/);
    expect(await message.locator("li").nth(1).textContent()).toBe("换为其当前修订：济南市历下区");
    const opened = await pane.evaluate(() => window.tianbao.host.openedFiles);
    expect(opened.at(-1)?.startsWith("UEsDB")).toBe(true);
    await shot(pane, "status-rebuilt");
    await pane.close();
  });
});
