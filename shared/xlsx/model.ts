// The workbook model of the generic .xlsx writer/reader. It knows nothing about forms: a domain
// layer builds an XlsxWorkbook and hands it to writeXlsx, and interprets what readXlsx returns.
// All row/column indexes are 0-based; cell and range addresses are A1 strings ("C7", "C7:C18").

/** A cell value. Dates are plain numbers (Excel serial days); the caller formats/interprets them. */
export type XlsxValue = number | string | boolean | null;

export interface XlsxStyle {
  /** Solid background, 'RRGGBB'. */
  fill?: string;
  bold?: boolean;
  /** 'RRGGBB'. */
  fontColor?: string;
  /** Excel number format code, e.g. '0.00%', '#,##0.00', '@' (text). */
  numberFormat?: string;
  /** Default true, as in Excel: only matters when the sheet is protected. */
  locked?: boolean;
  horizontal?: "left" | "center" | "right";
  wrap?: boolean;
  /** Thin border on all four sides. */
  border?: boolean;
}

export interface XlsxCell {
  value?: XlsxValue;
  /** Formula without the leading '='. With `value`, that value is written as the cached result. */
  formula?: string;
  style?: XlsxStyle;
}

export interface XlsxDataValidation {
  /** One range or several separated by spaces: 'C7:C18' or 'C7:C18 E7:E18'. */
  range: string;
  type: "whole" | "decimal" | "list" | "custom" | "textLength" | "date";
  /** Excel's default is 'between'. Ignored by 'list' and 'custom'. */
  operator?: "between" | "notBetween" | "equal" | "notEqual" | "greaterThan" | "lessThan" | "greaterThanOrEqual" | "lessThanOrEqual";
  /** Formula without '='. For a literal list: the items quoted, '"是,否"' (at most 255 characters). */
  formula1?: string;
  formula2?: string;
  /** Default true. */
  allowBlank?: boolean;
  /** At most 32 characters. */
  errorTitle?: string;
  /** At most 255 characters. */
  error?: string;
  /** At most 32 characters. */
  promptTitle?: string;
  /** At most 255 characters. */
  prompt?: string;
}

export interface XlsxConditionalFormat {
  range: string;
  /** Expression rule without '=', relative to the top-left cell of `range`. */
  formula: string;
  /** 'RRGGBB' */
  fill: string;
  /** 'RRGGBB' */
  fontColor?: string;
  /** Lower runs first; defaults to the rule's position on the sheet. */
  priority?: number;
}

/** Sheet protection without a password: locked cells are read-only, unlocked ones editable. */
export interface XlsxSheetProtection {
  /** Let users resize/hide columns. */
  allowFormatColumns?: boolean;
  /** Let users resize/hide rows. */
  allowFormatRows?: boolean;
}

/** How a sheet prints (page set-up, print area, repeated rows, footer). */
export interface XlsxPrintSetup {
  orientation: "portrait" | "landscape";
  /** Excel's paper size code; default 9 (A4). */
  paperSize?: number;
  /** Scale to fit this many pages wide; with `fitToHeight` 0 (default), as many pages tall as needed. */
  fitToWidth?: number;
  fitToHeight?: number;
  /** The range that prints, e.g. 'A1:H30' (written as the sheet's _xlnm.Print_Area). */
  area?: string;
  /** 0-based first and last row printed at the top of every page (the sheet's _xlnm.Print_Titles). */
  titleRows?: { first: number; last: number };
  /** 0-based rows that begin a new page (manual page breaks), ascending. */
  rowBreaks?: number[];
  /** Footer in Excel's header/footer codes, e.g. '&C第 &P 页 共 &N 页' (at most 255 characters). */
  footer?: string;
  horizontalCentered?: boolean;
}

export interface XlsxSheet {
  /** 1–31 characters, none of []:*?/\ , not starting or ending with an apostrophe, unique. */
  name: string;
  /** Default 'visible'. At least one sheet must be visible. */
  state?: "visible" | "hidden" | "veryHidden";
  /** Keyed by A1 address ("C7"). */
  cells: Map<string, XlsxCell>;
  /** Column index → width in characters. */
  columnWidths?: Record<number, number>;
  /**
   * Column index → the style of the column's cells not written here: what Excel gives a cell the
   * user types into (a roster's ID column as text, so 18 digits never become a number).
   */
  columnStyles?: Record<number, XlsxStyle>;
  /** Row index → height in points; a row of wrapped text is written taller when its text needs it (row-heights.ts). */
  rowHeights?: Record<number, number>;
  hiddenColumns?: number[];
  hiddenRows?: number[];
  /** Row index → outline (grouping) level 1..7; summary rows are above their detail rows. */
  rowOutlineLevels?: Record<number, number>;
  /** Summary rows whose group is collapsed (their detail rows belong in `hiddenRows`). */
  collapsedRows?: number[];
  /** Ranges such as 'A1:D1'. */
  merges?: string[];
  /** Number of frozen rows (at the top) and columns (at the left). */
  freeze?: { row: number; col: number };
  dataValidations?: XlsxDataValidation[];
  conditionalFormats?: XlsxConditionalFormat[];
  protection?: boolean | XlsxSheetProtection;
  print?: XlsxPrintSetup;
}

export interface XlsxDefinedName {
  name: string;
  /** Formula without '=', e.g. "'教扶01 建档立卡贫困教育人口'!$C$7:$C$18". */
  ref: string;
  hidden?: boolean;
}

export interface XlsxWorkbook {
  sheets: XlsxSheet[];
  definedNames?: XlsxDefinedName[];
  /** Index of the sheet shown on open; must be visible. Default: the first visible sheet. */
  activeSheet?: number;
  /** Default font: Calibri 11. */
  font?: { name: string; size: number };
}

// ---- Reader output: what is needed to read a filled workbook back ----

export interface XlsxReadCell {
  /** Error cells carry the error text ('#DIV/0!'); ISO dates (t="d") stay strings. */
  value: XlsxValue;
  /**
   * Present on every formula cell (without '='). Shared-formula dependents get the master's
   * formula shifted to their position; "" only if the formula text cannot be recovered.
   */
  formula?: string;
}

export interface XlsxReadSheet {
  name: string;
  state: "visible" | "hidden" | "veryHidden";
  /** Keyed by A1 address; cells with neither a value nor a formula are left out. */
  cells: Map<string, XlsxReadCell>;
  /** 0-based, ascending. */
  hiddenRows: number[];
  /** 0-based, ascending. */
  hiddenColumns: number[];
}

export interface XlsxReadWorkbook {
  sheets: XlsxReadSheet[];
}

/** Thrown by writeXlsx when the model cannot be written as a valid workbook. */
export class XlsxWriteError extends Error {
  override name = "XlsxWriteError";
}

/** Thrown by readXlsx when the bytes are not a readable workbook. */
export class XlsxReadError extends Error {
  override name = "XlsxReadError";
}
