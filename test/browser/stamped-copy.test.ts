// The stamped copy (盖章件) from the task pane, in Chromium against wrangler dev's local R2 and D1:
// the clerk's 状态 tab says 未盖章, refuses an HTML file named .pdf with the server's words, attaches
// a PDF (已盖章), then supersedes it with a PNG; the province's completeness says 已盖章 and its review
// card lists both copies and opens the current one. Screenshots go to test-results/browser-stamped-copy/.
import { readFileSync } from "node:fs";
import { beforeAll, describe, expect, it } from "vitest";
import { currentFormSet } from "../support/current-form-set.ts";
import { renderReportTemplate } from "../../shared/workbook/render-template.ts";
import { prefecture } from "../addin/support/filled-workbook.ts";
import { sampleReport } from "../support/sample-report.ts";
import { chromiumPath, screenshotter } from "./chromium.ts";
import { usePaneStack } from "./pane-harness.ts";
import { pdfBytes, pngBytes } from "../support/stamped-copy-files.ts";

const { tokens, call, openPane } = usePaneStack();
const period = "2019";
const report = sampleReport(prefecture);
const pdf = Buffer.from(pdfBytes);
const png = Buffer.from(pngBytes);

beforeAll(async () => {
  if (!chromiumPath) return;
  await call("POST", "/periods", tokens.admin, { code: period, deadline: "2999-12-31" });
  const receipt = await call(
    "POST",
    `/periods/${period}/units/${prefecture.code}/submissions`,
    tokens.clerk,
    { report, basedOnRevision: null },
    { "Idempotency-Key": "stamped-copy-browser-1" },
  );
  expect(receipt.revision).toBe(1);
});

describe.skipIf(!chromiumPath)("the stamped copy from the task pane, against wrangler dev", () => {
  it("the clerk attaches and supersedes it on 状态; the province sees 已盖章 and opens it", { timeout: 180_000 }, async () => {
    const shot = screenshotter("browser-stamped-copy");
    const workbook = Buffer.from(renderReportTemplate({ formSet: currentFormSet, unit: prefecture, period, report })).toString("base64");
    const clerk = await openPane("web", "", tokens.clerk, workbook);
    await clerk.getByRole("tab", { name: "状态" }).click();
    await clerk.waitForSelector("#stamped-copy-state.not-stamped");
    expect(await clerk.textContent("#stamped-copy h3")).toBe("第 1 版的盖章件");

    await clerk.click("#attach-stamped-copy");
    await clerk.locator("#stamped-copy-message").getByText("请先选择盖章件文件").waitFor();
    await clerk.setInputFiles("#stamped-copy-file", {
      name: "盖章件.pdf",
      mimeType: "application/pdf",
      buffer: Buffer.from("<!DOCTYPE html><html><body>not a scan</body></html>"),
    });
    await clerk.click("#attach-stamped-copy");
    await clerk.locator("#stamped-copy-message").getByText("文件内容不是完整的 PDF、JPEG 或 PNG").waitFor();
    await shot(clerk, "html-named-pdf-refused");

    await clerk.setInputFiles("#stamped-copy-file", { name: "盖章件.pdf", mimeType: "application/pdf", buffer: pdf });
    await clerk.click("#attach-stamped-copy");
    await clerk.locator("#stamped-copy-message").getByText("已附第 1 版的第 1 份盖章件").waitFor();
    await clerk.waitForSelector("#stamped-copy-state.stamped");
    await clerk.setInputFiles("#stamped-copy-file", { name: "扫描.png", mimeType: "image/png", buffer: png });
    await clerk.click("#attach-stamped-copy");
    await clerk.locator("#stamped-copy-message").getByText("已附第 1 版的第 2 份盖章件").waitFor();
    expect(await clerk.locator(".stamped-copies li").allTextContents()).toEqual([
      expect.stringMatching(/^#2 扫描\.png/),
      expect.stringMatching(/^#1 盖章件\.pdf.*已被新件取代$/),
    ]);
    await shot(clerk, "superseded-by-png");

    const province = await openPane("web", "&view=province", tokens.province);
    await province.selectOption("#province-period", period);
    const row = province.locator(`#completeness tr[data-prefecture="${prefecture.code}"]`);
    await row.locator(".stamped-copy").getByText("已盖章").waitFor();
    await row.locator(".open-revision").click();
    await province.waitForSelector('[data-revision="1"] #stamped-copy-state.stamped');
    expect(await province.locator("#attach-stamped-copy").count()).toBe(0);
    const [download] = await Promise.all([
      province.waitForEvent("download"),
      province.locator('.stamped-copies li[data-sequence="1"] .open-stamped-copy').click(),
    ]);
    expect(download.suggestedFilename()).toBe("盖章件.pdf");
    expect(readFileSync((await download.path()) as string)).toEqual(pdf);
    await shot(province, "province-opens-stamped-copy");
  });
});
