import { toA1 } from "../xlsx/cell-address.ts";
import type { XlsxCell, XlsxReadSheet, XlsxSheet } from "../xlsx/model.ts";

/** The hidden sheet that says what a workbook is; a report's has the same name, so one look tells them apart. */
export const ROSTER_META_SHEET_NAME = "_meta";
/** `kind` on a roster's _meta sheet (a report's has no kind: it names its edition). */
export const ROSTER_KIND = "roster";

export interface RosterMeta {
  unitCode: string;
  period: string;
}

/** The veryHidden _meta sheet of a roster workbook: kind, unit, period, one key/value row each. */
export function renderRosterMeta({ unitCode, period }: RosterMeta): XlsxSheet {
  const rows: [string, string][] = [
    ["kind", ROSTER_KIND],
    ["unit", unitCode],
    ["period", period],
  ];
  const text = { numberFormat: "@" };
  const cells = new Map<string, XlsxCell>(
    rows.flatMap(([key, value], row): [string, XlsxCell][] => [
      [toA1(row, 0), { value: key }],
      [toA1(row, 1), { value, style: text }],
    ]),
  );
  return { name: ROSTER_META_SHEET_NAME, state: "veryHidden", cells, protection: true };
}

/** The key/value pairs of a _meta sheet, found by key; what a program re-saving it turned into numbers comes back as text. */
export function readRosterMeta(sheet: Pick<XlsxReadSheet, "cells">): Map<string, string> {
  const meta = new Map<string, string>();
  for (let row = 0; row < 100; row++) {
    const key = sheet.cells.get(toA1(row, 0))?.value;
    const value = sheet.cells.get(toA1(row, 1))?.value;
    if (typeof key === "string" && value !== null && value !== undefined) meta.set(key.trim(), String(value).trim());
  }
  return meta;
}
