// The roster (教扶10) in the task pane over the model of Excel, and on the web page: a 历下区 clerk drops a roster filled elsewhere (written as
// openpyxl writes one), sees exactly its four issues by rule and cell, drops the corrected roster,
// and 报送名册 stores it; the page shows the receipt and never a raw ID it did not read from the
// clerk's own file. In the pane the list follows the clerk's typing. Screenshots in test-results/roster-page/, each checked by axe-core.
import type { Page } from "playwright-core";
import { beforeAll, describe, expect, it } from "vitest";
import { syntheticRoster } from "../../scripts/demo/demo-rosters.ts";
import { withCheckCharacter } from "../../shared/roster/citizen-id.ts";
import { maskCitizenId } from "../../shared/roster/masked-id.ts";
import { rosterBodyOf } from "../../shared/api/rosters.ts";
import type { RosterDetail } from "../../shared/api/api-client.ts";
import { povertyListCsv } from "../../scripts/demo/demo-poverty-list.ts";
import { renderRosterTemplate } from "../../shared/roster/render-roster-template.ts";
import { ROSTER } from "../../shared/roster/roster-definition.ts";
import { reportingUnitOf } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { fillRosterWithExcelJS, fourIssueRoster, openpyxlStyleRoster } from "../support/roster-files.ts";
import { seriousViolations } from "./axe.ts";
import { chromiumPath, screenshotter } from "./chromium.ts";
import { cspViolations } from "./content-security-policy.ts";
import { dropFile } from "./drop-file.ts";
import { usePaneStack } from "./pane-harness.ts";

const { tokens, openPage, openPane, call, stack } = usePaneStack();
const screenshot = screenshotter("roster-page");
const shot = async (page: Page, name: string) => {
  await screenshot(page, name);
  expect(await seriousViolations(page), name).toEqual([]);
  expect(await cspViolations(page), name).toEqual([]);
};
const listed = (page: Page) =>
  page.$$eval("#roster-issues li.issue", (items) => items.map((item) => ({ cell: item.getAttribute("data-cell"), ruleId: item.getAttribute("data-rule") })));

