import type { FormSet } from "../forms/form-set.ts";
import type { SheetLayout, WorkbookLayout } from "../layout/workbook-layout.ts";
import type { ReportRow } from "../report/report-data.ts";
import { toRange } from "../xlsx/cell-address.ts";
import type { XlsxDataValidation, XlsxSheet } from "../xlsx/model.ts";
import { dataValidationOf, failureFormats } from "./cell-checks.ts";
import { pageFooter, ruleNoteLines, setCell } from "./form-sheet-frame.ts";
import { cellValueOf } from "./render-form-sheet.ts";
import { COLUMN_WIDTH, headerStyle, inputStyle, nameStyle, noteStyle, referencedStyle, titleStyle } from "./workbook-styles.ts";

/**
 * The cover (封面): one row per field, the field code in the hidden code column, the label, the
 * value. 填报单位 and 报告期 are filled in by the system and locked; the sign-off fields are input.
 */
export function renderCover(formSet: FormSet, layout: WorkbookLayout, cover: SheetLayout, row: ReportRow | undefined): XlsxSheet {
  const codeColumn = cover.codeColumn as number;
  const labelColumn = cover.labelColumn as number;
  const valueColumn = cover.columnOf("");
  const xlsxSheet: XlsxSheet = {
    name: cover.name,
    cells: new Map(),
    columnWidths: { [codeColumn]: COLUMN_WIDTH.code, [labelColumn]: COLUMN_WIDTH.label, [valueColumn]: COLUMN_WIDTH.label },
    hiddenColumns: [codeColumn],
    merges: [toRange({ start: { row: cover.titleRow, col: labelColumn }, end: { row: cover.titleRow, col: valueColumn } })],
    protection: { allowFormatColumns: true, allowFormatRows: true },
  };
  setCell(xlsxSheet, cover.titleRow, labelColumn, { value: formSet.data.titleZh, style: titleStyle });
  setCell(xlsxSheet, cover.headerRow, labelColumn, { value: "项目", style: headerStyle });
  setCell(xlsxSheet, cover.headerRow, valueColumn, { value: "内容", style: headerStyle });
  const validations: XlsxDataValidation[] = [];
  for (const field of cover.sheet.fields) {
    const rowIndex = cover.rowOf("", field.code) as number;
    const a1 = cover.cellOf("", field.code) as string;
    setCell(xlsxSheet, rowIndex, codeColumn, { value: field.code });
    setCell(xlsxSheet, rowIndex, labelColumn, { value: field.labelZh, style: nameStyle });
    if (field.prefill) {
      xlsxSheet.cells.set(a1, { value: field.prefill === "period" ? layout.period : layout.unitName, style: referencedStyle(field.type) });
      continue;
    }
    xlsxSheet.cells.set(a1, { value: cellValueOf(field, row?.values[field.code]), style: inputStyle(field.type) });
    const validation = dataValidationOf(layout, cover.sheet, field, a1);
    if (validation) validations.push(validation);
  }
  xlsxSheet.dataValidations = validations;
  xlsxSheet.conditionalFormats = failureFormats(layout, cover, "", "");
  const notes = ruleNoteLines(formSet, cover.sheet);
  notes.forEach((line, index) => {
    const row = cover.notesRow + index;
    setCell(xlsxSheet, row, labelColumn, { value: line, style: noteStyle });
    xlsxSheet.merges!.push(toRange({ start: { row, col: labelColumn }, end: { row, col: valueColumn } }));
  });
  // The cover prints as one portrait page: the title to the last note, without the hidden code column.
  xlsxSheet.print = {
    orientation: "portrait",
    fitToWidth: 1,
    fitToHeight: 0,
    area: toRange({ start: { row: cover.titleRow, col: labelColumn }, end: { row: cover.notesRow + Math.max(notes.length - 1, 0), col: valueColumn } }),
    footer: pageFooter(`${formSet.data.titleZh} 封面`),
    horizontalCentered: true,
  };
  return xlsxSheet;
}
