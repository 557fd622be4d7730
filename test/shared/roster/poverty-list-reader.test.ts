import { describe, expect, it } from "vitest";
import { withCheckCharacter } from "../../../shared/roster/citizen-id.ts";
import { rosterIdHasher } from "../../../shared/roster/keyed-id-hasher.ts";
import { maskCitizenId } from "../../../shared/roster/masked-id.ts";
import { PovertyListError, PovertyListReader } from "../../../shared/roster/poverty-list.ts";

// The list read row by row: columns by header, each row valid (hashed and masked at once), invalid or a
// repeat found by its hash; what it gives back holds no raw ID.

const key = rosterIdHasher("k".repeat(40));
const hashOf = (id: string) => key(id, 32);
const ids = [0, 1, 2].map((sequence) => withCheckCharacter(`37010220100101${String(sequence).padStart(3, "0")}`));

describe("PovertyListReader", () => {
  it("keeps valid rows hashed and masked, counts invalid rows (listing their numbers) and repeats (even written in lower case x)", () => {
    const reader = new PovertyListReader(["序号", " 身份证件号码 ", "户籍所在县(市、区)代码"], hashOf);
    expect(reader.headers).toEqual({ id: " 身份证件号码 ", county: "户籍所在县(市、区)代码" });
    const entries = [
      ["1", ids[0]!, "370102"],
      ["2", "370102201013011234", "370102"],
      ["3", ids[1]!, "37010"],
      ["4", ` ${ids[0]!} `, "370103"],
      ["5", ids[2]!, "370102"],
    ].map((row) => reader.read(row));
    expect(entries.map((entry) => entry?.rowNumber)).toEqual([2, undefined, undefined, undefined, 6]);
    expect(entries[0]).toEqual({ idHash: hashOf(ids[0]!), maskedId: maskCitizenId(ids[0]!), countyCode: "370102", rowNumber: 2 });
    const summary = reader.summary();
    expect(summary).toMatchObject({ rows: 5, valid: 2, invalid: 2, duplicates: 1, invalidRows: [3, 4] });
    expect(summary.preview.map((row) => row.rowNumber)).toEqual([2, 6]);
    const text = JSON.stringify([entries, summary]);
    for (const id of ids) expect(text).not.toContain(id);
  });

  it("refuses a header row without an ID column, naming the header it looks for", () => {
    expect(() => new PovertyListReader(["姓名", "县"], hashOf)).toThrow(PovertyListError);
    expect(() => new PovertyListReader(["姓名", "县"], hashOf)).toThrow("身份证件号码");
  });
});