describe.skipIf(!chromiumPath)("a roster on the web page", () => {
  let lixia = "";
  beforeAll(async () => {
    await call("POST", "/periods", tokens.admin, { code: "2019", deadline: "2999-12-31" });
    lixia = (await call("POST", "/tokens", tokens.admin, { role: "clerk", unitCode: "370102", name: "历下区填报员" })).token;
  });

  it("lists a roster's issues by rule and cell as it is dropped, and 报送名册 stores the corrected one", async () => {
    const page = await openPage(lixia);
    const { roster, expected } = fourIssueRoster();
    await dropFile(page, openpyxlStyleRoster(roster), "历下区名册.xlsx");
    await page.locator("#roster-issues li.issue").first().waitFor();
    expect(await listed(page)).toEqual(expected);
    expect(await page.textContent("#roster-title")).toContain("历下区");
    expect(await page.locator("#roster-submit").isDisabled()).toBe(true);
    expect(await page.locator("#download-filled").isHidden()).toBe(true);
    await shot(page, "four-issues");

    const clean = syntheticRoster("370102", "370102", { E01_PRE: 2, E01_CMP: 6, E01_GHS: 2, E01_SVE: 1, E01_HED: 1 }, "2019", 3);
    for (const row of clean.rows) row.values.E10_AIDED = "是";
    await dropFile(page, openpyxlStyleRoster({ ...clean, explanations: [] }), "历下区名册.xlsx");
    await page.locator("#roster-issues li.issue").first().waitFor({ state: "detached" });
    expect(await page.textContent("#roster-summary")).toContain("检查通过");
    await page.click("#roster-submit:not([disabled])");
    await page.locator("#roster-receipt").waitFor();
    expect(await page.textContent("#roster-receipt")).toMatch(/修订 1，12 名学生/);
    await shot(page, "submitted");

    // The page shows no ID: the issues name cells, the receipt masked IDs; the server has the revision.
    const shown = (await page.textContent("body")) ?? "";
    for (const row of [...roster.rows, ...clean.rows]) expect(shown).not.toContain(String(row.values.E10_ID));
    const { rosters } = await call("GET", "/periods/2019/units/370102/rosters", lixia);
    expect(rosters).toMatchObject([{ revision: 1, students: 12 }]);
    await page.close();
  });

  it("in the pane: the issues follow the clerk's typing, and each names its cell", async () => {
    const { roster, expected } = fourIssueRoster();
    const filled = await fillRosterWithExcelJS(renderRosterTemplate(reportingUnitOf("370102") as ReportingUnit, "2019"), roster);
    const pane = await openPane("web", "", lixia, Buffer.from(filled).toString("base64"));
    await pane.locator("#roster-issues li.issue").first().waitFor();
    expect(await listed(pane)).toEqual(expected);
    expect(await pane.locator('#roster-issues li.issue[data-cell="A7"] button.cell').textContent()).toBe("A7");
    await screenshot(pane, "pane-four-issues");
    expect(await seriousViolations(pane)).toEqual([]);
    const fixed = withCheckCharacter(String(roster.rows[2]!.values.E10_ID).slice(0, 17));
    await pane.evaluate(([sheet, id]) => window.tianbao.host.type(sheet, "A7", id), [ROSTER.sheetName, fixed] as const);
    await pane.locator('#roster-issues li.issue[data-cell="A7"]').waitFor({ state: "detached" });
    expect(await listed(pane)).toEqual(expected.filter((issue) => issue.cell !== "A7"));
    await pane.close();
  });
  it("名册有、库无: once the province uploads the list, each of the clerk's students not on it is a warning on its row; an explanation on 说明 is kept as explained", async () => {
    const clean = syntheticRoster("370102", "370102", { E01_PRE: 2, E01_CMP: 6, E01_GHS: 2, E01_SVE: 1, E01_HED: 1 }, "2019", 3);
    for (const row of clean.rows) row.values.E10_AIDED = "是";
    const idOf = (position: number) => String(clean.rows[position]!.values.E10_ID);
    await call("POST", "/periods/2019/units/370102/rosters", lixia, rosterBodyOf({ ...clean, explanations: [] }), {
      "Idempotency-Key": "roster-page-unlisted",
    });
    // The poverty office's list has every student but those of rows 4 and 9.
    const list = clean.rows.filter((row) => row.position !== 4 && row.position !== 9).map((row) => ({ id: String(row.values.E10_ID), county: "370102" }));
    const upload = await fetch(`${stack().dev.baseUrl}/api/v1/periods/2019/poverty-list`, {
      method: "POST",
      headers: { Authorization: `Bearer ${tokens.province}` },
      body: povertyListCsv(list),
    });
    expect(upload.status).toBe(201);

    const page = await openPage(lixia);
    const rosterRequests: string[] = [];
    page.on("request", (request) => {
      const path = new URL(request.url()).pathname;
      if (path.includes("/rosters")) rosterRequests.push(`${request.method()} ${path}`);
    });
    const explanations = [{ ruleId: "X10.3", rowKey: idOf(4), text: "户籍已迁入本区，名单未更新" }];
    await dropFile(page, openpyxlStyleRoster({ ...clean, explanations }), "历下区名册.xlsx");
    const unlisted = page.locator("#roster-unlisted li.issue");
    await unlisted.first().waitFor();
    expect(await unlisted.evaluateAll((items) => items.map((item) => [item.getAttribute("data-rule"), item.getAttribute("data-cell")]))).toEqual([
      ["X10.3", "A9"],
      ["X10.3", "A14"],
    ]);
    expect(await page.textContent("#roster-unlisted")).toContain("2 名学生不在本期扶贫部门名单中（X10.3），已说明 1 名");
    expect(await page.textContent("#roster-unlisted")).toContain(maskCitizenId(idOf(9)));
    // The findings alone, in one request: not the revision list and then the revision's every masked row.
    expect(rosterRequests).toEqual(["GET /api/v1/periods/2019/units/370102/rosters/latest/not-on-list"]);
    await shot(page, "unlisted");
    await page.click("#roster-submit:not([disabled])");
    await page.locator("#roster-receipt-unlisted").waitFor();
    expect(await page.textContent("#roster-receipt-unlisted")).toContain("2 名学生不在名单中");
    const { rosters } = await call("GET", "/periods/2019/units/370102/rosters", lixia);
    const latest = (await call("GET", `/periods/2019/units/370102/rosters/${rosters.at(-1).revision}`, lixia)) as RosterDetail;
    expect(latest.notOnList).toEqual([
      { maskedId: maskCitizenId(idOf(4)), position: 4, explained: true },
      { maskedId: maskCitizenId(idOf(9)), position: 9, explained: false },
    ]);
    await page.close();
  });
});
