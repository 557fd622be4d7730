import type { FieldDefinition } from "../forms/form-schema.ts";
import type { RuleValue } from "../rules/evaluate-rule.ts";
import type { CellValue } from "../report/report-data.ts";
import { parseDateText } from "./excel-date.ts";

export type NormalizedCell = { value: Exclude<RuleValue, null | boolean> } | { blank: true } | { problemZh: string; problemEn: string };

const NUMBER_TEXT = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
/** Report dates from 2000 to 2100 as Excel serials: anything else is a typing error, not a date. */
const DATE_SERIAL_RANGE = [36526, 73051] as const;

function toNumber(raw: CellValue): number | undefined {
  if (typeof raw === "number") return raw;
  if (typeof raw === "string" && NUMBER_TEXT.test(raw.trim())) return Number(raw.trim());
  return undefined;
}

const isBlank = (raw: CellValue | undefined) => raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "");

/**
 * Checks one input cell against its field type and returns the value rules compute with:
 * int and dec2 as numbers (dec2 rounded to exact hundredths), text trimmed, dates as Excel serials.
 */
export function normalizeCell(field: FieldDefinition, raw: CellValue | undefined, phonePattern: RegExp): NormalizedCell {
  if (isBlank(raw)) return { blank: true };
  const shown = typeof raw === "string" ? `“${raw}”` : String(raw);
  switch (field.type) {
    case "int":
    case "dec2":
    case "ratio":
    case "real": {
      const number = toNumber(raw as CellValue);
      if (number === undefined) return { problemZh: `应为数字,实为 ${shown}`, problemEn: `should be a number, found ${shown}` };
      if (number < 0) return { problemZh: `不能为负数 (${number})`, problemEn: `cannot be negative (${number})` };
      if (field.type === "int" && !Number.isInteger(number)) return { problemZh: `应为整数 (${number})`, problemEn: `should be a whole number (${number})` };
      if (field.type === "dec2") {
        const hundredths = Math.round(number * 100);
        if (Math.abs(number * 100 - hundredths) > 1e-6) return { problemZh: `最多两位小数 (${number})`, problemEn: `at most two decimals (${number})` };
        return { value: hundredths / 100 };
      }
      return { value: number };
    }
    case "text":
      return { value: String(raw).trim() };
    case "phone": {
      const phone = String(raw).trim();
      return phonePattern.test(phone)
        ? { value: phone }
        : { problemZh: `电话号码格式不正确 ${shown}(手机 11 位或 0+区号+号码)`, problemEn: `not a valid telephone number ${shown} (mobile: 11 digits; landline: 0 + area code + number)` };
    }
    case "date": {
      const serial = typeof raw === "number" ? Math.floor(raw) : parseDateText(String(raw));
      if (serial === undefined || serial < DATE_SERIAL_RANGE[0] || serial > DATE_SERIAL_RANGE[1]) {
        return { problemZh: `不是有效日期 ${shown}(如 2020-01-15)`, problemEn: `not a valid date ${shown} (e.g. 2020-01-15)` };
      }
      return { value: serial };
    }
  }
}
