// One worksheet part (xl/worksheets/sheetN.xml). Child elements follow the order the schema
// (CT_Worksheet) requires; Excel reports a corrupt file otherwise.

import { MAX_COLUMNS, MAX_ROWS, parseA1, parseRange, rangesOverlap, toA1, toRange } from "./cell-address.ts";
import type { CellRange } from "./cell-address.ts";
import { InternPool } from "./intern-pool.ts";
import { XlsxWriteError } from "./model.ts";
import type { XlsxCell, XlsxConditionalFormat, XlsxDataValidation, XlsxPrintSetup, XlsxSheet } from "./model.ts";
import { fittedRowHeights } from "./row-heights.ts";
import { PAGE_MARGINS } from "./page-geometry.ts";
import type { StyleRegistry } from "./styles.ts";
import { escapeAttr, escapeText, escapeXstring } from "./xml-escape.ts";

const MAX_CELL_TEXT = 32_767;

/** Collects shared strings (xl/sharedStrings.xml) across all sheets. */
export class SharedStrings {
  private readonly pool = new InternPool();
  /** Number of cells referring to the table (the `count` attribute). */
  refs = 0;
  get strings(): readonly string[] {
    return this.pool.items;
  }
  add(s: string): number {
    this.refs++;
    return this.pool.add(s);
  }
}

export interface SheetContext {
  styles: StyleRegistry;
  sharedStrings: SharedStrings;
  tabSelected: boolean;
  /** The workbook's default font size, in points: wrapped rows are sized to their text in it. */
  fontSize: number;
}

/**
 * The cells in sheetData's order (rows, then columns) as parallel arrays, `key` being row × 16,384 +
 * column: no object per cell, which a sheet of a million cells would keep alive until it is written.
 */
interface PlacedCells {
  refs: string[];
  cells: XlsxCell[];
  keys: Float64Array;
}

/** Whether a cell's value goes to the shared strings (text that is not a formula's cached result), as cellXml writes it. */
export function isSharedString(cell: XlsxCell): boolean {
  return cell.formula === undefined && typeof cell.value === "string";
}

/** Writes the worksheet part's XML through `write`, in pieces (a large sheet's text is never one string). */
export function renderSheet(sheet: XlsxSheet, ctx: SheetContext, write: (text: string) => void): void {
  const fail = (what: string): never => {
    throw new XlsxWriteError(`工作表 "${sheet.name}": ${what}`);
  };
  const cells = placeCells(sheet, fail);
  const outlineLevels = numberMap(sheet.rowOutlineLevels, "rowOutlineLevels", fail);
  let maxOutline = 0;
  for (const level of outlineLevels.values()) {
    if (!Number.isInteger(level) || level < 0 || level > 7) fail(`分组级别应为 0..7 / outline level must be 0..7: ${level}`);
    maxOutline = Math.max(maxOutline, level);
  }

  write(
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ' +
      'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">',
  );
  const fitToPage = sheet.print?.fitToWidth !== undefined || sheet.print?.fitToHeight !== undefined;
  if (maxOutline > 0 || fitToPage) {
    write(`<sheetPr>${maxOutline > 0 ? '<outlinePr summaryBelow="0"/>' : ""}${fitToPage ? '<pageSetUpPr fitToPage="1"/>' : ""}</sheetPr>`);
  }
  write(`<dimension ref="${dimension(cells)}"/>`);
  write(sheetViews(sheet, ctx.tabSelected, fail));
  write(`<sheetFormatPr defaultRowHeight="15"${maxOutline > 0 ? ` outlineLevelRow="${maxOutline}"` : ""}/>`);
  write(cols(sheet, ctx.styles, fail));
  sheetData(sheet, cells, outlineLevels, ctx, fail, write);
  if (sheet.protection) {
    const p = sheet.protection === true ? {} : sheet.protection;
    write(
      '<sheetProtection sheet="1" objects="1" scenarios="1"' +
        (p.allowFormatColumns ? ' formatColumns="0"' : "") +
        (p.allowFormatRows ? ' formatRows="0"' : "") +
        "/>",
    );
  }
  if (sheet.merges?.length) write(mergeCells(sheet.merges, fail));
  sheet.conditionalFormats?.forEach((cf, i) => write(conditionalFormatting(cf, i, ctx.styles, fail)));
  if (sheet.dataValidations?.length) write(dataValidations(sheet.dataValidations, fail));
  if (sheet.print) write(printSetup(sheet.print, fail));
  write("</worksheet>");
}

