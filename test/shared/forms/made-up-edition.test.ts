// A made-up next edition (test/support/made-up-edition.ts: 323/2020, 教扶04 with 支教教师 and rule R04.3)
// through the domain core: its template is rendered and read back in its own edition, and the
// engine checks its rule; the built-in editions alone do not know it.
import { describe, expect, it } from "vitest";
import { formSetOf, newPeriodEdition } from "../../../shared/forms/form-set.ts";
import { unitLayout } from "../../../shared/layout/workbook-layout.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import { validateReport } from "../../../shared/validate/validate-report.ts";
import { readReportWorkbookContents, WorkbookReadError } from "../../../shared/workbook/read-report.ts";
import { renderReportTemplate } from "../../../shared/workbook/render-template.ts";
import { readXlsx } from "../../../shared/xlsx/read-xlsx.ts";
import { aidTeachersField, aidTeachersRule, madeUpEdition, madeUpFormSet, madeUpSampleReport, withMadeUpEdition } from "../../support/made-up-edition.ts";
import { withValue } from "../../support/sample-report.ts";

const jinan = reportingTree.unit("370100")!;
const county = jinan.children[0]!.code;

describe("a made-up edition 323/2020 through the core", () => {
  it("is no built-in edition and not the one new periods get", () => {
    expect(formSetOf(madeUpEdition)).toBeUndefined();
    expect(newPeriodEdition).not.toBe(madeUpEdition);
  });

  it("renders its template with 支教教师 on 教扶04, and the reader reads it back in that edition, value for value", () => {
    const report = madeUpSampleReport(jinan);
    const bytes = renderReportTemplate({ formSet: madeUpFormSet, unit: jinan, period: "2020", report });
    const sheet = unitLayout(madeUpFormSet, jinan, "2020").sheet("教扶04")!;
    const cell = sheet.cellOf(county, aidTeachersField)!;
    const worksheet = readXlsx(bytes).sheets.find((candidate) => candidate.name === sheet.name)!;
    const column = cell.replace(/\d+$/, "");
    const headings = [...worksheet.cells].filter(([a1]) => a1.replace(/\d+$/, "") === column).map(([, found]) => String(found.value));
    expect(headings.some((heading) => heading.includes("支教教师"))).toBe(true);
    const read = readReportWorkbookContents(bytes, { formSetOf: withMadeUpEdition }).report;
    expect(read.edition).toBe(madeUpEdition);
    const row = read.sheets["教扶04"]!.find((candidate) => candidate.key === county)!;
    expect(row.values[aidTeachersField]).toBe(report.sheets["教扶04"]!.find((candidate) => candidate.key === county)!.values[aidTeachersField]);
    // The built-in editions alone refuse it, naming the edition.
    expect(() => readReportWorkbookContents(bytes, { formSetOf })).toThrow(WorkbookReadError);
    expect(() => readReportWorkbookContents(bytes, { formSetOf })).toThrow(madeUpEdition);
  });

  it("checks its new rule: 支教教师 above the exchanged teachers is an error at that cell", () => {
    const report = madeUpSampleReport(jinan);
    expect(validateReport({ formSet: madeUpFormSet, unit: jinan, report }).issues).toEqual([]);
    const exchanged = Number(report.sheets["教扶04"]!.find((row) => row.key === county)!.values.E04_EXCH);
    const broken = withValue(report, "教扶04", county, aidTeachersField, exchanged + 1);
    const issues = validateReport({ formSet: madeUpFormSet, unit: jinan, report: broken }).issues;
    const cell = unitLayout(madeUpFormSet, jinan, "2020").sheet("教扶04")!.cellOf(county, aidTeachersField);
    expect(issues.map((issue) => [issue.ruleId, issue.severity, issue.cell])).toEqual([[aidTeachersRule, "error", cell]]);
    expect(issues[0]!.messageZh).toContain("支教教师");
  });
});
