import { computeOutlierRanges, rangedFields } from "../shared/quality/outlier-ranges.ts";
import { reportingTree } from "../shared/units/reporting-tree.ts";
import { renderReportTemplate } from "../shared/workbook/render-template.ts";
import { seededRandom } from "../scripts/demo/seeded-random.ts";
import { currentFormSet } from "../test/support/current-form-set.ts";
import { outlierScenario } from "../test/support/outlier-history.ts";
import { sampleReport } from "../test/support/sample-report.ts";
import { benchLine, medianMsSideBySide } from "./bench-line.ts";

/** 153 units (Shandong's prefectures and counties), every count and amount field, this period and 4 earlier ones. */
function rangeInput() {
  const random = seededRandom(153);
  const fields = rangedFields(currentFormSet);
  const units = reportingTree.units.filter((unit) => unit !== reportingTree.root).map((unit) => unit.code);
  const period = () => Object.fromEntries(fields.map((field) => [field.fieldCode, Math.round(10 + random() * 5000)]));
  return {
    fields,
    units,
    current: new Map(units.map((code) => [code, period()])),
    history: new Map(units.map((code) => [code, [period(), period(), period(), period()]])),
  };
}

export function benchOutlierRanges(): string[] {
  const input = rangeInput();
  const [compute] = medianMsSideBySide([() => computeOutlierRanges(input)], 10, 3) as [number];
  const jinan = reportingTree.unit("370100")!;
  const report = sampleReport(jinan);
  const scenario = outlierScenario(currentFormSet, reportingTree, { seed: 30, earlierPeriods: 4 });
  const ranges = computeOutlierRanges({ ...scenario, units: jinan.children.map((county) => county.code) });
  const plain = renderReportTemplate({ formSet: currentFormSet, unit: jinan, period: "2019", report }).length;
  const ranged = renderReportTemplate({ formSet: currentFormSet, unit: jinan, period: "2019", report, ranges }).length;
  return [
    benchLine(`outlier ranges: ${input.units.length} units × ${input.fields.length} fields × 4 earlier periods`, compute, "ms", { max: 1000 }),
    benchLine("outlier ranges: 济南's filled workbook grows by _ranges (the 2019 figures split, 4 earlier periods)", ((ranged - plain) / plain) * 100, "%", {
      max: 20,
    }),
  ];
}
