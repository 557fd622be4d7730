import { withCheckCharacter } from "../shared/roster/citizen-id.ts";
import { povertyListCsv } from "../scripts/demo/demo-poverty-list.ts";

/** The 250,000 people a province's list holds: valid synthetic IDs of one county, born 2000–2019, as the poverty office's CSV (8 MiB). */
export function povertyListFile(rows = 250_000): Uint8Array<ArrayBuffer> {
  const people = Array.from({ length: rows }, (_, index) => {
    const date = `${2000 + (index % 20)}${String(1 + (Math.floor(index / 20) % 12)).padStart(2, "0")}${String(1 + (Math.floor(index / 240) % 28)).padStart(2, "0")}`;
    return { id: withCheckCharacter(`370202${date}${String(Math.floor(index / 6720)).padStart(3, "0")}`), county: "370202" };
  });
  return new TextEncoder().encode(povertyListCsv(people));
}
