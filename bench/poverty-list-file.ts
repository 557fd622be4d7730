import { withCheckCharacter } from "../shared/roster/citizen-id.ts";
import type { XlsxCell } from "../shared/xlsx/model.ts";
import { writeXlsx } from "../shared/xlsx/write-xlsx.ts";
import { povertyListCsv } from "../scripts/demo/demo-poverty-list.ts";

/** The 250,000 people a province's list holds: valid synthetic IDs of one county, born 2000–2019. */
function people(rows: number): { id: string; county: string }[] {
  return Array.from({ length: rows }, (_, index) => {
    const date = `${2000 + (index % 20)}${String(1 + (Math.floor(index / 20) % 12)).padStart(2, "0")}${String(1 + (Math.floor(index / 240) % 28)).padStart(2, "0")}`;
    return { id: withCheckCharacter(`370202${date}${String(Math.floor(index / 6720)).padStart(3, "0")}`), county: "370202" };
  });
}

/** The list as the poverty office's CSV (8 MiB at 250,000 rows). */
export function povertyListFile(rows = 250_000): Uint8Array<ArrayBuffer> {
  return new TextEncoder().encode(povertyListCsv(people(rows)));
}

/** The same list as an .xlsx of the CSV's columns (序号 a number, the IDs and counties shared strings), by the project's writer: 4.3 MiB, its sheet 29 MiB inflated. */
export function povertyListXlsx(rows = 250_000): Uint8Array<ArrayBuffer> {
  const cells = new Map<string, XlsxCell>(["序号", "身份证件号码", "户籍所在县(市、区)代码", "备注"].map((head, col) => [`${"ABCD"[col]}1`, { value: head }]));
  people(rows).forEach((person, index) => {
    cells.set(`A${index + 2}`, { value: index + 1 });
    cells.set(`B${index + 2}`, { value: person.id });
    cells.set(`C${index + 2}`, { value: person.county });
  });
  return new Uint8Array(writeXlsx({ sheets: [{ name: "名单", cells }] }));
}
