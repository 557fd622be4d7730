import { readFileSync, readdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { expect } from "vitest";
import type { ConsolidatedReport } from "../../shared/consolidate/consolidate.ts";
import type { WorkbookLayout } from "../../shared/layout/workbook-layout.ts";
import { CSV_EVERY_SHEET, convertWithLibreOffice, parseCsv } from "./libreoffice.ts";

// What LibreOffice computes in a workbook the project wrote, compared with the engine's values.

/** LibreOffice's CSV keeps the percent sign of percentage-formatted cells (at full precision). */
const numberShown = (text: string) => (text.endsWith("%") ? Number(text.slice(0, -1)) / 100 : Number(text));

/** Every sheet of the workbook as LibreOffice opens and computes it (written to dir/<file>), by sheet name; fails the test if it cannot convert. */
export function recomputedByLibreOffice(dir: string, file: string, bytes: Uint8Array): Map<string, string[][]> {
  writeFileSync(join(dir, file), bytes);
  const outDir = `${file}-csv`;
  const run = convertWithLibreOffice(dir, file, CSV_EVERY_SHEET, outDir);
  expect(run.status, run.stderr).toBe(0);
  const base = file.replace(/\.xlsx$/, "");
  return new Map(readdirSync(join(dir, outDir)).map((name) => [name.slice(base.length + 1, -4), parseCsv(readFileSync(join(dir, outDir, name), "utf8"))]));
}

/**
 * Each formula cell of the grid sheets — the rows of the given kinds (totals) and every computed
 * field — as LibreOffice computed it, against the engine's value for that row. Returns how many
 * cells were compared.
 */
export function expectRecomputedEqualsEngine(sheets: Map<string, string[][]>, layout: WorkbookLayout, engine: ConsolidatedReport, rowKinds: string[]): number {
  let compared = 0;
  for (const sheetLayout of layout.sheets.filter((candidate) => candidate.sheet.kind !== "cover")) {
    const csv = sheets.get(sheetLayout.name)!;
    const rows = new Map(engine.sheets[sheetLayout.sheet.code]!.map((row) => [row.key, row.values]));
    for (const gridRow of sheetLayout.rows.filter((row) => rowKinds.includes(row.kind) || sheetLayout.sheet.computed.length > 0)) {
      const isTotal = rowKinds.includes(gridRow.kind);
      for (const fieldCode of sheetLayout.fieldCodes) {
        const computed = sheetLayout.sheet.field(fieldCode)?.formula !== undefined;
        if (!isTotal && !computed) continue;
        const expected = rows.get(gridRow.key)?.[fieldCode] ?? null;
        const shown = csv[sheetLayout.rowOf(gridRow.key)!]?.[sheetLayout.columnOf(fieldCode)];
        const where = `${sheetLayout.name} ${gridRow.key} ${fieldCode}`;
        if (expected === null) expect(shown, where).toBe("");
        else expect(numberShown(shown ?? ""), where).toBeCloseTo(expected, 9);
        compared++;
      }
    }
  }
  return compared;
}
