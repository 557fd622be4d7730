// What `tianbao roster submit|status` prints of a receipt's comparison with the poverty list (X10.3,
// 名册有、库无): none yet, none off the list, or each student by masked ID and roster row, bounded.
import { describe, expect, it } from "vitest";
import { rosterReceiptLines } from "../../cli/roster-server.ts";
import { rosterReceiptSchema } from "../../shared/api/rosters.ts";
import type { RosterReceipt } from "../../shared/api/rosters.ts";

const receipt = (fields: Partial<RosterReceipt>): RosterReceipt =>
  rosterReceiptSchema.parse({
    revision: 2,
    submittedAt: "2026-12-07T10:00:00.000Z",
    submittedBy: "t1",
    submittedByName: "历下区填报员",
    students: 80,
    sha256: "0".repeat(64),
    duplicates: [],
    listUploaded: true,
    notOnList: [],
    ...fields,
  });
const lines = (fields: Partial<RosterReceipt>) => rosterReceiptLines("历下区", "2019", receipt(fields)).slice(3);

describe("a roster receipt's X10.3 lines", () => {
  it("says when the period has no list, and when every student is on it", () => {
    expect(lines({ listUploaded: false })).toEqual(["  本期尚无扶贫部门名单,未比对 / no poverty list for the period yet: not compared"]);
    expect(lines({})).toEqual(["  所有学生都在扶贫部门名单中 / every student is on the poverty list"]);
  });

  it("names each student off the list by masked ID and roster row, explained or not, the first 50 and a count of the rest", () => {
    const notOnList = Array.from({ length: 53 }, (_, position) => ({
      maskedId: `370102********${String(position).padStart(4, "0")}`,
      position,
      explained: position === 1,
    }));
    const printed = lines({ notOnList });
    expect(printed[0]).toContain("53 名学生不在扶贫部门名单中(X10.3 名册有、库无,已说明 1 名");
    expect(printed[1]).toBe("    370102********0000  第 1 名 / student 1");
    expect(printed[2]).toBe("    370102********0001  第 2 名 / student 2  已说明 / explained");
    expect(printed).toHaveLength(1 + 50 + 1);
    expect(printed.at(-1)).toBe("    …另 3 名 / and 3 more (--json)");
  });
});
