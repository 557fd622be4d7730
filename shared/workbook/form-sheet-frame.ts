import type { FormSet, LoadedSheet } from "../forms/form-set.ts";
import type { SheetLayout, WorkbookLayout } from "../layout/workbook-layout.ts";
import { describeExpression } from "../rules/describe-rule.ts";
import { fieldLabelsOf } from "../validate/validate-report.ts";
import { toA1, toRange } from "../xlsx/cell-address.ts";
import type { XlsxCell, XlsxSheet } from "../xlsx/model.ts";
import { COLUMN_WIDTH, LABEL_ROW_HEIGHT, headerStyle, titleStyle } from "./workbook-styles.ts";

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

/**
 * Everything of a grid or list form sheet but its data rows: title, the legal marks (表号 ·
 * 制定机关 · 文号 · 有效期至), 填报单位 · 报告期 · 计量单位, the hidden code row, the label row,
 * widths, frozen header, protection, and the note lines under the table (本表主要审核关系).
 */
export function formSheetFrame(formSet: FormSet, layout: WorkbookLayout, sheetLayout: SheetLayout, columns: FrameColumn[], notes: string[]): XlsxSheet {
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
  notes.forEach((line, index) => setCell(xlsxSheet, sheetLayout.notesRow + index, firstColumn, { value: line }));
  return xlsxSheet;
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
