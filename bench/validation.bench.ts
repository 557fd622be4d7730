import { currentFormSet } from "../test/support/current-form-set.ts";
import { unitLayout } from "../shared/layout/workbook-layout.ts";
import { buildUnitTree } from "../shared/units/unit-tree.ts";
import type { ReportingUnit, UnitRecord } from "../shared/units/unit-tree.ts";
import { REPORTING_LEVELS_323 } from "../shared/units/unit-levels.ts";
import type { ReportData } from "../shared/report/report-data.ts";
import { validateReport } from "../shared/validate/validate-report.ts";
import { sampleReport } from "../test/support/sample-report.ts";
import { benchLine, medianMsSideBySide } from "./bench-line.ts";

const ROWS = 1000;

/** A synthetic prefecture of 1,000 counties, so every grid sheet has 1,000 rows; the list sheet is full (its maxRows). */
export function stressReport(): { prefecture: ReportingUnit; report: ReportData } {
  const records: UnitRecord[] = [
    { code: "370000", name: "山东省", nameEn: "Shandong", level: "province", parentCode: "" },
    { code: "379900", name: "压力测试市", nameEn: "Stress", level: "prefecture", parentCode: "370000" },
    ...Array.from({ length: ROWS }, (_, index) => ({
      code: String(380000 + index),
      name: `县${index}`,
      nameEn: `County ${index}`,
      level: "county",
      parentCode: "379900",
    })),
  ];
  const prefecture = buildUnitTree(REPORTING_LEVELS_323, records).unit("379900") as ReportingUnit;
  const listRows = currentFormSet.sheets.find((sheet) => sheet.kind === "list")?.definition.maxRows ?? 0;
  return { prefecture, report: sampleReport(prefecture, { seed: 11, listRows }) };
}

/** The floor: read every value of the report once, addressed as everything addresses it (sheet, row, field code), and count the filled ones. */
function readEveryValueOnce(report: ReportData): number {
  let filled = 0;
  for (const sheet of currentFormSet.sheets) {
    const fieldCodes = sheet.fields.map((field) => field.code);
    for (const row of report.sheets[sheet.code] ?? []) {
      for (const fieldCode of fieldCodes) if (row.values[fieldCode] !== null && row.values[fieldCode] !== undefined) filled++;
    }
  }
  return filled;
}

export function benchValidation(): string[] {
  const { prefecture, report } = stressReport();
  const layout = unitLayout(currentFormSet, prefecture, report.period);
  const validate = () => validateReport({ formSet: currentFormSet, unit: prefecture, report, previous: report, layout });
  const issues = validate().issues.length;
  if (issues !== 0) throw new Error(`the stress report should be valid, found ${issues} issues`);
  const [full, floor] = medianMsSideBySide([validate, () => readEveryValueOnce(report)]) as [number, number];
  return [
    benchLine("validation.full (8 grids × 1,000 rows + a full list sheet, history rules on)", full, "ms", { max: 20 }),
    benchLine("validation.full / read-every-value floor", full / floor, "×", { max: 10, text: "≤ 10 ×" }),
  ];
}
