import type { FormSet, LoadedSheet } from "../forms/form-set.ts";
import { qualifiedReference } from "../layout/workbook-layout.ts";
import type { SheetLayout, WorkbookLayout } from "../layout/workbook-layout.ts";
import { describeExpression } from "../validate/describe-rule.ts";
import { fieldLabelsOf } from "../validate/validate-report.ts";
import { toA1, toRange } from "../xlsx/cell-address.ts";
import type { XlsxCell, XlsxPrintSetup, XlsxSheet } from "../xlsx/model.ts";
import { planPrintPages } from "./print-pages.ts";
import { COLUMN_WIDTH, LABEL_ROW_HEIGHT, WORKBOOK_FONT, headerStyle, noteStyle, titleStyle } from "./workbook-styles.ts";

/** A column of a form sheet: a field of the sheet, or of its consolidated counterpart. */
export interface FrameColumn {
  code: string;
  labelZh: string;
  unitZh?: string | undefined;
  /** Numbers get a narrower column than text. */
  numeric: boolean;
}

/** The hidden code row's marks over the 代码 and 名称 columns of a grid. */
const KEY_COLUMN_CODE = "_KEY";
const NAME_COLUMN_CODE = "_NAME";

export function setCell(sheet: XlsxSheet, row: number, col: number, cell: XlsxCell): void {
  sheet.cells.set(toA1(row, col), cell);
}

/** Where the signature line under each form gets its names and date. */
export type SignatureSource =
  /** The workbook's own cover (封面), by formula: a prefecture's report. */
  | "cover"
  /** Blanks to sign by hand: the consolidated workbook, which has no cover. */
  | "blank";

/** Above this many characters of column width a form prints in landscape (A4 portrait holds about 90 at 100%). */
const PORTRAIT_MAX_WIDTH = 90;
const SIGNATURE_FIELDS = [
  ["单位负责人", "C_HEAD"],
  ["统计负责人", "C_STAT_HEAD"],
  ["填表人", "C_FILLER"],
  ["报出日期", "C_DATE"],
] as const;
const SIGNATURE_BLANK = "__________";

/** The footer's page numbers, after a label (Excel's header/footer codes; & doubled in the label). */
export const pageFooter = (label: string) => `&C${label.replaceAll("&", "&&")}    第 &P 页 共 &N 页`;

/** A table sheet (说明, 汇总状态, 预警说明): one page wide in landscape, its heading row on every page. */
export const tablePrint = (label: string, headerRow = 0): XlsxPrintSetup => ({
  orientation: "landscape",
  fitToWidth: 1,
  fitToHeight: 0,
  titleRows: { first: headerRow, last: headerRow },
  footer: pageFooter(label),
  horizontalCentered: true,
});

/**
 * Everything of a grid or list form sheet but its data rows: title, the legal marks (表号 ·
 * 制定机关 · 文号 · 有效期至), 填报单位 · 报告期 · 计量单位, the hidden code row, the label row,
 * widths, frozen header, protection, the note lines under the table (本表主要审核关系), the
 * signature line, and the page set-up: one page wide, title to label row repeated on every page,
 * 表号 and 第 N 页 共 M 页 in the footer, the form (and nothing else) as the print area.
 */
