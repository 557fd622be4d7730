import { describe, expect, it } from "vitest";
import { currentFormSet } from "../../support/current-form-set.ts";
import { excelReferencesFor } from "../../../shared/layout/excel-references.ts";
import { provinceGridRows, workbookLayout } from "../../../shared/layout/workbook-layout.ts";
import type { UnitTree } from "../../../shared/units/unit-tree.ts";
import { consolidatedWorkbook } from "../../../shared/workbook/render-consolidated.ts";
import { syntheticConsolidation, syntheticRegions } from "../../support/synthetic-province.ts";

/** The largest argument count of any function call in an Excel formula (strings and quoted sheet names skipped). */
function maxArguments(formula: string): number {
  const counts: number[] = [];
  let max = 0;
  for (let i = 0; i < formula.length; i++) {
    const char = formula[i];
    if (char === '"' || char === "'") {
      const close = formula.indexOf(char, i + 1);
      i = close < 0 ? formula.length : close;
    } else if (char === "(") counts.push(formula[i + 1] === ")" ? 0 : 1);
    else if (char === "," && counts.length > 0) counts[counts.length - 1]! += 1;
    else if (char === ")") max = Math.max(max, counts.pop() ?? 0);
  }
  return max;
}

/** A tree whose unit lookups are counted. */
function counting(regions: UnitTree): { regions: UnitTree; calls: () => number } {
  let calls = 0;
  return {
    regions: { ...regions, unit: (code) => (calls++, regions.unit(code)) },
    calls: () => calls,
  };
}

describe("the consolidated workbook at scale", () => {
  it("sums 300 top-level units with formulas within Excel's limits (≤ 255 arguments a function, ≤ 8,192 characters), cached with the engine's totals", () => {
    expect(maxArguments("SUM(A1,B2,IF(C1,\"a,b\",'x,y'!A1))")).toBe(3);
    const regions = syntheticRegions(300, 2);
    const { consolidated, status } = syntheticConsolidation(regions, { missing: [regions.root.children[7]!.code] });
    const workbook = consolidatedWorkbook({ formSet: currentFormSet, tree: regions, consolidated, status });
    let formulas = 0;
    for (const sheet of workbook.sheets) {
      for (const cell of sheet.cells.values()) {
        if (cell.formula === undefined) continue;
        formulas++;
        expect(cell.formula.length).toBeLessThanOrEqual(8_192);
        expect(maxArguments(cell.formula)).toBeLessThanOrEqual(255);
      }
    }
    expect(formulas).toBeGreaterThan(300 * 3);
    const layout = workbookLayout(currentFormSet, regions.root, "2019", provinceGridRows(regions.root), { consolidated: true });
    const sheetLayout = layout.sheet("教扶02")!;
    const sheet = workbook.sheets.find((candidate) => candidate.name === sheetLayout.name)!;
    const last = sheetLayout.rows.at(-1)!.key;
    expect(sheet.cells.get(sheetLayout.cellOf("370000", "E02_INV_PLAN")!)).toMatchObject({
      formula: `SUBTOTAL(9,${sheetLayout.cellOf(regions.root.children[0]!.code, "E02_INV_PLAN")}:${sheetLayout.cellOf(last, "E02_INV_PLAN")})`,
      value: consolidated.sheets["教扶02"]!.find((row) => row.key === "370000")!.values.E02_INV_PLAN,
    });
  });

  it("renders in work linear in the rows: looking a county's prefecture up per row, not per row per row", () => {
    const callsAt = (prefectures: number) => {
      const { regions, calls } = counting(syntheticRegions(prefectures, 9));
      const { consolidated, status } = syntheticConsolidation(regions);
      const before = calls();
      consolidatedWorkbook({ formSet: currentFormSet, tree: regions, consolidated, status });
      return calls() - before;
    };
    const [small, large] = [callsAt(20), callsAt(40)];
    expect(small).toBeGreaterThan(0);
    expect(large).toBeLessThanOrEqual(2 * small);
  });

  it("finds the county codes' range once per layout, not by a scan of every row for each row's references", () => {
    const readsAt = (prefectures: number) => {
      const layout = workbookLayout(currentFormSet, { code: "370000", name: "山东省" }, "2019", provinceGridRows(syntheticRegions(prefectures, 9).root), {
        consolidated: true,
      });
      let reads = 0;
      for (const sheetLayout of layout.sheets) {
        const rows = sheetLayout.rows;
        sheetLayout.rows = new Proxy(rows, {
          get: (target, property, receiver) => {
            if (typeof property === "string" && /^\d+$/.test(property)) reads++;
            return Reflect.get(target, property, receiver);
          },
        });
      }
      const grid = layout.sheet("教扶02")!;
      for (const row of grid.rows) excelReferencesFor(layout, "教扶02", row.key).countyCodes();
      return reads - grid.rows.length;
    };
    const [small, large] = [readsAt(20), readsAt(40)];
    expect(small).toBeGreaterThan(0);
    expect(large).toBeLessThanOrEqual(2.1 * small);
  });
});
