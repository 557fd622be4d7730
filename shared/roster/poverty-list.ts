import { birthDateOf, checkCharacterOf, normaliseCitizenId } from "./citizen-id.ts";
import { DigestSet } from "./digest-set.ts";
import { maskCitizenId } from "./masked-id.ts";

// The poverty office's list read from its table: which columns hold the ID and the county (by header
// name), and each row valid (GB 11643 and a six-digit county), invalid, or a repeat of an earlier ID.

/** Header names, compared without spaces or case: the first header that contains one of these is the column. */
const ID_HEADERS = ["身份证件号码", "身份证号", "证件号码", "公民身份号码", "citizenid", "idnumber", "id"];
const COUNTY_HEADERS = ["户籍所在县", "户籍县", "县(市、区)代码", "县(市、区)", "县代码", "county"];

/** A row kept, as it is stored: the keyed hash and the masked form of its ID, never the ID itself. */
export interface ListEntry {
  /** The keyed hash's first 32 hex digits (stored as 16 bytes). */
  idHash: string;
  maskedId: string;
  countyCode: string;
  /** The row's number in the file, the header being row 1. */
  rowNumber: number;
}

/** What a reading of the list found: the columns, the counts, the first invalid rows and a masked preview. */
export interface PovertyListSummary {
  headers: { id: string; county: string };
  rows: number;
  valid: number;
  invalid: number;
  duplicates: number;
  /** Row numbers of the first invalid rows, so the province can look at them. */
  invalidRows: number[];
  /** The first valid rows, masked. */
  preview: { rowNumber: number; maskedId: string; countyCode: string }[];
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
const PREVIEW_ROWS = 10;

/**
 * The list read row by row as its file arrives: the header row names the columns (or the list is
 * refused), then each row is checked and, when valid, hashed with `hashOf` and masked at once; a
 * repeat is found by its hash (a DigestSet), so no raw ID outlives its row.
 */
export class PovertyListReader {
  readonly headers: { id: string; county: string };
  private readonly idColumn: number;
  private readonly countyColumn: number;
  private readonly seen = new DigestSet(1 << 16);
  private readonly counts = { rows: 0, valid: 0, invalid: 0, duplicates: 0 };
  private readonly invalidRows: number[] = [];
  private readonly preview: PovertyListSummary["preview"] = [];

  constructor(
    headerRow: string[],
    private readonly hashOf: (id: string) => string,
  ) {
    this.idColumn = columnOf(headerRow, ID_HEADERS, "身份证件号码/ID");
    this.countyColumn = columnOf(headerRow, COUNTY_HEADERS, "户籍所在县/county");
    this.headers = { id: headerRow[this.idColumn] as string, county: headerRow[this.countyColumn] as string };
  }

  /** The next data row: its entry to keep, or undefined when it is invalid or repeats an earlier ID (counted). */
  read(row: string[]): ListEntry | undefined {
    const rowNumber = ++this.counts.rows + 1;
    const id = normaliseCitizenId(row[this.idColumn] ?? "");
    const countyCode = (row[this.countyColumn] ?? "").trim();
    if (!isValidCitizenId(id) || !/^\d{6}$/.test(countyCode)) {
      this.counts.invalid++;
      if (this.invalidRows.length < INVALID_ROWS_LISTED) this.invalidRows.push(rowNumber);
      return undefined;
    }
    const idHash = this.hashOf(id);
    if (!this.seen.add(idHash)) {
      this.counts.duplicates++;
      return undefined;
    }
    this.counts.valid++;
    const entry = { idHash, maskedId: maskCitizenId(id), countyCode, rowNumber };
    if (this.preview.length < PREVIEW_ROWS) this.preview.push({ rowNumber, maskedId: entry.maskedId, countyCode });
    return entry;
  }

  summary(): PovertyListSummary {
    return { headers: this.headers, ...this.counts, invalidRows: [...this.invalidRows], preview: [...this.preview] };
  }
}
