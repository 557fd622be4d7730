/**
 * The levels of the reporting tree, as data: what a unit of each level reports in its own
 * workbook. A new level (towns, schools) is a new entry here and its units in the tree's records;
 * the layout, template, reader and validation engine follow from it (shared/units/report-scope.ts).
 */
export interface UnitLevel {
  /** Stable identifier: "province", "prefecture", "county", … */
  code: string;
  nameZh: string;
  nameEn: string;
  /**
   * What a unit of this level reports in its own workbook; absent when it has none (the province:
   * its figures are only ever consolidated from its children's).
   */
  report?: {
    /**
     * The rows of the grid sheets: "totalAndChildren" — a 合计 row keyed by the unit's own code, then
     * one input row per child unit (a prefecture: its counties); "own" — one input row, the unit's
     * own, keyed by its code (a county).
     */
    gridRows: "totalAndChildren" | "own";
    /**
     * Whether the report holds the list sheets (教扶06). Their rows belong to the unit when the list's
     * unit column (E06_COUNTY) names the unit or a unit below it of a level `namedInLists`.
     */
    listSheets: boolean;
  };
  /** The list sheets' unit column (教扶06 E06_COUNTY) holds codes of units of this level. */
  namedInLists?: boolean;
}

/** The 323 reporting levels of Shandong: the province consolidates, prefectures and counties report. */
export const REPORTING_LEVELS_323: readonly UnitLevel[] = [
  { code: "province", nameZh: "省", nameEn: "province" },
  { code: "prefecture", nameZh: "市", nameEn: "prefecture", report: { gridRows: "totalAndChildren", listSheets: true } },
  { code: "county", nameZh: "县(市、区)", nameEn: "county", report: { gridRows: "own", listSheets: true }, namedInLists: true },
];
