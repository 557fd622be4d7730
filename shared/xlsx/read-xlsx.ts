// Reads the values, formulas and visibility out of .xlsx bytes, written by this library or by
// Excel, LibreOffice, WPS, ExcelJS, SheetJS…: parts are found through the relationships,
// namespace prefixes are ignored, and cells without an `r` address are placed by counting.

import { strFromU8, unzipSync } from "fflate";
import { parseA1, toA1 } from "./cell-address.ts";
import { shiftFormula } from "./formula-shift.ts";
import { XlsxReadError } from "./model.ts";
import type { XlsxReadCell, XlsxReadSheet, XlsxReadWorkbook, XlsxValue } from "./model.ts";
import { decodeXstring, parseXml } from "./xml-parse.ts";
import type { XmlAttrs, XmlHandler } from "./xml-parse.ts";

const NOT_XLSX = "不是有效的 .xlsx 文件 / not a valid .xlsx file";

type Parts = Map<string, Uint8Array>;

interface Relationship {
  type: string;
  /** Resolved part path, without a leading '/'. */
  target: string;
}

export function readXlsx(bytes: Uint8Array): XlsxReadWorkbook {
  const parts = unzip(bytes);
  const rootRels = readRels(parts, "");
  const workbookPath =
    [...rootRels.values()].find((r) => r.type.endsWith("/officeDocument"))?.target ?? "xl/workbook.xml";
  const workbookRels = readRels(parts, workbookPath);
  const sheetEntries = parsePart(parts, workbookPath, true, workbookSheets)!;
  const sharedStringsPath =
    [...workbookRels.values()].find((r) => r.type.endsWith("/sharedStrings"))?.target ?? "xl/sharedStrings.xml";
  const sharedStrings = parsePart(parts, sharedStringsPath, false, sharedStringTable) ?? [];

  const sheets = sheetEntries.map(({ name, state, relId }): XlsxReadSheet => {
    const path = workbookRels.get(relId)?.target;
    if (path === undefined) {
      throw new XlsxReadError(`${NOT_XLSX}: 工作表 "${name}" 没有对应的部件 / sheet "${name}" has no part`);
    }
    const content = parsePart(parts, path, true, () => worksheet(sharedStrings))!;
    return { name, state, ...content };
  });
  return { sheets };
}

function unzip(bytes: Uint8Array): Parts {
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
  if (!isZip) throw new XlsxReadError(`${NOT_XLSX}: 不是 zip 压缩包 / not a zip archive`);
  let files: Record<string, Uint8Array>;
  try {
    // Only XML parts are needed; images and other media are not even inflated.
    files = unzipSync(bytes, { filter: (f) => /\.(xml|rels)$/i.test(f.name) });
  } catch (e) {
    throw new XlsxReadError(`${NOT_XLSX}: zip 压缩包已损坏 / damaged zip archive (${(e as Error).message})`);
  }
  // Part names are case-insensitive (OPC); a few writers use backslashes.
  const parts: Parts = new Map();
  for (const [name, data] of Object.entries(files)) parts.set(name.replace(/\\/g, "/").toLowerCase(), data);
  return parts;
}

/** Parses a part with a handler built by `makeHandler`; undefined when an optional part is missing. */
function parsePart<T>(
  parts: Parts,
  path: string,
  required: boolean,
  makeHandler: () => XmlHandler & { result(): T },
): T | undefined {
  const data = parts.get(path.toLowerCase());
  if (!data) {
    if (!required) return undefined;
    throw new XlsxReadError(`${NOT_XLSX}: 缺少 ${path} / missing part ${path}`);
  }
  const handler = makeHandler();
  try {
    parseXml(strFromU8(data), handler);
  } catch (e) {
    if (e instanceof XlsxReadError) throw e;
    throw new XlsxReadError(`${NOT_XLSX}: ${path} 无法解析 / cannot parse ${path} (${(e as Error).message})`);
  }
  return handler.result();
}

/** The relationships of a part (from its `_rels/<name>.rels`), keyed by id. */
function readRels(parts: Parts, source: string): Map<string, Relationship> {
  const slash = source.lastIndexOf("/");
  const dir = source.slice(0, slash + 1);
  const relsPath = `${dir}_rels/${source.slice(slash + 1)}.rels`;
  const rels = new Map<string, Relationship>();
  return (
    parsePart(parts, relsPath, false, () => ({
      open(name, a) {
        if (name === "Relationship" && a.Id && a.Type && a.Target && a.TargetMode !== "External") {
          rels.set(a.Id, { type: a.Type, target: resolvePath(dir, a.Target) });
        }
      },
      close() {},
      text() {},
      result: () => rels,
    })) ?? rels
  );
}

/** Resolves a relationship target against the source part's folder. */
function resolvePath(dir: string, target: string): string {
  const segments = target.startsWith("/") ? [] : dir.split("/").filter(Boolean);
  for (const segment of target.split("/")) {
    if (segment === "..") segments.pop();
    else if (segment !== "." && segment !== "") segments.push(segment);
  }
  return segments.join("/");
}

interface SheetEntry {
  name: string;
  state: XlsxReadSheet["state"];
  relId: string;
}

