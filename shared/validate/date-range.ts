import { dateToSerial, serialToIsoDate } from "../values/excel-date.ts";
import { compileRule } from "../rules/evaluate-rule.ts";
import { type FieldReference, fieldReferences, type RuleExpression } from "../rules/rule-syntax.ts";

/** The first and last dates (ISO) a check on one date field accepts. */
export interface DateRange {
  from: string;
  to: string;
}

/** How far either side of the period a range is looked for: a decade covers every deadline rule. */
const SEARCH_YEARS = 10;

/**
 * The dates a check accepts, when it reads one date field only and accepts one unbroken run of days
 * ("year(C_DATE) = PERIOD or (year(C_DATE) = PERIOD + 1 and month(C_DATE) <= 6)" → 2019-01-01 to
 * 2020-06-30): found by trying every day around the period, so any way of writing the range reads
 * the same. undefined otherwise (then the message says the check itself).
 */
export function acceptedDateRange(check: RuleExpression, period: number, isDate: (reference: FieldReference) => boolean): DateRange | undefined {
  const references = fieldReferences(check);
  const first = references[0];
  if (!first || !isDate(first) || references.some((r) => r.field !== first.field || r.sheet !== first.sheet || r.previous !== first.previous)) {
    return undefined;
  }
  const evaluate = compileRule(check, () => ({ slot: 0, index: 0 })).evaluate;
  const holds = (serial: number) => evaluate({ rows: [[serial]], sheetRows: [], period, isCountyOfPrefecture: () => false }) === true;
  const start = dateToSerial(period - SEARCH_YEARS, 1, 1);
  const end = dateToSerial(period + SEARCH_YEARS, 12, 31);
  let from: number | undefined;
  let to: number | undefined;
  for (let serial = start; serial <= end; serial++) {
    if (!holds(serial)) continue;
    if (to !== undefined && to !== serial - 1) return undefined; // two runs: not a range
    from ??= serial;
    to = serial;
  }
  if (from === undefined || to === undefined || from === start || to === end) return undefined;
  return { from: serialToIsoDate(from), to: serialToIsoDate(to) };
}
