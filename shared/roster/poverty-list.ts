import { birthDateOf, checkCharacterOf, normaliseCitizenId } from "./citizen-id.ts";
import { maskCitizenId } from "./masked-id.ts";

// The poverty office's list read from its table: which columns hold the ID and the county (by header
// name), and each row valid (GB 11643 and a six-digit county), invalid, or a repeat of an earlier ID.

/** Header names, compared without spaces or case: the first header that contains one of these is the column. */
const ID_HEADERS = ["身份证件号码", "身份证号", "证件号码", "公民身份号码", "citizenid", "idnumber", "id"];
const COUNTY_HEADERS = ["户籍所在县", "户籍县", "县(市、区)代码", "县(市、区)", "县代码", "county"];

export interface ListEntry {
  /** The normalised ID: used once to hash and mask, never kept. */
  id: string;
  countyCode: string;
  /** The row's number in the file, the header being row 1. */
  rowNumber: number;
}

export interface PovertyList {
  headers: { id: string; county: string };
  rows: number;
  entries: ListEntry[];
  invalid: number;
  duplicates: number;
  /** Row numbers of the first invalid rows, so the province can look at them. */
  invalidRows: number[];
}

export class PovertyListError extends Error {
  override name = "PovertyListError";
}

const folded = (text: string) => text.replace(/\s+/g, "").toLowerCase();

function columnOf(headers: string[], names: string[], what: string): number {
  const heads = headers.map(folded);
  for (const name of names) {
    const index = heads.findIndex((head) => head.includes(folded(name)));
    if (index >= 0) return index;
  }
  throw new PovertyListError(
    `第 1 行没有${what.split("/")[0]}列(表头应含 ${names[0]}) / row 1 has no ${what.split("/")[1]} column (a header containing ${names[0]})`,
  );
}

/** GB 11643: 18 characters, a real birth date, the MOD 11-2 check character. */
export function isValidCitizenId(id: string): boolean {
  return id.length === 18 && checkCharacterOf(id) === id[17] && birthDateOf(id) !== undefined;
}

const INVALID_ROWS_LISTED = 20;

export function parsePovertyList(table: string[][]): PovertyList {
  const [headerRow = [], ...rows] = table;
  const idColumn = columnOf(headerRow, ID_HEADERS, "身份证件号码/ID");
  const countyColumn = columnOf(headerRow, COUNTY_HEADERS, "户籍所在县/county");
  const seen = new Set<string>();
  const list: PovertyList = {
    headers: { id: headerRow[idColumn] as string, county: headerRow[countyColumn] as string },
    rows: rows.length,
    entries: [],
    invalid: 0,
    duplicates: 0,
    invalidRows: [],
  };
  rows.forEach((row, index) => {
    const id = normaliseCitizenId(row[idColumn] ?? "");
    const countyCode = (row[countyColumn] ?? "").trim();
    if (!isValidCitizenId(id) || !/^\d{6}$/.test(countyCode)) {
      list.invalid++;
      if (list.invalidRows.length < INVALID_ROWS_LISTED) list.invalidRows.push(index + 2);
    } else if (seen.has(id)) list.duplicates++;
    else {
      seen.add(id);
      list.entries.push({ id, countyCode, rowNumber: index + 2 });
    }
  });
  return list;
}

/** The first valid entries as a preview may show them: masked. */
export function listPreview(list: PovertyList, count = 10): { rowNumber: number; maskedId: string; countyCode: string }[] {
  return list.entries.slice(0, count).map((entry) => ({ rowNumber: entry.rowNumber, maskedId: maskCitizenId(entry.id), countyCode: entry.countyCode }));
}
