import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { submitBodySchema } from "../../../shared/api/submissions.ts";
import { consolidate } from "../../../shared/consolidate/consolidate.ts";
import { formSetOf } from "../../../shared/forms/form-set.ts";
import { currentFormSet } from "../../support/current-form-set.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../../shared/units/unit-tree.ts";
import type { ReportData } from "../../../shared/report/report-data.ts";
import { diffReports } from "../../../shared/report/report-diff.ts";
import { validateReport } from "../../../shared/validate/validate-report.ts";
import { readReportWorkbookContents } from "../../../shared/workbook/read-report.ts";
import { EXPLANATIONS_SHEET_NAME, renderConsolidatedWorkbook } from "../../../shared/workbook/render-consolidated.ts";
import { renderReportTemplate } from "../../../shared/workbook/render-template.ts";
import { readXlsx } from "../../../shared/xlsx/read-xlsx.ts";
import { maxRequestBodyBytes } from "../../../worker/http/body-limit.ts";
import { edgeReport, listCapacityOf } from "../../support/ceiling-report.ts";
import { sampleReport } from "../../support/sample-report.ts";

// Accepted means renderable: any report the submit accepts — here generated at the edges: every
// numeric input at 0, at its max or between, texts up to their maximum length, the list sheet up
// to its maxRows, warnings on every county (plans at 0), every warning explained at length — renders in every output the Worker serves,
// through the same shared functions: consolidated JSON, consolidated.xlsx, the revision's
// workbook.xlsx, the next period's template with _prev, and the diff.

const formSet = currentFormSet;
const maxRows = listCapacityOf(formSet);
const longestText = Math.max(...formSet.sheets.flatMap((sheet) => sheet.fields.map((field) => field.maxLength ?? 0)));
const edge = (max: number) => fc.oneof(fc.constant(0), fc.constant(max), fc.integer({ min: 0, max }));
const read = (bytes: Uint8Array) => readReportWorkbookContents(bytes, { formSetOf });
const everyNumberFinite = (value: unknown): boolean =>
  typeof value === "number" ? Number.isFinite(value) : typeof value === "object" && value !== null ? Object.values(value).every(everyNumberFinite) : true;

function acceptedEdgeReport(prefecture: ReportingUnit, choices: Parameters<typeof edgeReport>[2]): ReportData {
  return edgeReport(formSet, prefecture, choices, (report) => validateReport({ formSet, unit: prefecture, report }).unexplainedWarnings);
}

describe("accepted means renderable", () => {
  it("every report at the edges of what the submit accepts renders in every output", () => {
    const sheetCodes = formSet.sheets.map((sheet) => sheet.code);
    fc.assert(
      fc.property(
        fc.record({
          prefecture: fc.constantFrom(...reportingTree.root.children),
          fractions: fc.array(fc.oneof(fc.constant(0), fc.constant(1), fc.double({ min: 0, max: 1, noNaN: true })), {
            minLength: sheetCodes.length,
            maxLength: sheetCodes.length,
          }),
          plansAtZero: fc.boolean(),
          listRows: edge(maxRows),
          textLength: fc.oneof(fc.constant(1), fc.constant(longestText), fc.integer({ min: 1, max: longestText })),
          explanationLength: fc.oneof(
            fc.constant(formSet.data.explanationMinLength),
            fc.constant(2000),
            fc.integer({ min: formSet.data.explanationMinLength, max: 2000 }),
          ),
          alphabet: fc.constantFrom("名", "王<&>\"' \n\t济南", "abc ;=SUM(A1)'", "ـعربي"),
        }),
        ({ prefecture, fractions, ...choices }) => {
          const report = acceptedEdgeReport(prefecture, { ...choices, fractionOf: (sheetCode) => fractions[sheetCodes.indexOf(sheetCode)] ?? 0 });
          const body = JSON.stringify({ report, basedOnRevision: null });
          // Only what the submit accepts: within the body limit, through the API schema, no error, every warning explained.
          fc.pre(new TextEncoder().encode(body).length <= maxRequestBodyBytes);
          expect(submitBodySchema.safeParse(JSON.parse(body)).success).toBe(true);
          const validation = validateReport({ formSet, unit: prefecture, report });
          expect(validation.canSubmit, JSON.stringify(validation.issues.slice(0, 3))).toBe(true);

          // Consolidated JSON: every number finite, so nothing turns into null.
          const provenance = { unitCode: prefecture.code, submissionId: "1", revision: 1, status: "accepted", submittedAt: "2020-01-20T08:00:00Z" };
          const consolidated = consolidate(formSet, reportingTree.root, report.period, [{ report, provenance }]);
          expect(everyNumberFinite(consolidated.sheets)).toBe(true);

          // consolidated.xlsx, with every explanation on a row of its own.
          const warnings = validation.issues.filter((issue) => issue.severity === "warning");
          const status = [
            {
              unitCode: prefecture.code,
              unitName: prefecture.name,
              revision: 1,
              statusZh: "通过",
              accepted: true,
              submittedBy: "张三",
              submittedAt: provenance.submittedAt,
              stampedCopySha256: null,
              explanations: warnings.map((warning) => ({
                ruleId: warning.ruleId,
                address: warning.address,
                message: warning.messageZh,
                text: warning.explanation ?? "",
              })),
            },
          ];
          const province = readXlsx(renderConsolidatedWorkbook({ formSet, tree: reportingTree, consolidated, status }));
          expect(province.sheets.find((sheet) => sheet.name === EXPLANATIONS_SHEET_NAME)?.cells.size).toBe(9 * (warnings.length + 1));

          // The revision's workbook.xlsx reads back as the same report with the same explanations.
          const revision = read(renderReportTemplate({ formSet, unit: prefecture, period: report.period, report })).report;
          expect(diffReports(formSet, prefecture, report, revision)).toEqual([]);
          expect(revision.explanations).toEqual(report.explanations);

          // The next period's template carries it on _prev.
          const next = read(renderReportTemplate({ formSet, unit: prefecture, period: String(Number(report.period) + 1), previous: report }));
          expect(next.previous).toBeDefined();

          // The diff against an ordinary revision names finite numbers only.
          expect(everyNumberFinite(diffReports(formSet, prefecture, sampleReport(prefecture), report))).toBe(true);
        },
      ),
      { numRuns: 12 },
    );
  });
});
