import type { FormSet } from "../forms/form-set.ts";
import { provinceGridRows, workbookLayout } from "../layout/workbook-layout.ts";
import type { UnitTree } from "../units/unit-tree.ts";
import { XLSX_READ_LIMITS } from "../xlsx/read-xlsx.ts";
import type { XlsxReadLimits } from "../xlsx/read-xlsx.ts";

/**
 * The reader's limits for a consolidated workbook of a tree (render-consolidated.ts): they follow the
 * rows the workbook declares — its grid rows (one per unit), its lists' capacity, every column of
 * them — instead of the fixed defaults, which refuse the 30,000-row workbook our own writer makes
 * (≈ 3.1 KB of XML per row, measured). Never below the defaults.
 */
export function consolidatedReadLimits(formSet: FormSet, tree: UnitTree, period = "2019"): XlsxReadLimits {
  const layout = workbookLayout(formSet, tree.root, period, provinceGridRows(tree.root), { consolidated: true });
  let sheetsBytes = 0;
  let largestSheet = 0;
  let textBytes = 0;
  let rows = 0;
  for (const sheet of layout.sheets) {
    const sheetRows = sheet.firstDataRow + Math.max(sheet.rows.length, sheet.listCapacity) + NOTE_ROWS;
    const bytes = sheetRows * (sheet.fieldCodes.length + LABEL_COLUMNS) * CELL_XML_BYTES;
    sheetsBytes += bytes;
    largestSheet = Math.max(largestSheet, bytes);
    // Shared strings: a label per grid row, and list cells of text at their API bound.
    textBytes += sheet.rows.length * LABEL_COLUMNS * LABEL_BYTES + sheet.listCapacity * sheet.fieldCodes.length * TEXT_BYTES;
    rows = Math.max(rows, sheetRows);
  }
  return {
    ...XLSX_READ_LIMITS,
    totalBytes: Math.max(XLSX_READ_LIMITS.totalBytes, sheetsBytes + textBytes + FIXED_BYTES),
    partBytes: Math.max(XLSX_READ_LIMITS.partBytes, largestSheet, textBytes),
    rows: Math.max(rows, 1),
  };
}

/** The most XML our writer spends on one cell: its address, style and value, or a computed field's formula (~50 bytes on average, measured). */
const CELL_XML_BYTES = 256;
/** The code and name columns before a sheet's fields. */
const LABEL_COLUMNS = 2;
/** Title, headers, rule notes and print lines around a sheet's data rows. */
const NOTE_ROWS = 200;
/** A unit's name in shared strings, with its XML. */
const LABEL_BYTES = 256;
/** A text cell at the API's bound: 2,000 characters of up to 3 bytes in UTF-8. */
const TEXT_BYTES = 6_000;
/** Workbook, styles, relationships and the meta sheet. */
const FIXED_BYTES = 4 * 2 ** 20;
