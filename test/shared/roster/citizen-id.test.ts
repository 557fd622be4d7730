import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { EXPONENT_NUMBER, birthDateOf, checkCharacterOf, normaliseCitizenId, withCheckCharacter } from "../../../shared/roster/citizen-id.ts";

describe("GB 11643 citizen ID numbers", () => {
  it("gives the check characters of the standard's example and of published valid numbers", () => {
    // GB 11643-1999's own example, and two more whose check characters are known.
    expect(checkCharacterOf("11010519491231002")).toBe("X");
    expect(checkCharacterOf("44052418800101001")).toBe("4");
    expect(checkCharacterOf("37010220080101123")).toBe("5");
  });

  it("maps each sum mod 11 to 1 0 X 9 8 7 6 5 4 3 2 (ISO 7064 MOD 11-2): a number with its check character checks to 1", () => {
    // The MOD 11-2 property: with the check character's value (X = 10) weighted 1, the full sum is 1 mod 11.
    const weights = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2, 1];
    fc.assert(
      fc.property(fc.stringMatching(/^\d{17}$/), (first17) => {
        const id = withCheckCharacter(first17);
        const sum = [...id].reduce((total, character, index) => total + (character === "X" ? 10 : Number(character)) * (weights[index] as number), 0);
        expect(sum % 11).toBe(1);
      }),
    );
  });

  it("catches every single-digit error and every swap of two neighbouring different digits", () => {
    const id = withCheckCharacter("37010220080101123");
    for (let index = 0; index < 17; index++) {
      for (let digit = 0; digit <= 9; digit++) {
        if (String(digit) === id[index]) continue;
        const changed = id.slice(0, index) + digit + id.slice(index + 1, 17);
        expect(checkCharacterOf(changed), changed).not.toBe(id[17]);
      }
      const next = id[index + 1] as string;
      if (index < 16 && next !== id[index]) {
        const swapped = id.slice(0, index) + next + id[index] + id.slice(index + 2, 17);
        expect(checkCharacterOf(swapped), swapped).not.toBe(id[17]);
      }
    }
  });

  it("reads the birth date from digits 7–14 and refuses dates that do not exist", () => {
    expect(birthDateOf("11010519491231002X")).toEqual({ year: 1949, month: 12, day: 31 });
    expect(birthDateOf("370102200802291234")).toEqual({ year: 2008, month: 2, day: 29 });
    expect(birthDateOf("370102200002291234")).toEqual({ year: 2000, month: 2, day: 29 });
    for (const id of ["370102200702291234", "370102190002291234", "370102200813011234", "370102200800011234", "370102200804311234", "370102200801001234"])
      expect(birthDateOf(id), id).toBeUndefined();
  });

  it("normalises by trimming and upper-casing a final x, computes no check character but of 17 digits, and knows a number shown by Excel", () => {
    expect(normaliseCitizenId("  11010519491231002x ")).toBe("11010519491231002X");
    expect(normaliseCitizenId("x1")).toBe("x1");
    expect(checkCharacterOf("1101051949123100X")).toBeUndefined();
    expect(checkCharacterOf("1101051949123100")).toBeUndefined();
    for (const shown of ["3.70102E+17", "3.701022008010112e+17", "3E17"]) expect(EXPONENT_NUMBER.test(shown), shown).toBe(true);
    expect(EXPONENT_NUMBER.test("370102200801011235")).toBe(false);
  });
});
