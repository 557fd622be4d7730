import type { FieldDefinition } from "../forms/form-schema.ts";
import type { LoadedSheet } from "../forms/form-set.ts";
import { excelReferencesFor } from "../layout/excel-references.ts";
import type { SheetLayout, WorkbookLayout } from "../layout/workbook-layout.ts";
import { renderExcelFailureCondition } from "../rules/excel-formula.ts";
import { isArgumentOf } from "../rules/rule-syntax.ts";
import { checkTargetField } from "../validate/validate-report.ts";
import type { XlsxConditionalFormat, XlsxDataValidation } from "../xlsx/model.ts";
import { FAILURE_LOOK } from "./workbook-styles.ts";
import { DATE_SERIAL_RANGE } from "../report/normalize-cell.ts";

/**
 * Excel's own checks on a sheet's input cells: native data validation per field type, and one
 * conditional format per rule check. Both are conveniences for the clerk; the engine decides.
 */

/** Mobile 11 digits; landline 0 + area code (2–3) + an optional hyphen + 7–8 digits. */
const PHONE_LENGTH = ["10", "13"] as const;
const MAX_LIST_TEXT = 255;

/** The data validation of an input field over `range`, or undefined for free text. */
export function dataValidationOf(layout: WorkbookLayout, sheet: LoadedSheet, field: FieldDefinition, range: string): XlsxDataValidation | undefined {
  const promptTitle = field.labelZh.slice(0, 32);
  const common = { range, errorTitle: "输入错误", promptTitle };
  switch (field.type) {
    case "int":
    case "dec2": {
      // The engine's range (normalize-cell.ts): 0 to the field's max.
      const range = { operator: "between" as const, formula1: "0", formula2: String(field.max) };
      const ceiling = `不大于 ${field.max}${field.unitZh ?? ""}`;
      return field.type === "int"
        ? {
            ...common,
            ...range,
            type: "whole",
            error: `“${field.labelZh}”应为 0 到 ${field.max} 之间的整数。`,
            prompt: `请填写整数(${ceiling});无数据请填 0。`,
          }
        : {
            ...common,
            ...range,
            type: "decimal",
            error: `“${field.labelZh}”应为 0 到 ${field.max} 之间的数,最多两位小数。`,
            prompt: `请填写数值(${ceiling}),最多两位小数;无数据请填 0。`,
          };
    }
    case "date":
      return {
        ...common,
        type: "date",
        operator: "between",
        formula1: String(DATE_SERIAL_RANGE[0]),
        formula2: String(DATE_SERIAL_RANGE[1]),
        error: `“${field.labelZh}”应为日期,如 2020-01-15。`,
        prompt: "请填写日期,如 2020-01-15。",
      };
    case "phone":
      return {
        ...common,
        type: "textLength",
        operator: "between",
        formula1: PHONE_LENGTH[0],
        formula2: PHONE_LENGTH[1],
        error: `“${field.labelZh}”应为手机 11 位或 0+区号+号码。`,
        prompt: "手机 11 位,或 0+区号+号码(可加连字符)。",
      };
    case "text": {
      if (!checksInPrefecture(sheet, field.code)) return undefined;
      const counties = excelReferencesFor(layout, sheet.code, 0).countyCodes();
      const literal = `"${countyCodesOf(layout).join(",")}"`;
      const formula1 = literal.length - 2 <= MAX_LIST_TEXT ? literal : counties;
      if (formula1 === undefined) return undefined;
      return {
        ...common,
        type: "list",
        formula1,
        error: `“${field.labelZh}”应为本市所辖县(市、区)的代码。`,
        prompt: "请从列表中选择本市所辖县(市、区)的代码。",
      };
    }
    default:
      return undefined;
  }
}

function checksInPrefecture(sheet: LoadedSheet, fieldCode: string): boolean {
  return sheet.rules.some((rule) => rule.checks.some((check) => isArgumentOf(check.expression, "inPrefecture", fieldCode)));
}

function countyCodesOf(layout: WorkbookLayout): string[] {
  const grid = layout.sheets.find((candidate) => candidate.sheet.kind === "grid");
  return (grid?.rows ?? []).filter((row) => row.kind === "county").map((row) => row.key);
}

/**
 * One conditional format per rule check, over the column of the field its issue points at, from
 * the first data row to the last; the formula is rendered for the first row and Excel shifts it.
 * Errors come first, so a cell failing both an error and a warning shows red.
 */
export function failureFormats(layout: WorkbookLayout, sheetLayout: SheetLayout, firstRow: string | number, lastRow: string | number): XlsxConditionalFormat[] {
  const references = excelReferencesFor(layout, sheetLayout.sheet.code, firstRow);
  const rules = [...sheetLayout.sheet.rules].sort((a, b) => Number(a.definition.severity !== "error") - Number(b.definition.severity !== "error"));
  return rules.flatMap(({ definition, checks }) =>
    checks.flatMap(({ expression }) => {
      const target = checkTargetField(expression);
      const top = sheetLayout.cellOf(firstRow, target);
      const bottom = sheetLayout.cellOf(lastRow, target);
      const formula = renderExcelFailureCondition(expression, references);
      if (!top || !bottom || formula === undefined) return [];
      return [{ range: top === bottom ? top : `${top}:${bottom}`, formula, ...FAILURE_LOOK[definition.severity] }];
    }),
  );
}
