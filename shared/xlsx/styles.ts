// styles.xml for the writer: cell styles (cellXfs) and conditional-format styles (dxfs) are
// registered while the sheets are written, deduplicated, and rendered at the end.
// cellXfs index 0 is always the default style, so unstyled cells need no `s` attribute.

import { InternPool } from "./intern-pool.ts";
import { XlsxWriteError } from "./model.ts";
import type { XlsxStyle } from "./model.ts";
import { escapeAttr } from "./xml-escape.ts";

// Number formats Excel knows by id; any other code gets a custom id from 164 up.
const BUILTIN_NUMBER_FORMATS: Record<string, number> = {
  General: 0,
  "0": 1,
  "0.00": 2,
  "#,##0": 3,
  "#,##0.00": 4,
  "0%": 9,
  "0.00%": 10,
  "0.00E+00": 11,
  "@": 49,
};

/** 'RRGGBB' → 'FFRRGGBB' (opaque ARGB, as Excel writes it). */
function argb(color: string): string {
  if (!/^[0-9A-Fa-f]{6}$/.test(color)) {
    throw new XlsxWriteError(`颜色应为 RRGGBB / colour must be 'RRGGBB': "${color}"`);
  }
  return "FF" + color.toUpperCase();
}

export class StyleRegistry {
  private readonly numFmts = new Map<string, number>();
  private readonly fonts: InternPool;
  private readonly fills = new InternPool([
    '<fill><patternFill patternType="none"/></fill>',
    '<fill><patternFill patternType="gray125"/></fill>', // required as fill 1 by Excel
  ]);
  private readonly borders = new InternPool(["<border><left/><right/><top/><bottom/><diagonal/></border>"]);
  private readonly xfs: InternPool;
  private readonly dxfs = new InternPool();

  constructor(private readonly font: { name: string; size: number }) {
    this.fonts = new InternPool([this.fontXml(false, undefined)]);
    this.xfs = new InternPool(['<xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>']);
  }

  /** Style objects are shared by many cells and never changed: each is turned into XML once. */
  private readonly indexByStyle = new WeakMap<XlsxStyle, number>();

  /** The cellXfs index for a style; 0 for none or one equal to the default. */
  cellStyle(style: XlsxStyle | undefined): number {
    if (!style) return 0;
    let index = this.indexByStyle.get(style);
    if (index === undefined) this.indexByStyle.set(style, (index = this.styleIndex(style)));
    return index;
  }

  private styleIndex(style: XlsxStyle): number {
    const numFmtId = this.numFmtId(style.numberFormat);
    const fontId = this.fonts.add(this.fontXml(style.bold === true, style.fontColor));
    const fillId = style.fill
      ? this.fills.add(`<fill><patternFill patternType="solid"><fgColor rgb="${argb(style.fill)}"/><bgColor indexed="64"/></patternFill></fill>`)
      : 0;
    const borderId = style.border
      ? this.borders.add(
          "<border>" + ["left", "right", "top", "bottom"].map((side) => `<${side} style="thin"><color auto="1"/></${side}>`).join("") + "<diagonal/></border>",
        )
      : 0;
    const alignment =
      style.horizontal || style.wrap ? `<alignment${style.horizontal ? ` horizontal="${style.horizontal}"` : ""}${style.wrap ? ' wrapText="1"' : ""}/>` : "";
    const protection = style.locked === false ? '<protection locked="0"/>' : "";
    if (numFmtId === 0 && fontId === 0 && fillId === 0 && borderId === 0 && !alignment && !protection) return 0;
    const applies =
      (numFmtId ? ' applyNumberFormat="1"' : "") +
      (fontId ? ' applyFont="1"' : "") +
      (fillId ? ' applyFill="1"' : "") +
      (borderId ? ' applyBorder="1"' : "") +
      (alignment ? ' applyAlignment="1"' : "") +
      (protection ? ' applyProtection="1"' : "");
    const attrs = `numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applies}`;
    return this.xfs.add(alignment || protection ? `<xf ${attrs}>${alignment}${protection}</xf>` : `<xf ${attrs}/>`);
  }

  /** The dxfs index for a conditional format's look. */
  differentialStyle(fill: string, fontColor: string | undefined): number {
    const font = fontColor ? `<font><color rgb="${argb(fontColor)}"/></font>` : "";
    return this.dxfs.add(`<dxf>${font}<fill><patternFill><bgColor rgb="${argb(fill)}"/></patternFill></fill></dxf>`);
  }

  toXml(): string {
    const list = (tag: string, items: string[]) => `<${tag} count="${items.length}">${items.join("")}</${tag}>`;
    const numFmts = [...this.numFmts].map(([code, id]) => `<numFmt numFmtId="${id}" formatCode="${escapeAttr(code)}"/>`);
    return (
      '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
      '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">' +
      (numFmts.length ? list("numFmts", numFmts) : "") +
      list("fonts", this.fonts.items) +
      list("fills", this.fills.items) +
      list("borders", this.borders.items) +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      list("cellXfs", this.xfs.items) +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      list("dxfs", this.dxfs.items) +
      '<tableStyles count="0"/>' +
      "</styleSheet>"
    );
  }

  private numFmtId(code: string | undefined): number {
    if (code === undefined) return 0;
    const builtin = BUILTIN_NUMBER_FORMATS[code];
    if (builtin !== undefined) return builtin;
    let id = this.numFmts.get(code);
    if (id === undefined) {
      id = 164 + this.numFmts.size;
      this.numFmts.set(code, id);
    }
    return id;
  }

  private fontXml(bold: boolean, color: string | undefined): string {
    return (
      "<font>" +
      (bold ? "<b/>" : "") +
      `<sz val="${this.font.size}"/>` +
      (color ? `<color rgb="${argb(color)}"/>` : "") +
      `<name val="${escapeAttr(this.font.name)}"/>` +
      "</font>"
    );
  }
}