function workbookSheets() {
  const sheets: SheetEntry[] = [];
  let inSheets = false;
  return {
    open(name: string, a: XmlAttrs) {
      if (name === "sheets") inSheets = true;
      else if (name === "sheet" && inSheets) {
        const state = a.state === "hidden" || a.state === "veryHidden" ? a.state : "visible";
        sheets.push({ name: a.name ?? "", state, relId: a.id ?? "" });
      }
    },
    close(name: string) {
      if (name === "sheets") inSheets = false;
    },
    text() {},
    result: () => sheets,
  };
}

/** xl/sharedStrings.xml: each <si> is plain (<t>) or rich text (<r><t>); phonetic runs (<rPh>) are not part of the text. */
function sharedStringTable() {
  const strings: string[] = [];
  let text = "";
  let inPhonetic = false;
  let capture = false;
  return {
    open(name: string) {
      if (name === "si") text = "";
      else if (name === "rPh") inPhonetic = true;
      else if (name === "t") capture = !inPhonetic;
    },
    close(name: string) {
      if (name === "si") strings.push(decodeXstring(text));
      else if (name === "rPh") inPhonetic = false;
      else if (name === "t") capture = false;
    },
    text(s: string) {
      if (capture) text += s;
    },
    result: () => strings,
  };
}

const CANONICAL_A1 = /^[A-Z]+[0-9]+$/;
const isTrue = (v: string | undefined) => v === "1" || v === "true";

/** A worksheet part: cells (values and formulas), hidden rows and columns. */
function worksheet(sharedStrings: string[]) {
  const cells = new Map<string, XlsxReadCell>();
  const hiddenRows = new Set<number>();
  const hiddenColumns = new Set<number>();
  // Shared formulas: masters by group id, dependents resolved at the end.
  const masters = new Map<string, { formula: string; row: number; col: number }>();
  const dependents: { cell: XlsxReadCell; si: string; row: number; col: number }[] = [];

  let row = -1;
  let col = -1;
  // The cell being read.
  let ref = ""; // the cell's address, as the map key
  let type = "n";
  let v: string | undefined;
  let f: string | undefined;
  let sharedId: string | undefined; // si of a shared formula
  let inline: string | undefined;
  let inPhonetic = false;
  let capture: "v" | "f" | "t" | null = null;
  let text = "";

  function endCell(): void {
    let value: XlsxValue = null;
    switch (type) {
      case "s": {
        if (v === undefined) break;
        const s = sharedStrings[Number(v)];
        if (s === undefined) {
          throw new XlsxReadError(`${NOT_XLSX}: ${ref} 共享字符串索引无效 / bad shared string index ${v}`);
        }
        value = s;
        break;
      }
      case "inlineStr":
        value = inline === undefined ? null : decodeXstring(inline);
        break;
      case "str":
        value = v === undefined ? null : decodeXstring(v);
        break;
      case "b":
        value = v === undefined ? null : isTrue(v.trim());
        break;
      case "e": // error: the error text, e.g. '#DIV/0!'
      case "d": // ISO 8601 date: kept as written
        value = v ?? null;
        break;
      default: {
        if (!v) break;
        const n = Number(v); // tolerates surrounding whitespace
        value = Number.isNaN(n) ? v : n;
      }
    }
    if (value === null && f === undefined) return;
    const cell: XlsxReadCell = { value };
    if (f !== undefined) {
      if (sharedId !== undefined && f === "") dependents.push({ cell, si: sharedId, row, col });
      else if (sharedId !== undefined) masters.set(sharedId, { formula: f, row, col });
      cell.formula = f;
    }
    cells.set(ref, cell);
  }

  return {
    open(name: string, a: XmlAttrs) {
      switch (name) {
        case "row":
          row = a.r ? Number(a.r) - 1 : row + 1;
          col = -1;
          if (isTrue(a.hidden)) hiddenRows.add(row);
          break;
        case "c":
          if (a.r) {
            ({ row, col } = parseA1(a.r));
            // Reuse the written address unless it needs normalising ('$A$1', 'a1').
            ref = CANONICAL_A1.test(a.r) ? a.r : toA1(row, col);
          } else ref = toA1(row, ++col);
          type = a.t ?? "n";
          v = f = inline = undefined;
          sharedId = undefined;
          break;
        case "v":
        case "f":
          capture = name;
          text = "";
          if (name === "f") sharedId = a.t === "shared" ? a.si : undefined;
          break;
        case "is":
          inline = "";
          break;
        case "rPh":
          inPhonetic = true;
          break;
        case "t":
          if (inline !== undefined && !inPhonetic) {
            capture = "t";
            text = "";
          }
          break;
        case "col":
          if (isTrue(a.hidden)) {
            const max = Math.min(Number(a.max ?? a.min), 16_384);
            for (let c = Number(a.min) - 1; c < max; c++) hiddenColumns.add(c);
          }
          break;
      }
    },
    close(name: string) {
      if (name === "c") endCell();
      else if (name === "rPh") inPhonetic = false;
      else if (capture === name) {
        if (name === "v") v = text;
        else if (name === "f") f = text;
        else inline += text;
        capture = null;
      }
    },
    text(s: string) {
      if (capture) text += s;
    },
    result() {
      for (const d of dependents) {
        const master = masters.get(d.si);
        d.cell.formula = master ? shiftFormula(master.formula, d.row - master.row, d.col - master.col) : "";
      }
      const ascending = (set: Set<number>) => [...set].sort((a, b) => a - b);
      return { cells, hiddenRows: ascending(hiddenRows), hiddenColumns: ascending(hiddenColumns) };
    },
  };
}
