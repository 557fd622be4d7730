import type { CellValue } from "../report/report-data.ts";
import { reportScopeOf } from "../units/report-scope.ts";
import type { ReportingUnit } from "../units/unit-tree.ts";
import { toA1 } from "../xlsx/cell-address.ts";
import type { XlsxSheet } from "../xlsx/model.ts";
import { ROSTER_STAGES } from "./roster-definition.ts";
import type { StageCounts } from "./roster-counts.ts";

/** The report template's hidden sheet of its counties' latest roster counts (X10.1 offline), beside _prev. */
export const ROSTER_COUNTS_SHEET = "_roster";

/** Each county's latest roster counts by 教扶01 field; a county without a roster is absent. */
export type RosterCountsByCounty = Readonly<Record<string, StageCounts>>;

const KEY_HEADING = "_KEY";

/**
 * The _roster sheet: row 1 the 教扶01 stage fields, column A the unit's county rows; a county's
 * cells are blank while it has no roster. Present only in a period that requires rosters, so its
 * presence is what tells the pane, the page and the CLI to check X10.1.
 */
export function renderRosterCountsSheet(unit: ReportingUnit, counts: RosterCountsByCounty): XlsxSheet {
  const cells: XlsxSheet["cells"] = new Map([[toA1(0, 0), { value: KEY_HEADING }]]);
  ROSTER_STAGES.forEach((stage, column) => cells.set(toA1(0, column + 1), { value: stage.countField }));
  reportScopeOf(unit).rowUnits.forEach((county, index) => {
    cells.set(toA1(index + 1, 0), { value: county.code });
    const ofCounty = counts[county.code];
    ROSTER_STAGES.forEach((stage, column) => {
      if (ofCounty) cells.set(toA1(index + 1, column + 1), { value: ofCounty[stage.countField] ?? 0 });
    });
  });
  return { name: ROSTER_COUNTS_SHEET, state: "veryHidden", cells, protection: true };
}

/** The counts a _roster sheet holds, from its values from A1 (the .xlsx reader's and the add-in's used range alike). */
export function rosterCountsFromRows(rows: readonly (readonly CellValue[])[]): RosterCountsByCounty {
  const [header = [], ...data] = rows;
  const fields = new Set(ROSTER_STAGES.map((stage) => stage.countField));
  const columns = header.flatMap((code, column) => (column > 0 && typeof code === "string" && fields.has(code.trim()) ? [{ code: code.trim(), column }] : []));
  const counts: Record<string, StageCounts> = {};
  for (const row of data) {
    const key = String(row[0] ?? "").trim();
    const values = columns.flatMap(({ code, column }) => (typeof row[column] === "number" ? [[code, row[column] as number] as const] : []));
    if (key && values.length > 0) counts[key] = Object.fromEntries(values);
  }
  return counts;
}
