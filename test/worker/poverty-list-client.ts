import { withCheckCharacter } from "../../shared/roster/citizen-id.ts";
import type { RosterData } from "../../shared/roster/roster-data.ts";
import { api } from "./api-client.ts";

// Helpers for the poverty office's list: a CSV built from rosters (minus some, plus new people), uploaded as the province does.

export interface ListRow {
  id: string;
  county: string;
}

/** The students of rosters as list rows (the county of registration from the roster). */
export const listRowsOf = (...rosters: RosterData[]): ListRow[] =>
  rosters.flatMap((roster) => roster.rows.map((row) => ({ id: String(row.values.E10_ID), county: String(row.values.E10_COUNTY) })));

/** `count` people of a county on no roster: valid IDs born 2010 with sequence numbers from `from`. */
export const newPeople = (county: string, count: number, from = 900): ListRow[] =>
  Array.from({ length: count }, (_, index) => ({ id: withCheckCharacter(`${county}20100101${String(from + index).padStart(3, "0")}`.slice(0, 17)), county }));

/** The list as the poverty office's CSV: a header, other columns it has (ignored), one row per person. */
export function listCsv(rows: readonly ListRow[]): Uint8Array {
  const lines = ["序号,姓名,身份证件号码,户籍所在县(市、区)代码,备注", ...rows.map((row, index) => `${index + 1},某某,${row.id},${row.county},"说明, 含逗号"`)];
  return new TextEncoder().encode(`\uFEFF${lines.join("\r\n")}\r\n`);
}

export const povertyListPath = (period = "2019") => `/periods/${period}/poverty-list`;

export function uploadList(token: string, bytes: Uint8Array, options: { dryRun?: boolean; period?: string } = {}): Promise<Response> {
  const query = options.dryRun ? "?dryRun=1" : "";
  return api(`${povertyListPath(options.period)}${query}`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": "text/csv" },
    body: bytes,
  });
}