export function formSheetFrame(
  formSet: FormSet,
  layout: WorkbookLayout,
  sheetLayout: SheetLayout,
  columns: FrameColumn[],
  notes: string[],
  signatures: SignatureSource,
): XlsxSheet {
  const { sheet } = sheetLayout;
  const xlsxSheet: XlsxSheet = {
    name: sheetLayout.name,
    cells: new Map(),
    columnWidths: {},
    rowHeights: { [sheetLayout.headerRow]: LABEL_ROW_HEIGHT },
    hiddenRows: [sheetLayout.codeRow],
    merges: [],
    protection: { allowFormatColumns: true, allowFormatRows: true },
  };
  const widths = xlsxSheet.columnWidths as Record<number, number>;
  const columnIndexes = columns.map((column) => sheetLayout.columnOf(column.code));
  const firstColumn = Math.min(sheetLayout.keyColumn ?? Infinity, ...columnIndexes);
  const lastColumn = Math.max(...columnIndexes);
  const wholeRow = (row: number) => toRange({ start: { row, col: firstColumn }, end: { row, col: lastColumn } });

  const titleRow = sheetLayout.titleRow;
  setCell(xlsxSheet, titleRow, firstColumn, { value: sheet.definition.titleZh, style: titleStyle });
  const marks = [
    `表号:${sheet.definition.formNumber ?? sheet.code}`,
    `制定机关:${formSet.data.authorityZh}`,
    `文号:${formSet.data.documentNumber}`,
    `有效期至:${formSet.data.validUntil}`,
  ];
  setCell(xlsxSheet, titleRow + 1, firstColumn, { value: marks.join("    ") });
  const unitLine = [`填报单位:${layout.unitName}`, `报告期:${layout.period}`, ...(sheet.definition.unitZh ? [`计量单位:${sheet.definition.unitZh}`] : [])];
  setCell(xlsxSheet, titleRow + 2, firstColumn, { value: unitLine.join("    ") });
  xlsxSheet.merges!.push(wholeRow(titleRow), wholeRow(titleRow + 1), wholeRow(titleRow + 2));

  if (sheetLayout.keyColumn !== undefined && sheetLayout.nameColumn !== undefined) {
    setCell(xlsxSheet, sheetLayout.codeRow, sheetLayout.keyColumn, { value: KEY_COLUMN_CODE });
    setCell(xlsxSheet, sheetLayout.codeRow, sheetLayout.nameColumn, { value: NAME_COLUMN_CODE });
    setCell(xlsxSheet, sheetLayout.headerRow, sheetLayout.keyColumn, { value: "代码", style: headerStyle });
    setCell(xlsxSheet, sheetLayout.headerRow, sheetLayout.nameColumn, { value: "名称", style: headerStyle });
    widths[sheetLayout.keyColumn] = COLUMN_WIDTH.key;
    widths[sheetLayout.nameColumn] = COLUMN_WIDTH.name;
  }
  columns.forEach((column, index) => {
    const col = columnIndexes[index] as number;
    setCell(xlsxSheet, sheetLayout.codeRow, col, { value: column.code });
    setCell(xlsxSheet, sheetLayout.headerRow, col, { value: column.unitZh ? `${column.labelZh}(${column.unitZh})` : column.labelZh, style: headerStyle });
    widths[col] = column.numeric ? COLUMN_WIDTH.number : COLUMN_WIDTH.text;
  });
  xlsxSheet.freeze = { row: sheetLayout.firstDataRow, col: sheetLayout.nameColumn === undefined ? 0 : sheetLayout.nameColumn + 1 };
  let width = 0;
  for (let col = firstColumn; col <= lastColumn; col++) width += widths[col] ?? 9;
  // Each note line spans the form and wraps, so that a long rule prints whole (the writer sizes its row).
  notes.forEach((line, index) => {
    const row = sheetLayout.notesRow + index;
    setCell(xlsxSheet, row, firstColumn, { value: line, style: noteStyle });
    xlsxSheet.merges!.push(wholeRow(row));
  });

  const signatureRow = sheetLayout.notesRow + notes.length + 1;
  setCell(xlsxSheet, signatureRow, firstColumn, signatureCell(layout, signatures));
  xlsxSheet.merges!.push(wholeRow(signatureRow));
  const formNumber = sheet.definition.formNumber ?? sheet.code;
  xlsxSheet.print = {
    orientation: width > PORTRAIT_MAX_WIDTH ? "landscape" : "portrait",
    fitToWidth: 1,
    fitToHeight: 0,
    area: toRange({ start: { row: titleRow, col: firstColumn }, end: { row: signatureRow, col: lastColumn } }),
    titleRows: { first: titleRow, last: sheetLayout.headerRow },
    footer: pageFooter(`表号:${formNumber}`),
    horizontalCentered: true,
  };
  return xlsxSheet;
}

/** Once a form sheet's rows are written: where its pages break (print-pages.ts), its data rows the body. */
export function planFormPages(xlsxSheet: XlsxSheet, sheetLayout: SheetLayout): void {
  planPrintPages(xlsxSheet, WORKBOOK_FONT.size, { first: sheetLayout.firstDataRow, last: sheetLayout.notesRow - 2 });
}

/** 单位负责人 · 统计负责人 · 填表人 · 报出日期: from the cover by formula, or blanks to sign. */
function signatureCell(layout: WorkbookLayout, signatures: SignatureSource): XlsxCell {
  const cover = layout.sheets.find((candidate) => candidate.sheet.kind === "cover");
  if (signatures === "blank" || !cover) return { value: SIGNATURE_FIELDS.map(([label]) => `${label}:${SIGNATURE_BLANK}`).join("    ") };
  const parts = SIGNATURE_FIELDS.map(([label, fieldCode]) => {
    const reference = qualifiedReference(cover.name, (cover.cellOf("", fieldCode) as string).replace(/^([A-Z]+)([0-9]+)$/, "$$$1$$$2"));
    const shown = fieldCode === "C_DATE" ? `TEXT(${reference},"yyyy-mm-dd")` : reference;
    return `"${label}:"&IF(${reference}="","${SIGNATURE_BLANK}",${shown})`;
  });
  return { formula: parts.join(`&"    "&`), value: null };
}

/** "本表主要审核关系:" and one line per rule, as the rule language describes it. */
export function ruleNoteLines(formSet: FormSet, sheet: LoadedSheet): string[] {
  if (sheet.rules.length === 0) return [];
  const labels = fieldLabelsOf(formSet, sheet);
  return [
    "本表主要审核关系:",
    ...sheet.rules.map(({ definition, checks }) => {
      const severity = definition.severity === "error" ? "强制" : "核实";
      return `${definition.id} (${severity}) ${checks.map((check) => describeExpression(check.expression, labels, "zh")).join(";")}`;
    }),
  ];
}
