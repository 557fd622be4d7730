import { describe, expect, it } from "vitest";
import { englishCount } from "../../../shared/values/english-count.ts";

describe("an English count", () => {
  it("puts its noun in the right number", () => {
    expect(englishCount(1, "error")).toBe("1 error");
    expect(englishCount(0, "warning")).toBe("0 warnings");
    expect(englishCount(2, "blank cell")).toBe("2 blank cells");
    expect(englishCount(3, "county", "counties")).toBe("3 counties");
  });
});
