import type { FormSet } from "../forms/form-set.ts";

/**
 * Outlier ranges (O01): for each unit and count or amount field of the grid sheets, the values a
 * report is expected to hold, made from the unit's accepted values of earlier periods and its peers'
 * (the other units of the same level) in this period.
 *
 * Why this method. County education figures are skewed (a big county reports ten times a small one)
 * and often small or zero, so DHIS2's mean ± k·SD flags the big counties and the small ones. Here:
 * - values go on a started log scale, t(x) = ln(x + start): a ×10 and a ÷10 are the same distance,
 *   skew goes away, and zeros and small counts stay finite and close together (the floor for small
 *   counts and zero-heavy fields);
 * - centre and spread are medians and MADs (scaled by 1.4826 to a normal SD), which a few wrong
 *   values do not move;
 * - with history, the centre is the unit's own median of earlier periods moved by its peers' median
 *   change this period (their value against their own history), and the spread is the larger of the
 *   peers' spread of that change and the unit's own spread over the years: a province-wide rise is
 *   not an outlier, a unit that moves unlike its peers is;
 * - history needs at least two earlier periods: one period has no spread of its own, so only the
 *   floor would bound it and a county's ordinary change of more than ×2 would warn unexplained;
 * - without history, the centre and spread are the peers' this period (weak: peers differ in size);
 * - the half-width is never below ln(minFactor) (the ±50 % history rules already catch smaller
 *   changes) and the range always spans the centre ± absoluteFloor (small counts move by a few).
 */
export const OUTLIER_METHOD = {
  /** Half-width in scaled MADs. */
  k: 3.5,
  /** MAD → SD of a normal distribution. */
  madScale: 1.4826,
  /** The range is at least centre ÷ minFactor … centre × minFactor on the log scale. */
  minFactor: 2,
  /** t(x) = ln(x + start), per field type (int: persons, schools; dec2: 万元). */
  start: { int: 1, dec2: 1 },
  /** The range always holds centre ± this much. */
  absoluteFloor: { int: 3, dec2: 1 },
  /** Fewer peers than this with a value (and, for the change, with history) give no peer figure. */
  minPeers: 8,
  /** Fewer earlier periods than this with a value give no history basis (peers, or no range). */
  minHistoryPeriods: 2,
} as const;

export type RangedType = keyof typeof OUTLIER_METHOD.start;

export interface OutlierRange {
  low: number;
  high: number;
  /** The value the range is made around. */
  centre: number;
  /** history: the unit's earlier periods moved by its peers' change; peers: this period's peers alone; manual: set by the province (the centre is the range's middle). */
  basis: "history" | "peers" | "manual";
}

/** rowKey (the unit's code) → field code → its range. */
export type OutlierRanges = ReadonlyMap<string, ReadonlyMap<string, OutlierRange>>;

export interface RangedField {
  sheetCode: string;
  fieldCode: string;
  type: RangedType;
}

/** unit code → field code → values. */
export type ValuesByUnit = ReadonlyMap<string, Readonly<Record<string, number>>>;

export interface RangeInput {
  fields: readonly RangedField[];
  /** The units to make ranges for. */
  units: readonly string[];
  /** Peers (units of the same level, the units themselves included) → their values this period. */
  current: ValuesByUnit;
  /** Units → their accepted values of earlier periods, one record per period. */
  history: ReadonlyMap<string, readonly Readonly<Record<string, number>>[]>;
}

/** The count (int) and amount (dec2) inputs of the grid sheets: the fields that get a range. */
export function rangedFields(formSet: FormSet): RangedField[] {
  return formSet.sheets
    .filter((sheet) => sheet.kind === "grid")
    .flatMap((sheet) =>
      sheet.fields.flatMap((field) =>
        !field.formula && (field.type === "int" || field.type === "dec2") ? [{ sheetCode: sheet.code, fieldCode: field.code, type: field.type }] : [],
      ),
    );
}