/** Parses and sorts the cell addresses (rows, then columns), as sheetData requires. */
function placeCells(sheet: XlsxSheet, fail: (what: string) => never): PlacedCells {
  const count = sheet.cells.size;
  const refs = new Array<string>(count);
  const cells = new Array<XlsxCell>(count);
  const keys = new Float64Array(count);
  let index = 0;
  let sorted = true;
  for (const [ref, cell] of sheet.cells) {
    if (!/^[A-Z]+[0-9]+$/.test(ref)) fail(`单元格地址无效 / invalid cell address: "${ref}"`);
    const { row, col } = guard(() => parseA1(ref), fail);
    refs[index] = ref;
    cells[index] = cell;
    keys[index] = row * MAX_COLUMNS + col;
    if (index > 0 && (keys[index] as number) < (keys[index - 1] as number)) sorted = false;
    index++;
  }
  if (sorted) return { refs, cells, keys };
  const order = Array.from({ length: count }, (_, i) => i).sort((a, b) => (keys[a] as number) - (keys[b] as number));
  return { refs: order.map((i) => refs[i] as string), cells: order.map((i) => cells[i] as XlsxCell), keys: Float64Array.from(order, (i) => keys[i] as number) };
}

const rowOf = (key: number) => Math.floor(key / MAX_COLUMNS);

function dimension({ keys }: PlacedCells): string {
  if (keys.length === 0) return "A1";
  let left = Infinity,
    right = 0;
  for (const key of keys) {
    left = Math.min(left, key % MAX_COLUMNS);
    right = Math.max(right, key % MAX_COLUMNS);
  }
  const [top, bottom] = [rowOf(keys[0] as number), rowOf(keys[keys.length - 1] as number)];
  return toRange({ start: { row: top, col: left }, end: { row: bottom, col: right } });
}

function sheetViews(sheet: XlsxSheet, tabSelected: boolean, fail: (what: string) => never): string {
  const open = `<sheetViews><sheetView${tabSelected ? ' tabSelected="1"' : ""} workbookViewId="0"`;
  const { row = 0, col = 0 } = sheet.freeze ?? {};
  if (!Number.isInteger(row) || !Number.isInteger(col) || row < 0 || col < 0) {
    fail(`冻结位置无效 / invalid freeze position: ${row}, ${col}`);
  }
  if (row === 0 && col === 0) return `${open}/></sheetViews>`;
  const pane = row && col ? "bottomRight" : row ? "bottomLeft" : "topRight";
  const topLeft = guard(() => toA1(row, col), fail);
  return (
    `${open}><pane${col ? ` xSplit="${col}"` : ""}${row ? ` ySplit="${row}"` : ""}` +
    ` topLeftCell="${topLeft}" activePane="${pane}" state="frozen"/>` +
    `<selection pane="${pane}" activeCell="${topLeft}" sqref="${topLeft}"/></sheetView></sheetViews>`
  );
}

function cols(sheet: XlsxSheet, styles: StyleRegistry, fail: (what: string) => never): string {
  const widths = numberMap(sheet.columnWidths, "columnWidths", fail);
  const hidden = new Set(sheet.hiddenColumns ?? []);
  const columnStyles = new Map(Object.entries(sheet.columnStyles ?? {}).map(([column, style]) => [Number(column), style]));
  const indexes = [...new Set([...widths.keys(), ...hidden, ...columnStyles.keys()])].sort((a, b) => a - b);
  if (indexes.length === 0) return "";
  const out = indexes.map((c) => {
    if (!Number.isInteger(c) || c < 0 || c >= 16_384) fail(`列号无效 / invalid column index: ${c}`);
    const width = widths.get(c);
    if (width !== undefined && !(width >= 0 && width <= 255)) fail(`列宽应为 0..255 / column width must be 0..255: ${width}`);
    // A hidden column keeps a width, so "unhide" restores something sensible.
    return (
      `<col min="${c + 1}" max="${c + 1}" width="${width ?? 9.140625}"` +
      (width !== undefined ? ' customWidth="1"' : "") +
      (hidden.has(c) ? ' hidden="1"' : "") +
      (columnStyles.has(c) ? ` style="${styles.cellStyle(columnStyles.get(c))}"` : "") +
      "/>"
    );
  });
  return `<cols>${out.join("")}</cols>`;
}

