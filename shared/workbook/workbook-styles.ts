import type { FieldType, Severity } from "../forms/form-schema.ts";
import type { XlsxStyle } from "../xlsx/model.ts";

/**
 * The looks of the 323 workbooks, after the education statistics convention: white = input
 * (unlocked), blue = calculated, light blue = referenced or filled in by the system (both locked).
 */

const COMPUTED_BLUE = "BDD7EE";
const REFERENCED_LIGHT_BLUE = "DDEBF7";
const HEADER_GREY = "F2F2F2";
const NOT_ACCEPTED_ORANGE = "F8CBAD";

/** Conditional-format colours of failing checks: errors red, warnings yellow. */
export const FAILURE_LOOK: Record<Severity, { fill: string; fontColor: string }> = {
  error: { fill: "FFC7CE", fontColor: "9C0006" },
  warning: { fill: "FFEB9C", fontColor: "9C5700" },
};

const NUMBER_FORMAT: Record<FieldType, string> = {
  int: "0",
  dec2: "0.00",
  ratio: "0.00%",
  real: "0.00",
  date: "yyyy-mm-dd",
  text: "@",
  phone: "@",
};

/** One style object per field type, shared by every cell of that look (the writer turns each object into XML once). */
const styleByType = (look: XlsxStyle): Record<FieldType, XlsxStyle> =>
  Object.fromEntries(Object.entries(NUMBER_FORMAT).map(([type, numberFormat]) => [type, { ...look, numberFormat }])) as Record<FieldType, XlsxStyle>;
const INPUT_STYLES = styleByType({ locked: false, border: true });
const COMPUTED_STYLES = styleByType({ fill: COMPUTED_BLUE, border: true });
const REFERENCED_STYLES = styleByType({ fill: REFERENCED_LIGHT_BLUE, border: true });

export const inputStyle = (type: FieldType): XlsxStyle => INPUT_STYLES[type];
export const computedStyle = (type: FieldType): XlsxStyle => COMPUTED_STYLES[type];
export const referencedStyle = (type: FieldType): XlsxStyle => REFERENCED_STYLES[type];

/** 代码 and 名称 cells: locked; codes as text so that 370102 never turns into a number. */
export const keyStyle: XlsxStyle = { numberFormat: "@", border: true };
export const nameStyle: XlsxStyle = { border: true };
export const totalNameStyle: XlsxStyle = { border: true, bold: true };
export const titleStyle: XlsxStyle = { bold: true, horizontal: "center" };
export const headerStyle: XlsxStyle = { bold: true, wrap: true, horizontal: "center", border: true, fill: HEADER_GREY };
/** The lines under a form (本表主要审核关系): wrapped across the form's width. */
export const noteStyle: XlsxStyle = { wrap: true };
export const wrappedTextStyle: XlsxStyle = { wrap: true, border: true };
export const unlockedTextStyle: XlsxStyle = { numberFormat: "@", locked: false, wrap: true, border: true };
export const notAcceptedStyle: XlsxStyle = { fill: NOT_ACCEPTED_ORANGE, wrap: true, border: true };

/** SimSun, the font Chinese statistical forms are printed in. */
export const WORKBOOK_FONT = { name: "宋体", size: 11 };

/** Column widths in characters (a Chinese character is about two). */
export const COLUMN_WIDTH = { key: 10, name: 16, number: 14, text: 22, label: 30, code: 14 } as const;
export const LABEL_ROW_HEIGHT = 60;
