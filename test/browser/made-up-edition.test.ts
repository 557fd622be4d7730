// A made-up edition (test/support/made-up-edition.ts: 323/2020, 支教教师 in 教扶04 and rule R04.3) on the
// real web page, whose bundle knows only the built-in editions: its row is inserted into the local
// D1 as a migration would insert a real edition's, a period is opened in it, and the page learns it
// from the server on sign-in — the clerk downloads the template of that edition, fills it elsewhere
// (ExcelJS), drops it, sees R04.3 worded with 支教教师, fixes it and submits.
import { beforeAll, describe, expect, it } from "vitest";
import { sqlString } from "../../cli/local-d1/sql-literal.ts";
import { executeSql } from "../../cli/local-d1/wrangler.ts";
import { readReportWorkbookContents } from "../../shared/workbook/read-report.ts";
import { readXlsx } from "../../shared/xlsx/read-xlsx.ts";
import { fillTemplateWithExcelJS } from "../support/exceljs-fill.ts";
import { aidTeachersField, aidTeachersRule, madeUpEdition, madeUpEditionData, madeUpSampleReport, withMadeUpEdition } from "../support/made-up-edition.ts";
import { withValue } from "../support/sample-report.ts";
import { prefecture } from "../addin/support/filled-workbook.ts";
import { chromiumPath } from "./chromium.ts";
import { dropFile } from "./drop-file.ts";
import { county, download, usePaneStack } from "./pane-harness.ts";

const { tokens, openPage, call, stack } = usePaneStack();

describe.skipIf(!chromiumPath)("the web page on a period of a made-up edition the bundle does not know", () => {
  beforeAll(async () => {
    await executeSql(
      { persistTo: stack().dev.persistTo },
      `INSERT INTO editions (id, title, definition) VALUES (${sqlString(madeUpEdition)}, ${sqlString("323 统计报表（2020 年版，测试）")}, ${sqlString(JSON.stringify(madeUpEditionData))})`,
    );
    await call("POST", "/periods", tokens.admin, { code: "2020", editionId: madeUpEdition, deadline: "2999-12-31" });
  });

  it("gives the template of that edition, checks R04.3 in the edition's words on a dropped file, and submits it", async () => {
    const page = await openPage(tokens.clerk);
    await page.locator("#drop-zone").waitFor();
    await page.locator("#create-report:not([disabled])").click();
    const template = Buffer.from(await download(page, "#report-message a.download"), "base64");
    expect(readReportWorkbookContents(template, { formSetOf: withMadeUpEdition }).report.edition).toBe(madeUpEdition);
    const sheet = readXlsx(template).sheets.find((candidate) => candidate.name.startsWith("教扶04"))!;
    expect([...sheet.cells.values()].some((cell) => String(cell.value).includes("支教教师"))).toBe(true);

    const report = madeUpSampleReport(prefecture);
    const exchanged = Number(report.sheets["教扶04"]!.find((row) => row.key === county)!.values.E04_EXCH);
    await dropFile(page, await fillTemplateWithExcelJS(template, withValue(report, "教扶04", county, aidTeachersField, exchanged + 1)), "济南-2020.xlsx");
    const issue = page.locator(`li.issue[data-rule="${aidTeachersRule}"]`);
    await issue.waitFor();
    expect(await issue.textContent()).toContain(`支教教师（${exchanged + 1} 人）`);
    expect(await page.locator("#submit-button").isDisabled()).toBe(true);

    await dropFile(page, await fillTemplateWithExcelJS(template, report), "济南-2020.xlsx");
    await issue.waitFor({ state: "detached" });
    await page.locator("#submit-button:not([disabled])").click();
    await page.locator("#receipt").waitFor();
    const stored = await call("GET", `/periods/2020/units/${prefecture.code}/submissions/1`, tokens.clerk);
    expect(stored.report.edition).toBe(madeUpEdition);
    expect(stored.report.sheets["教扶04"].find((row: { key: string }) => row.key === county).values[aidTeachersField]).toBe(exchanged - 1);
    await page.close();
  });
});