export function median(sorted: readonly number[]): number {
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

const ascending = (a: number, b: number) => a - b;

/** Median and scaled MAD of unsorted values. */
function centreAndSpread(values: number[]): { centre: number; spread: number } {
  const centre = median(values.sort(ascending));
  const deviations = values.map((value) => Math.abs(value - centre)).sort(ascending);
  return { centre, spread: OUTLIER_METHOD.madScale * median(deviations) };
}

export function computeOutlierRanges(input: RangeInput): Map<string, Map<string, OutlierRange>> {
  const ranges = new Map<string, Map<string, OutlierRange>>();
  for (const unit of input.units) ranges.set(unit, new Map());
  const hasHistory = (unit: string) =>
    (input.history.get(unit) ?? []).filter((period) => Object.keys(period).length > 0).length >= OUTLIER_METHOD.minHistoryPeriods;
  for (const field of input.fields) {
    const start = OUTLIER_METHOD.start[field.type];
    const t = (value: number) => Math.log(value + start);
    const historyCentres = new Map<string, { centre: number; spread: number }>();
    const historyOf = (unit: string) => {
      let known = historyCentres.get(unit);
      if (!known) {
        const values = (input.history.get(unit) ?? []).flatMap((period) =>
          typeof period[field.fieldCode] === "number" ? [t(period[field.fieldCode] as number)] : [],
        );
        known = values.length >= OUTLIER_METHOD.minHistoryPeriods ? centreAndSpread(values) : { centre: Number.NaN, spread: 0 };
        historyCentres.set(unit, known);
      }
      return known;
    };
    const now: number[] = [];
    const changes: number[] = [];
    for (const [unit, values] of input.current) {
      const value = values[field.fieldCode];
      if (typeof value !== "number") continue;
      now.push(t(value));
      const history = historyOf(unit);
      if (!Number.isNaN(history.centre)) changes.push(t(value) - history.centre);
    }
    const peers = now.length >= OUTLIER_METHOD.minPeers ? centreAndSpread(now) : undefined;
    const change = changes.length >= OUTLIER_METHOD.minPeers ? centreAndSpread(changes) : { centre: 0, spread: 0 };
    for (const unit of input.units) {
      const history = historyOf(unit);
      // A unit with history is judged by it alone: a field it never reported gets no range (so one row of _ranges has one basis).
      const made = Number.isNaN(history.centre)
        ? !hasHistory(unit) && peers && { centre: peers.centre, spread: peers.spread, basis: "peers" as const }
        : { centre: history.centre + change.centre, spread: Math.max(change.spread, history.spread), basis: "history" as const };
      if (made) ranges.get(unit)?.set(field.fieldCode, rangeAround(made, field.type));
    }
  }
  return ranges;
}

/**
 * The range on the value scale, widened by the floors and rounded outwards to 3 significant digits
 * (as a clerk reads a range, "640–2,100"; it keeps _ranges small), never finer than the field holds.
 */
function rangeAround(made: { centre: number; spread: number; basis: OutlierRange["basis"] }, type: RangedType): OutlierRange {
  const start = OUTLIER_METHOD.start[type];
  const floor = OUTLIER_METHOD.absoluteFloor[type];
  const halfWidth = Math.max(OUTLIER_METHOD.k * made.spread, Math.log(OUTLIER_METHOD.minFactor));
  const value = (log: number) => Math.max(0, Math.exp(log) - start);
  const centre = value(made.centre);
  const finest = type === "dec2" ? 0.01 : 1;
  const step = (figure: number) => Math.max(finest, 10 ** (Math.floor(Math.log10(Math.max(figure, finest))) - (SIGNIFICANT_DIGITS - 1)));
  const round = (figure: number, direction: (x: number) => number) => {
    const unit = step(figure);
    return Number((direction(figure / unit) * unit).toFixed(2));
  };
  return {
    low: round(Math.max(0, Math.min(value(made.centre - halfWidth), centre - floor)), Math.floor),
    high: round(Math.max(value(made.centre + halfWidth), centre + floor), Math.ceil),
    centre: round(centre, Math.round),
    basis: made.basis,
  };
}

const SIGNIFICANT_DIGITS = 3;

/** A range set by hand (the province, with a note kept in D1) over the computed ones of the same unit and field. */
export function withManualRanges(ranges: OutlierRanges, manual: readonly { unitCode: string; fieldCode: string; low: number; high: number }[]): OutlierRanges {
  const merged = new Map([...ranges].map(([unit, fields]) => [unit, new Map(fields)]));
  for (const { unitCode, fieldCode, low, high } of manual) {
    const fields = merged.get(unitCode) ?? merged.set(unitCode, new Map()).get(unitCode)!;
    fields.set(fieldCode, { low, high, centre: Number(((low + high) / 2).toFixed(2)), basis: "manual" });
  }
  return merged;
}

/** Whether a reported value lies outside its range. */
export function isOutlier(range: OutlierRange, value: number): boolean {
  return value < range.low || value > range.high;
}