function sheetData(
  sheet: XlsxSheet,
  placed: PlacedCells,
  outlineLevels: Map<number, number>,
  ctx: SheetContext,
  fail: (what: string) => never,
  write: (text: string) => void,
): void {
  const heights = numberMap(sheet.rowHeights, "rowHeights", fail);
  for (const h of heights.values()) {
    if (!(h >= 0 && h <= 409)) fail(`行高应为 0..409 / row height must be 0..409: ${h}`);
  }
  // Rows of wrapped text grow to hold it: LibreOffice and WPS do not resize them on load.
  for (const [row, height] of guard(() => fittedRowHeights(sheet, ctx.fontSize), fail)) heights.set(row, height);
  const hidden = new Set(sheet.hiddenRows ?? []);
  const collapsed = new Set(sheet.collapsedRows ?? []);
  // Rows that need a <row> element even without cells.
  const rows = new Set([...heights.keys(), ...hidden, ...outlineLevels.keys(), ...collapsed]);
  for (const r of rows) {
    if (!Number.isInteger(r) || r < 0 || r >= MAX_ROWS) fail(`行号无效 / invalid row index: ${r}`);
  }
  const { refs, cells, keys } = placed;
  // Rows with cells, and the rows above that need an element anyway, merged in order.
  const extraRows = [...rows].sort((a, b) => a - b);
  let next = 0;
  let extra = 0;
  write("<sheetData>");
  while (next < keys.length || extra < extraRows.length) {
    const cellRow = next < keys.length ? rowOf(keys[next] as number) : Infinity;
    const r = Math.min(cellRow, extraRows[extra] ?? Infinity);
    if (extraRows[extra] === r) extra++;
    const height = heights.get(r);
    const level = outlineLevels.get(r) ?? 0;
    write(
      `<row r="${r + 1}"` +
        (height !== undefined ? ` ht="${height}" customHeight="1"` : "") +
        (hidden.has(r) ? ' hidden="1"' : "") +
        (level ? ` outlineLevel="${level}"` : "") +
        (collapsed.has(r) ? ' collapsed="1"' : "") +
        ">",
    );
    for (; next < keys.length && rowOf(keys[next] as number) === r; next++) write(cellXml(refs[next] as string, cells[next] as XlsxCell, ctx, fail));
    write("</row>");
  }
  write("</sheetData>");
}

/** printOptions, pageMargins, pageSetup, headerFooter, rowBreaks: in this order, after dataValidations (CT_Worksheet). */
function printSetup(print: XlsxPrintSetup, fail: (what: string) => never): string {
  const fits = [print.fitToWidth, print.fitToHeight].filter((fit) => fit !== undefined);
  if (fits.some((fit) => !Number.isInteger(fit) || (fit as number) < 0 || (fit as number) > 32_767))
    fail(`fitToWidth/fitToHeight 应为 0..32767 / must be 0..32767: ${fits.join(", ")}`);
  if (print.footer !== undefined && print.footer.length > 255) fail(`页脚超过 255 字符 / footer longer than 255 characters`);
  const fitAttributes = fits.length ? ` fitToWidth="${print.fitToWidth ?? 1}" fitToHeight="${print.fitToHeight ?? 0}"` : "";
  const breaks = print.rowBreaks ?? [];
  if (breaks.some((row, index) => !Number.isInteger(row) || row < 1 || row >= MAX_ROWS || (index > 0 && row <= (breaks[index - 1] as number))))
    fail(`分页行号应递增且在 1..${MAX_ROWS - 1} / page breaks must be ascending rows 1..${MAX_ROWS - 1}: ${breaks.join(", ")}`);
  const margins = Object.entries(PAGE_MARGINS).map(([side, inches]) => ` ${side}="${inches}"`);
  return (
    (print.horizontalCentered ? '<printOptions horizontalCentered="1"/>' : "") +
    `<pageMargins${margins.join("")}/>` +
    `<pageSetup paperSize="${print.paperSize ?? 9}" orientation="${print.orientation}"${fitAttributes}/>` +
    (print.footer ? `<headerFooter><oddFooter>${escapeText(print.footer)}</oddFooter></headerFooter>` : "") +
    // A break's id is the 0-based row it comes above; max is the last column it spans.
    (breaks.length
      ? `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((row) => `<brk id="${row}" max="16383" man="1"/>`).join("")}</rowBreaks>`
      : "")
  );
}

function cellXml(ref: string, cell: XlsxCell, ctx: SheetContext, fail: (what: string) => never): string {
  const s = ctx.styles.cellStyle(cell.style);
  const style = s ? ` s="${s}"` : "";
  const value = cell.value ?? null;
  if (typeof value === "number" && !Number.isFinite(value)) fail(`${ref}: 数值无效 / not a finite number: ${value}`);
  if (typeof value === "string" && value.length > MAX_CELL_TEXT) {
    fail(`${ref}: 文本超过 ${MAX_CELL_TEXT} 字符 / text longer than ${MAX_CELL_TEXT} characters`);
  }
  if (cell.formula !== undefined) {
    const formula = cell.formula.replace(/^=/, "");
    if (!formula.trim()) fail(`${ref}: 公式为空 / empty formula`);
    const f = `<f>${escapeText(formula)}</f>`;
    if (value === null) return `<c r="${ref}"${style}>${f}</c>`;
    if (typeof value === "number") return `<c r="${ref}"${style}>${f}<v>${value}</v></c>`;
    if (typeof value === "boolean") return `<c r="${ref}"${style} t="b">${f}<v>${value ? 1 : 0}</v></c>`;
    return `<c r="${ref}"${style} t="str">${f}<v>${escapeXstring(value)}</v></c>`;
  }
  if (value === null) return `<c r="${ref}"${style}/>`;
  if (typeof value === "number") return `<c r="${ref}"${style}><v>${value}</v></c>`;
  if (typeof value === "boolean") return `<c r="${ref}"${style} t="b"><v>${value ? 1 : 0}</v></c>`;
  return `<c r="${ref}"${style} t="s"><v>${ctx.sharedStrings.add(value)}</v></c>`;
}

