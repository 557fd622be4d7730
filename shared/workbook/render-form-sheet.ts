import type { FieldDefinition } from "../forms/form-schema.ts";
import type { FormSet } from "../forms/form-set.ts";
import { excelReferencesFor } from "../layout/excel-references.ts";
import type { SheetLayout, WorkbookLayout } from "../layout/workbook-layout.ts";
import type { CellValue, ReportRow } from "../report/report-data.ts";
import { renderExcelComputedFormula } from "../rules/excel-formula.ts";
import { parseDateText } from "../values/excel-date.ts";
import type { XlsxCell, XlsxDataValidation, XlsxSheet } from "../xlsx/model.ts";
import { dataValidationOf, failureFormats } from "./cell-checks.ts";
import type { EngineValues } from "../consolidate/engine-values.ts";
import { formSheetFrame, planFormPages, ruleNoteLines, setCell } from "./form-sheet-frame.ts";
import { computedStyle, inputStyle, keyStyle, nameStyle, referencedStyle, totalNameStyle } from "./workbook-styles.ts";
import { listUnitFieldOf } from "../consolidate/merge-unit-reports.ts";

export interface FormSheetInput {
  formSet: FormSet;
  layout: WorkbookLayout;
  sheetLayout: SheetLayout;
  /** The report's rows of this sheet, when the template is filled. */
  rows: ReportRow[] | undefined;
  /** Cached values of the formula cells, when the template is filled. */
  engine: EngineValues | undefined;
  /** Units whose rows came from their own revision (a prefecture's counties): locked, in the look of figures filled in by the system. */
  lockedUnits?: ReadonlySet<string>;
  /**
   * The one code a list row's unit column may hold, when the unit may name only itself (a county's
   * 教扶06 E06_COUNTY): blank rows get it by formula as soon as anything else in the row is typed.
   */
  ownListUnit?: string | undefined;
}

/** A grid or list sheet of a prefecture's report workbook. */
export function renderFormSheet(input: FormSheetInput): XlsxSheet {
  const { formSet, layout, sheetLayout } = input;
  const sheet = sheetLayout.sheet;
  const xlsxSheet = formSheetFrame(
    formSet,
    layout,
    sheetLayout,
    sheet.fields.map((field) => ({ code: field.code, labelZh: field.labelZh, unitZh: field.unitZh, numeric: field.type !== "text" && field.type !== "phone" })),
    ruleNoteLines(formSet, sheet),
    "cover",
  );
  const isGrid = sheet.kind === "grid";
  const styleOf = (field: FieldDefinition, unitCode: string) => (input.lockedUnits?.has(unitCode) ? referencedStyle(field.type) : inputStyle(field.type));
  const counties = sheetLayout.rows.filter((row) => row.kind === "county");
  const [firstRow, lastRow] = isGrid ? [counties[0]?.key ?? "", counties[counties.length - 1]?.key ?? ""] : [0, sheetLayout.listCapacity - 1];
  const computedExpressions = new Map(sheet.computed.map(({ field, expression }) => [field.code, expression]));
  const engineRows = input.engine?.get(sheet.code);

  const computedCell = (field: FieldDefinition, row: string | number, cached: number | null | undefined): XlsxCell => {
    const formula = renderExcelComputedFormula(computedExpressions.get(field.code)!, excelReferencesFor(layout, sheet.code, row));
    // The formula shows "" where it cannot compute; a cached "" says the same to readers that do not recompute.
    return { ...(formula === undefined ? {} : { formula }), value: cached === undefined ? null : (cached ?? ""), style: computedStyle(field.type) };
  };

  if (isGrid) {
    const reportRows = new Map((input.rows ?? []).map((row) => [row.key, row]));
    for (const gridRow of sheetLayout.rows) {
      const rowIndex = sheetLayout.rowOf(gridRow.key) as number;
      const isTotal = gridRow.kind === "total";
      setCell(xlsxSheet, rowIndex, sheetLayout.keyColumn as number, { value: gridRow.key, style: keyStyle });
      setCell(xlsxSheet, rowIndex, sheetLayout.nameColumn as number, { value: gridRow.name, style: isTotal ? totalNameStyle : nameStyle });
      const cached = engineRows?.get(gridRow.key);
      const values = reportRows.get(gridRow.key)?.values;
      for (const field of sheet.fields) {
        const a1 = sheetLayout.cellOf(gridRow.key, field.code) as string;
        if (field.formula) xlsxSheet.cells.set(a1, computedCell(field, gridRow.key, cached?.[field.code]));
        else if (isTotal) {
          const sum = `SUM(${sheetLayout.cellOf(firstRow, field.code)}:${sheetLayout.cellOf(lastRow, field.code)})`;
          xlsxSheet.cells.set(a1, { formula: sum, value: cached?.[field.code] ?? null, style: computedStyle(field.type) });
        } else xlsxSheet.cells.set(a1, { value: cellValueOf(field, values?.[field.code]), style: styleOf(field, gridRow.key) });
      }
    }
  } else {
    const rowsByPosition = new Map((input.rows ?? []).map((row, index) => [row.position ?? index, row]));
    const unitField = listUnitFieldOf(sheet);
    const typedFields = sheet.fields.filter((field) => !field.formula && field.code !== unitField);
    for (let position = 0; position < sheetLayout.listCapacity; position++) {
      const values = rowsByPosition.get(position)?.values;
      const unitOfRow = unitField ? String(values?.[unitField] ?? "") : "";
      for (const field of sheet.fields) {
        const a1 = sheetLayout.cellOf(position, field.code) as string;
        const value = cellValueOf(field, values?.[field.code]);
        // No engine values per list row: a list row's computed fields (none in 2019) get their formula only.
        if (field.formula) xlsxSheet.cells.set(a1, computedCell(field, position, undefined));
        else if (field.code === unitField && input.ownListUnit !== undefined && (value === null || value === "")) {
          // Blank while the row is; the unit's own code once the row is begun, so a blank row still reads as no row.
          const others = typedFields.map((other) => sheetLayout.cellOf(position, other.code)).join(",");
          xlsxSheet.cells.set(a1, { formula: `IF(COUNTA(${others})=0,"","${input.ownListUnit}")`, value: "", style: styleOf(field, unitOfRow) });
        } else xlsxSheet.cells.set(a1, { value, style: styleOf(field, unitOfRow) });
      }
    }
  }

  xlsxSheet.dataValidations = sheet.fields.flatMap((field): XlsxDataValidation[] => {
    if (field.formula) return [];
    const validation = dataValidationOf(layout, sheet, field, `${sheetLayout.cellOf(firstRow, field.code)}:${sheetLayout.cellOf(lastRow, field.code)}`);
    return validation ? [validation] : [];
  });
  xlsxSheet.conditionalFormats = failureFormats(layout, sheetLayout, firstRow, lastRow);
  planFormPages(xlsxSheet, sheetLayout);
  return xlsxSheet;
}

/** A report value as a cell holds it: dates as serials, codes in text columns as text. */
export function cellValueOf(field: FieldDefinition, value: CellValue | undefined): CellValue {
  if (value === undefined) return null;
  if (field.type === "date" && typeof value === "string") return parseDateText(value) ?? value;
  if ((field.type === "text" || field.type === "phone") && typeof value === "number") return String(value);
  return value;
}
