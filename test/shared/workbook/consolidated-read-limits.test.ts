import { unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { currentFormSet } from "../../support/current-form-set.ts";
import { renderConsolidatedWorkbook } from "../../../shared/workbook/render-consolidated.ts";
import { consolidatedReadLimits } from "../../../shared/workbook/consolidated-read-limits.ts";
import { XLSX_READ_LIMITS, readXlsx } from "../../../shared/xlsx/read-xlsx.ts";
import { syntheticConsolidation, syntheticProvinceOfRows } from "../../support/synthetic-province.ts";

describe("the reader's limits for a consolidated workbook", () => {
  it("read back what the writer wrote, and grow with the rows the tree declares, above what the writer spends per row", () => {
    const regions = syntheticProvinceOfRows(1_000);
    const { consolidated, status } = syntheticConsolidation(regions);
    const bytes = renderConsolidatedWorkbook({ formSet: currentFormSet, tree: regions, consolidated, status });
    const limits = consolidatedReadLimits(currentFormSet, regions);
    const read = readXlsx(bytes, limits);
    const gridRows = 1 + regions.root.children.reduce((sum, prefecture) => sum + 1 + prefecture.children.length, 0);
    const cellsRead = read.sheets.reduce((sum, sheet) => sum + sheet.cells.size, 0);
    expect(cellsRead).toBeGreaterThan(gridRows * 10);

    // What the writer spends per row, inflated, at 1,000 rows; the limits at 30,000 rows and 100,000 rows hold that many.
    const inflated = Object.values(unzipSync(bytes)).map((part) => part.length);
    const perRow = inflated.reduce((sum, size) => sum + size, 0) / gridRows;
    const largestPerRow = Math.max(...inflated) / gridRows;
    for (const rows of [30_000, 100_000]) {
      const large = consolidatedReadLimits(currentFormSet, syntheticProvinceOfRows(rows));
      expect(large.totalBytes).toBeGreaterThan(perRow * rows);
      expect(large.partBytes).toBeGreaterThan(largestPerRow * rows);
      expect(large.rows).toBeGreaterThanOrEqual(rows);
      expect(large.totalBytes).toBeGreaterThan(XLSX_READ_LIMITS.totalBytes);
    }
    // In proportion to the rows, not a fixed ceiling: 100,000 rows allow about 10/3 of what 30,000 do.
    const [at30k, at100k] = [30_000, 100_000].map((rows) => consolidatedReadLimits(currentFormSet, syntheticProvinceOfRows(rows)).partBytes) as [
      number,
      number,
    ];
    expect(at100k / at30k).toBeGreaterThan(3);
    expect(at100k / at30k).toBeLessThan(3.5);
  });
});
