import { describe, expect, it } from "vitest";
import { consolidationPlanOf, storedTotalNamesOf } from "../../../shared/consolidate/stored-totals.ts";
import { currentFormSet } from "../../support/current-form-set.ts";

// A pull reads each stored total by where its name stands in one text (SQLite's instr(), counting
// characters from 1): that place must lead back to the total's name, for every total the store keeps.
const instr = (text: string, pattern: string) => {
  const at = text.indexOf(pattern);
  return at < 0 ? 0 : [...text.slice(0, at)].length + 1;
};

describe("storedTotalNamesOf", () => {
  it("leads from where each total's name stands in the text (in characters, as instr counts) to that name, for every total of the plan", () => {
    const { names, text, placeAt } = storedTotalNamesOf(currentFormSet);
    const plan = consolidationPlanOf(currentFormSet);
    const planned = new Set([
      ...plan.gridSums.map(({ sheet, field }) => `${sheet}.${field}`),
      ...plan.listSums.map(({ sheet, code }) => `${sheet}.${code}`),
      ...plan.distincts.map(({ sheet, code }) => `${sheet}.${code}`),
    ]);
    expect(new Set(names)).toEqual(planned);
    expect(names).toHaveLength(planned.size);
    // The sheet codes are Chinese: characters, not bytes, are counted.
    expect(names.some((name) => /[^\x00-\x7f]/.test(name))).toBe(true);
    for (const name of names) expect(names[placeAt.get(instr(text, `|${name}|`)) as number]).toBe(name);
    expect(placeAt.get(instr(text, "|教扶01.NOT_A_FIELD|"))).toBeUndefined();
  });
});
