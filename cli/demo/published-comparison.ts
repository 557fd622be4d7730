import type { FormSet } from "../../shared/forms/form-set.ts";
import { publishedProvince2019, publishedRatios2019 } from "../../shared/forms/published-2019.ts";

/** One province total beside the figure the province published for 2019. */
export interface ComparedFigure {
  sheetCode: string;
  fieldCode: string;
  labelZh: string;
  unitZh: string;
  consolidated: number | null;
  published: number;
  /** Ratios are published as fractions to four decimals (two decimals of a percent) and compared at that precision. */
  isRatio: boolean;
  equal: boolean;
}

type ConsolidatedSheets = Record<string, { level: string; values: Record<string, number | null> }[]>;

/** The consolidated province row of every sheet against the published figures (the server's JSON or consolidate()'s result). */
export function compareWithPublished(formSet: FormSet, sheets: ConsolidatedSheets): ComparedFigure[] {
  const figures = (published: Record<string, Record<string, number>>, isRatio: boolean) =>
    Object.entries(published).flatMap(([sheetCode, fields]) => {
      const sheet = formSet.sheet(sheetCode);
      const province = sheets[sheetCode]?.find((row) => row.level === "province")?.values ?? {};
      return Object.entries(fields).map(([fieldCode, value]): ComparedFigure => {
        const definition = sheet?.field(fieldCode) ?? sheet?.definition.consolidatedFields?.find((field) => field.code === fieldCode);
        const consolidated = province[fieldCode] ?? null;
        const shown = consolidated !== null && isRatio ? Number(consolidated.toFixed(4)) : consolidated;
        return {
          sheetCode,
          fieldCode,
          labelZh: definition?.labelZh ?? fieldCode,
          unitZh: definition?.unitZh ?? "",
          consolidated,
          published: value,
          isRatio,
          equal: shown === value,
        };
      });
    });
  return [...figures(publishedProvince2019, false), ...figures(publishedRatios2019, true)];
}

const formatted = (value: number | null, isRatio: boolean) =>
  value === null ? "—" : isRatio ? `${(value * 100).toFixed(2)}%` : value.toLocaleString("en-US", { maximumFractionDigits: 2 });

/** A table for the terminal: sheet, field, label, the province total, the published figure, and = or ≠. */
export function comparisonLines(figures: ComparedFigure[]): string[] {
  return [
    "表      字段            全省汇总 / consolidated   公布数 / published   指标 / figure",
    ...figures.map(
      (figure) =>
        `${figure.sheetCode}  ${figure.fieldCode.padEnd(15)} ${formatted(figure.consolidated, figure.isRatio).padStart(22)} ${figure.equal ? "=" : "≠"} ${formatted(figure.published, figure.isRatio).padStart(17)}   ${figure.labelZh}${figure.unitZh && !figure.isRatio ? ` (${figure.unitZh})` : ""}`,
    ),
  ];
}
