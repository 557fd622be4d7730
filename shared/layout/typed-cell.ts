import type { SheetLayout, WorkbookLayout } from "./workbook-layout.ts";

/**
 * A cell a person typed — "教扶04!E7", the full or quoted sheet name ("'教扶04 教师队伍提升'!e7") or the
 * sheet code, with a half- or full-width "!" — as the layout's sheet and an upper-case A1, or undefined
 * when no sheet of the layout has that name. Whether the A1 holds a value is the sheet's `locate`.
 */
export function sheetCellOfText(layout: WorkbookLayout, typed: string): { sheet: SheetLayout; a1: string } | undefined {
  const match = /^\s*'?(.+?)'?\s*[!！]\s*([A-Za-z]{1,3}\d{1,7})\s*$/.exec(typed);
  if (!match) return undefined;
  const [, name = "", a1 = ""] = match;
  const sheet = layout.sheetByName(name.replace(/''/g, "'")) ?? layout.sheet(name) ?? layout.sheets.find((candidate) => candidate.name.split(" ")[0] === name);
  return sheet ? { sheet, a1: a1.toUpperCase() } : undefined;
}
