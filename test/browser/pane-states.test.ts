// Issue 14: the pane says what is happening and what to do next, at every step. The real pane bundle
// in headless Chromium at a task pane's narrowest width (320 px), in Chinese and in English, on the
// model of Excel against one `wrangler dev`: the connect form, the pane outside Excel, and the
// clerk's and the reviewer's states — not started, in progress (blanks as progress, then as errors
// once the clerk asks to submit), ready, submitted (a double click makes one revision), refreshed
// after a 409, returned (the comment on the 填报 tab), accepted, late, locked; the reviewer's
// workspace and review card. Each state is screenshotted (test-results/pane-states-<language>/) and
// checked by axe-core (WCAG 2.2 A/AA and best practices): no serious or critical violation.
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { prefecture } from "../addin/support/filled-workbook.ts";
import { seriousViolations } from "./axe.ts";
import { chromiumPath, screenshotter } from "./chromium.ts";
import { breakErrorAndWarningRules, cellOf, newPanePage, openPane, pasteValidReport, startPaneStack, typeInto } from "./pane-harness.ts";
import type { PaneStack } from "./pane-harness.ts";

const WIDTH = 320;

let stack: PaneStack;
beforeAll(async () => {
  if (chromiumPath) stack = await startPaneStack();
});
afterAll(async () => {
  await stack?.close();
});

// The open period is one the sample report (dated 2020-01-15, R00.1) fits.
const languages = [
  { lang: "zh-CN", periods: { open: "2019", late: "2016", locked: "2017" }, text: { submit: "报送", returned: "请核对历下区的学前教育人数", late: "逾期" } },
  {
    lang: "en-US",
    periods: { open: "2020", late: "2015", locked: "2018" },
    text: { submit: "Submit", returned: "Please check the preschool count of Lixia", late: "late" },
  },
] as const;

