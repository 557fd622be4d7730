import ExcelJS from "exceljs";
import { currentFormSet } from "../test/support/current-form-set.ts";
import { renderConsolidatedWorkbook } from "../shared/workbook/render-consolidated.ts";
import { readXlsx } from "../shared/xlsx/read-xlsx.ts";
import { consolidatedReadLimits } from "../shared/workbook/consolidated-read-limits.ts";
import { syntheticConsolidation, syntheticProvinceOfRows } from "../test/support/synthetic-province.ts";
import { benchLine, medianMsSideBySideAsync } from "./bench-line.ts";

// Rendering and reading the consolidated workbook of a synthetic province at 1,000, 10,000 and
// 30,000 rows per grid sheet, each against ExcelJS reading the same file, side by side. ExcelJS's
// reading is linear in the file, so the ratios stay flat when our work is linear too: the target
// is the 30,000-row ratio at most 1.5 × the 1,000-row one (issue 15: 49 ms at 137 rows, 640 s at 30,000).

const SIZES = [
  { rows: 1_000, rounds: 5, warmup: 1 },
  { rows: 10_000, rounds: 3, warmup: 1 },
  { rows: 30_000, rounds: 1, warmup: 0 },
] as const;

export async function benchScale(): Promise<string[]> {
  const lines: string[] = [];
  const ratios = new Map<number, { render: number; read: number }>();
  for (const { rows, rounds, warmup } of SIZES) {
    const regions = syntheticProvinceOfRows(rows);
    const { consolidated, status } = syntheticConsolidation(regions);
    const render = () => renderConsolidatedWorkbook({ formSet: currentFormSet, tree: regions, consolidated, status });
    const bytes = render();
    // The limits the workbook's rows declare (the defaults refuse 30,000 rows: ~93 MB of XML).
    const limits = consolidatedReadLimits(currentFormSet, regions);
    const read = () => readXlsx(bytes, limits);
    const excelJs = () => new ExcelJS.Workbook().xlsx.load(bytes as unknown as ArrayBuffer);
    const [renderMs, readMs, excelJsMs] = (await medianMsSideBySideAsync([render, read, excelJs], rounds, warmup)) as [number, number, number];
    const gridRows = 1 + regions.root.children.reduce((sum, prefecture) => sum + 1 + prefecture.children.length, 0);
    const size = `${gridRows.toLocaleString("en")} rows, ${regions.root.children.length} prefectures, ${Math.round(bytes.length / 1024)} KB`;
    ratios.set(rows, { render: renderMs / excelJsMs, read: readMs / excelJsMs });
    lines.push(
      benchLine(`scale.render consolidated (${size})`, renderMs, "ms", { max: rows * 1, text: `≤ ${rows} ms` }),
      benchLine(`scale.read consolidated (${size})`, readMs, "ms", { max: rows * 0.5, text: `≤ ${rows / 2} ms` }),
      benchLine(`scale.ExcelJS reading it (${size})`, excelJsMs, "ms", { max: Number.POSITIVE_INFINITY, text: "baseline" }),
      benchLine(`scale.render / ExcelJS reading it (${rows.toLocaleString("en")} rows)`, renderMs / excelJsMs, "×", { max: 2, text: "≤ 2 ×" }),
      benchLine(`scale.read / ExcelJS reading it (${rows.toLocaleString("en")} rows)`, readMs / excelJsMs, "×", { max: 1, text: "≤ 1 ×" }),
    );
  }
  const [small, large] = [ratios.get(1_000)!, ratios.get(30_000)!];
  lines.push(
    benchLine("scale.render ratio at 30,000 rows / at 1,000 rows", large.render / small.render, "×", { max: 1.5, text: "≤ 1.5 ×" }),
    benchLine("scale.read ratio at 30,000 rows / at 1,000 rows", large.read / small.read, "×", { max: 1.5, text: "≤ 1.5 ×" }),
  );
  return lines;
}
