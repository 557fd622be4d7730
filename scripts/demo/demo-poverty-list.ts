import { withCheckCharacter } from "../../shared/roster/citizen-id.ts";
import type { RosterData } from "../../shared/roster/roster-data.ts";

/**
 * The demo's poverty office list, built from the demo rosters with a known number of students
 * removed (名册有、库无) and of people added (库有、名册无) per county, so that the comparison can be
 * checked to find exactly those. Synthetic like the rosters: no number belongs to anyone.
 */
export interface DemoPovertyList {
  rows: { id: string; county: string }[];
  /** By county: how many of its roster's students the list leaves out, and how many people it adds. */
  expected: Map<string, { removed: number; added: number }>;
}

/** Per county, from its code: 1–4 students left out, 0–2 people added. */
const removedOf = (countyCode: string) => 1 + (Number(countyCode) % 4);
const addedOf = (countyCode: string) => Number(countyCode) % 3;

export function demoPovertyList(rosters: readonly RosterData[]): DemoPovertyList {
  const rows: DemoPovertyList["rows"] = [];
  const expected: DemoPovertyList["expected"] = new Map();
  for (const roster of rosters) {
    const county = roster.unitCode;
    const ids = roster.rows.map((row) => String(row.values.E10_ID));
    const removed = Math.min(removedOf(county), ids.length);
    // Every seventh student from the start is left out, so the removals spread over the stages.
    const left = new Set(Array.from({ length: removed }, (_, index) => (index * 7) % ids.length));
    for (const [index, id] of ids.entries()) if (!left.has(index)) rows.push({ id, county });
    const taken = new Set(ids);
    let added = 0;
    // People born 2009-06-15 whose sequence is not on the roster: of school age, on no roster.
    for (let sequence = 0; added < addedOf(county); sequence++) {
      const id = withCheckCharacter(`${county}20090615${String(sequence).padStart(3, "0")}`);
      if (taken.has(id)) continue;
      rows.push({ id, county });
      added++;
    }
    expected.set(county, { removed: left.size, added });
  }
  return { rows, expected };
}

/** The list as the poverty office sends it: CSV with a header row and columns the upload ignores. */
export function povertyListCsv(rows: DemoPovertyList["rows"]): string {
  return ["序号,身份证件号码,户籍所在县(市、区)代码,备注", ...rows.map((row, index) => `${index + 1},${row.id},${row.county},`)].join("\r\n");
}