describe.skipIf(!chromiumPath)("the pane's states at 320 px, in Chinese and English, with axe-core", () => {
  for (const { lang, periods, text } of languages) {
    it(`${lang}: every state says what is happening and what to do next, with no serious or critical accessibility violation`, {
      timeout: 240_000,
    }, async () => {
      const { call, tokens } = stack;
      const shot = screenshotter(`pane-states-${lang}`);
      const checked: string[] = [];
      /** A state reached: its screenshot, and axe on it. */
      const state = async (page: Page, name: string) => {
        await shot(page, name);
        expect(await seriousViolations(page), `${lang} ${name}`).toEqual([]);
        checked.push(name);
      };
      await call("POST", "/periods", tokens.admin, { code: periods.open, deadline: "2999-12-31" });
      await call("POST", "/periods", tokens.admin, { code: periods.late, deadline: "2020-01-31" });
      await call("POST", "/periods", tokens.admin, { code: periods.locked, deadline: "2999-12-31" });
      const query = `&lang=${lang}`;

      // Outside Excel: says where to go instead of waiting for a host.
      const outside = await newPanePage(stack, WIDTH);
      await outside.goto(`${stack.addin.url}/taskpane.html?host=none${query}`);
      await outside.locator("#outside-office").getByText("manifest.xml").first().waitFor();
      expect(await outside.locator("#web-page-link").getAttribute("href")).toBe("/");
      await state(outside, "outside-excel");
      await outside.close();

      // The connect form says where a token comes from; a wrong server is said in the pane's language.
      const connect = await newPanePage(stack, WIDTH);
      await connect.goto(`${stack.addin.url}/taskpane.html?platform=web${query}`);
      await connect.waitForSelector("#token-help");
      await connect.fill("#server-url", "http://127.0.0.1:9");
      await connect.fill("#token", "not-a-token");
      await connect.click("button[type=submit]");
      await connect.locator("form [role=alert]").getByText("127.0.0.1:9").waitFor();
      expect(await connect.textContent("form [role=alert]")).not.toContain("Failed to fetch");
      await state(connect, "connect-server-unreachable");
      await connect.close();

      // Not started: no report in this workbook; the state of the chosen period and the next action.
      const clerk = await openPane(stack, "web", query, tokens.clerk, undefined, WIDTH);
      await clerk.waitForSelector("#create-report:not([disabled])");
      await clerk.selectOption("#period", periods.late);
      await clerk.locator("#report-state #late-badge").waitFor();
      await state(clerk, "clerk-late-no-workbook");
      await clerk.selectOption("#period", periods.open);
      await clerk.locator("#report-state[data-state=notStarted] #late-badge").waitFor({ state: "detached" });
      await state(clerk, "clerk-not-started");

      // A blank template: progress, not 497 errors; sheets collapsed to counts.
      await clerk.click("#create-report");
      await clerk.waitForSelector("#issue-summary");
      await clerk.locator("#report-state[data-state=notStarted]").waitFor();
      expect(await clerk.locator("li.issue").count()).toBe(0);
      expect(await clerk.locator("details.sheet-issues .badge.blank").count()).toBeGreaterThan(5);
      expect(await clerk.locator("details.sheet-issues[open]").count()).toBe(0);
      await state(clerk, "clerk-blank-report-progress");
      // Asking to submit turns the blanks into errors, worded by field type.
      await clerk.getByRole("button", { name: text.submit }).click();
      await clerk.locator("#blanks-as-errors").waitFor();
      expect(await clerk.locator('li.issue.error[data-rule="T01"]').count()).toBeGreaterThan(100);
      await state(clerk, "clerk-asked-to-submit-blanks-as-errors");
      // Issue 26: the issue summary and the submit area count the same blanks (not blanks + errors as errors); no "0 errors".
      const blanksIn = async (selector: string) => /(\d+) ?(?:个空格|blank cells?)/.exec((await clerk.textContent(selector)) ?? "")?.[1];
      const blanks = await blanksIn("#issue-summary");
      expect(blanks).toMatch(/^\d+$/);
      expect(await blanksIn("#cannot-submit")).toBe(blanks);
      expect(await clerk.textContent("#submit")).not.toMatch(/(^|\D)0 ?(个错误|个未说明|errors|unexplained)/);

      // Filled in: ready; then an error and a warning that name the county, the field and its unit.
      await pasteValidReport(clerk);
      await clerk.waitForSelector("#issue-summary.ok");
      await clerk.locator("#report-state[data-state=ready]").waitFor();
      await state(clerk, "clerk-ready");
      const { error, warning } = await breakErrorAndWarningRules(clerk);
      const county = prefecture.children[0]!;
      const message = (await error.textContent()) ?? "";
      expect(message).toContain(lang === "zh-CN" ? county.name : county.nameEn);
      expect(message).toContain(lang === "zh-CN" ? "（100000 人）" : "(100000 persons)");
      if (lang === "zh-CN") expect(message).not.toMatch(/[(),;:]/); // full-width punctuation only
      await clerk.locator("#report-state[data-state=inProgress]").waitFor();
      await state(clerk, "clerk-error-and-warning");
      // The workbook's own checks are 校验, the reviewer's decision 审核; English counts in the right number.
      const summary = (await clerk.textContent("#issue-summary")) ?? "";
      expect(summary).toBe(lang === "zh-CN" ? "1 个错误 · 1 个警告" : "1 error · 1 warning");
      expect(await clerk.textContent("#cannot-submit")).toBe(
        lang === "zh-CN" ? "还有 1 个错误、1 个未说明的警告，不能报送。" : "Cannot submit yet: 1 error, 1 unexplained warning left.",
      );
      await typeInto(clerk, "教扶04", "E04_PRIN", 1);
      await error.waitFor({ state: "detached" });
      await warning.locator("textarea").fill("撤并");
      await warning.locator(".field-error").waitFor();
      await state(clerk, "clerk-explanation-too-short");
      await warning.locator("textarea").fill("该县两所重点村学校已撤并，无需结对 / two schools merged");
      await clerk.waitForSelector("#submit-button:not([disabled])");

      // A double click on 报送: one revision.
      await clerk.dblclick("#submit-button");
      await clerk.locator("#receipt").waitFor();
      await clerk.locator("#report-state[data-state=submitted]").waitFor();
      await clerk.waitForSelector("#submit-button[disabled]");
      const submissions = `/periods/${periods.open}/units/${prefecture.code}/submissions`;
      expect((await call("GET", submissions, tokens.province)).submissions.map((entry: { revision: number }) => entry.revision)).toEqual([1]);
      await state(clerk, "clerk-submitted-waiting");

      // Another revision arrives from elsewhere: the pane's submit meets 409, refreshes and says what it found; the next click lands.
      const stored = await call("GET", `${submissions}/1`, tokens.clerk);
      const elsewhere = structuredClone(stored.report);
      elsewhere.sheets["教扶04"][0].values.E04_VOL += 1;
      const other = await fetch(`${stack.dev.baseUrl}/api/v1${submissions}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${tokens.clerk}`, "Content-Type": "application/json", "Idempotency-Key": `elsewhere-${lang}` },
        body: JSON.stringify({ report: elsewhere, basedOnRevision: 1 }),
      });
      expect(other.status).toBe(201);
      await typeInto(
        clerk,
        "教扶01",
        "E01_PRE",
        ((await clerk.evaluate(([name, a1]) => window.tianbao.host.value(name, a1), cellOf("教扶01", "E01_PRE"))) as number) + 1,
      );
      await clerk.click("#submit-button");
      await clerk
        .locator("#refusal")
        .getByText(lang === "zh-CN" ? "已按它刷新" : "Refreshed")
        .waitFor();
      await clerk
        .locator("#report-state")
        .getByText(lang === "zh-CN" ? "第 2 版" : "revision 2")
        .first()
        .waitFor();
      await state(clerk, "clerk-409-refreshed");
      await clerk.click("#submit-button");
      await clerk
        .locator("#receipt")
        .getByText(lang === "zh-CN" ? "第 3 版" : "revision 3")
        .waitFor();

      // The reviewer: summary counts, deadline and lock state, headed table, translated statuses.
      const province = await openPane(stack, "web", `&view=province${query}`, tokens.province, undefined, WIDTH);
      await province.selectOption("#province-period", periods.open);
      const row = province.locator(`#completeness tr[data-prefecture="${prefecture.code}"]`);
      await row.locator(".open-revision").waitFor();
      await province.locator("#summary-counts li").first().waitFor();
      await state(province, "province-workspace");
      await row.locator(".open-revision").click();
      await province.waitForSelector('[data-revision="3"]');
      await province.locator("#changes-since").waitFor();
      // A return needs a comment: said beside the field, nothing sent.
      await province.click("#return");
      await province
        .locator("#review-comment-error")
        .getByText(lang === "zh-CN" ? "必须填写审核意见" : "needs a comment")
        .waitFor();
      await state(province, "province-review-card-comment-required");
      await province.fill("#review-comment", text.returned);
      await province.click("#return");
      await row
        .locator(".status")
        .getByText(lang === "zh-CN" ? "退回" : "returned")
        .waitFor();

      // The clerk's 填报 tab opens with the return and its comment.
      await clerk.click("#tab-status");
      await clerk.keyboard.press("ArrowLeft"); // the tabs pattern: arrow keys move between tabs
      await clerk.locator("#report-state[data-state=returned]").getByText(text.returned).waitFor();
      expect(await clerk.evaluate(() => document.activeElement?.id)).toBe("tab-report");
      // The green receipt of the returned revision is gone: the state card says what became of it.
      await clerk.locator("#same-as-latest").waitFor();
      expect(await clerk.locator("#receipt").count()).toBe(0);
      await state(clerk, "clerk-returned-with-comment");

      // The clerk changes what was asked and resubmits; the reviewer accepts after confirming.
      await typeInto(
        clerk,
        "教扶01",
        "E01_PRE",
        ((await clerk.evaluate(([name, a1]) => window.tianbao.host.value(name, a1), cellOf("教扶01", "E01_PRE"))) as number) - 1,
      );
      await clerk.fill("#resubmission-reason", lang === "zh-CN" ? "已核对学前教育人数" : "Preschool count checked");
      await clerk.click("#submit-button");
      await clerk
        .locator("#receipt")
        .getByText(lang === "zh-CN" ? "第 4 版" : "revision 4")
        .waitFor();
      await province.reload();
      await province.selectOption("#province-period", periods.open);
      await row.getByText("#4").waitFor();
      await row.locator(".open-revision").click();
      await province.waitForSelector('[data-revision="4"]');
      await province.locator("#review-history").getByText(text.returned).waitFor();
      await province.click("#accept");
      await province.locator("#confirm-accept-yes").waitFor();
      await state(province, "province-confirm-accept");
      await province.click("#confirm-accept-yes");
      await row
        .locator(".status")
        .getByText(lang === "zh-CN" ? "通过" : "accepted")
        .waitFor();
      await clerk.click("#tab-status");
      await clerk.click("#tab-report");
      await clerk.locator("#report-state[data-state=accepted]").waitFor();
      await state(clerk, "clerk-accepted");

      // Locked: a report of a period the administrator has locked.
      const locked = await openPane(stack, "web", query, tokens.clerk, undefined, WIDTH);
      await locked.waitForSelector("#create-report:not([disabled])");
      await locked.selectOption("#period", periods.locked);
      await locked.click("#create-report");
      await locked.waitForSelector("#issue-summary");
      await call("POST", `/periods/${periods.locked}/lock`, tokens.admin);
      await locked.click("#tab-status");
      await locked.click("#tab-report");
      await locked.locator("#report-state[data-state=locked]").waitFor();
      await state(locked, "clerk-period-locked");

      // 断开 asks first: the token was shown only once.
      await locked.click("#disconnect");
      await locked.locator("#disconnect-confirm").waitFor();
      await state(locked, "clerk-disconnect-confirm");
      await locked.click("#disconnect-no");
      expect(await locked.isVisible("#tab-report")).toBe(true);
      for (const page of [clerk, province, locked]) await page.close();
      expect(checked.length).toBeGreaterThanOrEqual(16);
    });
  }
});