function mergeCells(merges: string[], fail: (what: string) => never): string {
  const ranges: CellRange[] = [];
  for (const m of merges) {
    const range = guard(() => parseRange(m), fail);
    if (range.start.row === range.end.row && range.start.col === range.end.col) fail(`合并区域只有一个单元格 / single-cell merge: ${m}`);
    if (ranges.some((other) => rangesOverlap(other, range))) fail(`合并区域重叠 / overlapping merge: ${m}`);
    ranges.push(range);
  }
  return `<mergeCells count="${ranges.length}">${ranges.map((r) => `<mergeCell ref="${toRange(r)}"/>`).join("")}</mergeCells>`;
}

function conditionalFormatting(cf: XlsxConditionalFormat, index: number, styles: StyleRegistry, fail: (what: string) => never): string {
  const sqref = sqrefOf(cf.range, fail);
  const dxfId = styles.differentialStyle(cf.fill, cf.fontColor);
  return (
    `<conditionalFormatting sqref="${sqref}">` +
    `<cfRule type="expression" dxfId="${dxfId}" priority="${cf.priority ?? index + 1}">` +
    `<formula>${escapeText(cf.formula.replace(/^=/, ""))}</formula></cfRule></conditionalFormatting>`
  );
}

function dataValidations(list: XlsxDataValidation[], fail: (what: string) => never): string {
  const out = list.map((dv) => {
    const what = `数据验证 / data validation ${dv.range}`;
    const limit = (field: "errorTitle" | "promptTitle" | "error" | "prompt", max: number) => {
      const text = dv[field];
      if (text !== undefined && text.length > max) fail(`${what}: ${field} 超过 ${max} 字符 / longer than ${max} characters`);
      return text === undefined ? "" : ` ${field}="${escapeAttr(text)}"`;
    };
    if (dv.formula1 === undefined) fail(`${what}: 缺少 formula1 / formula1 is required`);
    if (dv.type === "list" && dv.formula1.startsWith('"') && dv.formula1.length > 257) {
      fail(`${what}: 列表超过 255 字符 / list longer than 255 characters`);
    }
    const ranged = dv.type !== "list" && dv.type !== "custom";
    if (ranged && /^(between|notBetween)$/.test(dv.operator ?? "between") && dv.formula2 === undefined) {
      fail(`${what}: ${dv.operator ?? "between"} 需要 formula2 / needs formula2`);
    }
    const formula = (tag: string, f: string | undefined) => (f === undefined ? "" : `<${tag}>${escapeText(f.replace(/^=/, ""))}</${tag}>`);
    return (
      `<dataValidation type="${dv.type}"` +
      (dv.operator && ranged ? ` operator="${dv.operator}"` : "") +
      (dv.allowBlank === false ? "" : ' allowBlank="1"') +
      ' showInputMessage="1" showErrorMessage="1"' +
      limit("errorTitle", 32) +
      limit("error", 255) +
      limit("promptTitle", 32) +
      limit("prompt", 255) +
      ` sqref="${sqrefOf(dv.range, fail)}">` +
      formula("formula1", dv.formula1) +
      formula("formula2", dv.formula2) +
      "</dataValidation>"
    );
  });
  return `<dataValidations count="${out.length}">${out.join("")}</dataValidations>`;
}

/** Validates 'C7:C18 E7' and returns it normalised. */
function sqrefOf(range: string, fail: (what: string) => never): string {
  const parts = range.trim().split(/\s+/);
  return parts.map((p) => toRange(guard(() => parseRange(p), fail))).join(" ");
}

function numberMap(record: Record<number, number> | undefined, field: string, fail: (what: string) => never): Map<number, number> {
  const map = new Map<number, number>();
  for (const [key, value] of Object.entries(record ?? {})) {
    const index = Number(key);
    if (!Number.isInteger(index) || index < 0) fail(`${field}: 索引无效 / invalid index "${key}"`);
    map.set(index, value);
  }
  return map;
}

/** Runs an address helper, turning its RangeError into the sheet's XlsxWriteError. */
function guard<T>(fn: () => T, fail: (what: string) => never): T {
  try {
    return fn();
  } catch (e) {
    return fail(e instanceof Error ? e.message : String(e));
  }
}
