import type { OutlierRange } from "./outlier-ranges.ts";

/** The warning a value outside its outlier range raises; explained like every warning. */
export const OUTLIER_RULE = { id: "O01", severity: "warning", titleZh: "异常值", titleEn: "outlier" } as const;

const figure = (value: number) => value.toLocaleString("en-US", { maximumFractionDigits: 2 });

/** "12,300 超出合理范围：历年与同级中位数 1,230，合理范围 640–2,100" and its English. */
export function describeOutlier(range: OutlierRange, value: number): { zh: string; en: string } {
  const span = `${figure(range.low)}–${figure(range.high)}`;
  if (range.basis === "manual")
    return {
      zh: `${figure(value)} 超出省级设定的合理范围 ${span}`,
      en: `${figure(value)} is outside the plausible range the province set, ${span}`,
    };
  return range.basis === "history"
    ? {
        zh: `${figure(value)} 超出合理范围：历年与同级中位数 ${figure(range.centre)}，合理范围 ${span}`,
        en: `${figure(value)} is outside its plausible range: median of earlier years and peers ${figure(range.centre)}, plausible range ${span}`,
      }
    : {
        zh: `${figure(value)} 超出合理范围：同级中位数 ${figure(range.centre)}，合理范围 ${span}`,
        en: `${figure(value)} is outside its plausible range: median of peers ${figure(range.centre)}, plausible range ${span}`,
      };
}
