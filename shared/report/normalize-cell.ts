import type { FieldDefinition } from "../forms/form-schema.ts";
import type { CellValue } from "./report-data.ts";
import { UNCLEAN_TEXT_MESSAGE, isCleanText } from "../values/clean-text.ts";
import { parseDateText } from "../values/excel-date.ts";

/** What is wrong with a cell's content, said for a clerk. */
export interface CellTypeProblem {
  problemZh: string;
  problemEn: string;
}

/** A blank cell: distinct from every value so that callers need no wrapper object per cell. */
export const BLANK: unique symbol = Symbol("blank");

/** A typed value (number or text), BLANK, or the problem. Plain values, because this runs for every cell on every keystroke. */
export type NormalizedCell = number | string | typeof BLANK | CellTypeProblem;

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
/** Report dates from 2000 to 2100 as Excel serials: anything else is a typing error, not a date. */
export const DATE_SERIAL_RANGE = [36526, 73051] as const;

const problem = (problemZh: string, problemEn: string): CellTypeProblem => ({ problemZh, problemEn });
const shown = (raw: CellValue) => (typeof raw === "string" ? `“${raw}”` : String(raw));

function checkNumber(field: FieldDefinition, number: number): number | CellTypeProblem {
  if (number < 0) return problem(`不能为负数 (${number})`, `cannot be negative (${number})`);
  if (field.max !== undefined && number > field.max) {
    const unitEn = field.unitEn ? ` ${field.unitEn}` : "";
    return problem(
      `超出合理范围:不能大于 ${field.max}${field.unitZh ?? ""} (${number})`,
      `beyond the plausible range: at most ${field.max}${unitEn} (${number})`,
    );
  }
  if (field.type === "int") return Number.isInteger(number) ? number : problem(`应为整数 (${number})`, `should be a whole number (${number})`);
  if (field.type === "dec2") {
    const hundredths = Math.round(number * 100);
    if (Math.abs(number * 100 - hundredths) > 1e-6) return problem(`最多两位小数 (${number})`, `at most two decimals (${number})`);
    return hundredths / 100;
  }
  return number;
}

/**
 * Checks one input cell against its field type and returns the value rules compute with:
 * int and dec2 as numbers within the field's `max` (dec2 rounded to exact hundredths), text trimmed, dates as Excel serials.
 */
export function normalizeCell(field: FieldDefinition, raw: CellValue | undefined, phonePattern: RegExp): NormalizedCell {
  if (raw === null || raw === undefined) return BLANK;
  const type = field.type;
  // The common case, a number typed into a number cell, without any allocation.
  if (typeof raw === "number" && type !== "text" && type !== "phone" && type !== "date") return checkNumber(field, raw);
  const text = typeof raw === "string" ? raw.trim() : String(raw);
  if (text === "") return BLANK;
  switch (type) {
    case "int":
    case "dec2":
    case "ratio":
    case "real":
      return NUMBER_TEXT.test(text) ? checkNumber(field, Number(text)) : problem(`应为数字,实为 ${shown(raw)}`, `should be a number, found ${shown(raw)}`);
    case "text":
      if (field.maxLength !== undefined && text.length > field.maxLength) {
        return problem(`超过 ${field.maxLength} 个字符 (${text.length})`, `longer than ${field.maxLength} characters (${text.length})`);
      }
      return isCleanText(text) ? text : problem(UNCLEAN_TEXT_MESSAGE.zh, UNCLEAN_TEXT_MESSAGE.en);
    case "phone":
      return phonePattern.test(text)
        ? text
        : problem(
            `电话号码格式不正确 ${shown(raw)}(手机 11 位或 0+区号+号码)`,
            `not a valid telephone number ${shown(raw)} (mobile: 11 digits; landline: 0 + area code + number)`,
          );
    case "date": {
      const serial = typeof raw === "number" ? Math.floor(raw) : parseDateText(text);
      if (serial === undefined || serial < DATE_SERIAL_RANGE[0] || serial > DATE_SERIAL_RANGE[1]) {
        return problem(`不是有效日期 ${shown(raw)}(如 2020-01-15)`, `not a valid date ${shown(raw)} (e.g. 2020-01-15)`);
      }
      return serial;
    }
  }
}
