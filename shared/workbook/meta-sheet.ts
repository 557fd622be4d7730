import type { WorkbookLayout } from "../layout/workbook-layout.ts";
import type { XlsxCell, XlsxReadSheet, XlsxSheet } from "../xlsx/model.ts";
import { toA1 } from "../xlsx/cell-address.ts";
import { keyStyle } from "./workbook-styles.ts";

const KEY_COLUMN = 0;
const VALUE_COLUMN = 1;

/** The hidden _meta sheet: edition, unit code, period and layout checksum, one key/value row each. */
export function renderMetaSheet(layout: WorkbookLayout): XlsxSheet {
  const values: Record<(typeof layout.meta.rows)[number], string> = {
    edition: layout.edition,
    prefecture: layout.unitCode,
    period: layout.period,
    checksum: layout.checksum,
  };
  const cells = new Map<string, XlsxCell>(
    layout.meta.rows.flatMap((key, row): [string, XlsxCell][] => [
      [toA1(row, KEY_COLUMN), { value: key }],
      [toA1(row, VALUE_COLUMN), { value: values[key], style: keyStyle }],
    ]),
  );
  return { name: layout.meta.name, state: "veryHidden", cells, protection: true };
}

/** The key/value pairs of a _meta sheet, found by key (so a re-saved file that reordered rows still reads). */
export function readMetaSheet(sheet: XlsxReadSheet): Map<string, string> {
  const meta = new Map<string, string>();
  for (let row = 0; ; row++) {
    const key = sheet.cells.get(toA1(row, KEY_COLUMN))?.value;
    if (key === undefined) break;
    const value = sheet.cells.get(toA1(row, VALUE_COLUMN))?.value;
    if (typeof key === "string" && value !== null && value !== undefined) meta.set(key.trim(), String(value).trim());
  }
  return meta;
}
