// Reads the values, formulas and visibility out of .xlsx bytes, written by this library or by
// Excel, LibreOffice, WPS, ExcelJS, SheetJS…: parts are found through the relationships,
// namespace prefixes are ignored, and cells without an `r` address are placed by counting.

import { Unzip, UnzipInflate, UnzipPassThrough, strFromU8 } from "fflate";
import { parseA1, toA1 } from "./cell-address.ts";
import { shiftFormula } from "./formula-shift.ts";
import { XlsxReadError } from "./model.ts";
import type { XlsxReadCell, XlsxReadSheet, XlsxReadWorkbook, XlsxValue } from "./model.ts";
import { XmlDepthError, decodeXstring, parseXml } from "./xml-parse.ts";
import type { XmlAttrs, XmlHandler } from "./xml-parse.ts";

export const NOT_XLSX = "不是有效的 .xlsx 文件 / not a valid .xlsx file";

/**
 * What the reader reads at most, so that a hostile file (a zip bomb, a sheet of a million rows,
 * XML nested without end) is refused quickly and in bounded memory. A filled 323 workbook at every
 * bound of the API (200 list rows, every text at 2,000 characters) inflates to under 10 MB.
 */
export interface XlsxReadLimits {
  /** All XML parts together, inflated. */
  totalBytes: number;
  /** One XML part, inflated. */
  partBytes: number;
  /** Zip entries of any kind. */
  entries: number;
  /** Elements nested in one another. */
  xmlDepth: number;
  /** Worksheet rows: a value beyond this row is refused; empty rows beyond it are not kept. */
  rows: number;
}

export const XLSX_READ_LIMITS: XlsxReadLimits = { totalBytes: 64 * 2 ** 20, partBytes: 32 * 2 ** 20, entries: 1_000, xmlDepth: 64, rows: 1_048_576 };

/** A file refused because it goes past one of the reader's limits; the message names the limit. */
export class XlsxLimitError extends XlsxReadError {
  override name = "XlsxLimitError";
  constructor(
    readonly messageZh: string,
    readonly messageEn: string,
  ) {
    super(`${messageZh} / ${messageEn}`);
  }
}

const MiB = (bytes: number) => `${Math.round(bytes / 2 ** 20)} MiB`;

/** Refuses a part whose inflated bytes so far (`partBytes`, and all parts' `totalBytes`) are past the limits. */
export function checkInflated(name: string, partBytes: number, totalBytes: number, limit: XlsxReadLimits): void {
  if (partBytes > limit.partBytes)
    throw new XlsxLimitError(`部件 ${name} 解压后超过 ${MiB(limit.partBytes)}`, `part ${name} inflates past ${MiB(limit.partBytes)}`);
  if (totalBytes > limit.totalBytes)
    throw new XlsxLimitError(`解压后总量超过 ${MiB(limit.totalBytes)}`, `the parts inflate past ${MiB(limit.totalBytes)} in all`);
}

/** The archive's own checks, before anything is inflated: a zip, not larger than the limit. */
export function checkArchive(bytes: Uint8Array, limit: XlsxReadLimits): void {
  const isZip = bytes.length >= 4 && bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 3 && bytes[3] === 4;
  if (!isZip) throw new XlsxReadError(`${NOT_XLSX}: 不是 zip 压缩包 / not a zip archive`);
  if (bytes.length > limit.totalBytes) throw new XlsxLimitError(`文件超过 ${MiB(limit.totalBytes)}`, `the file is larger than ${MiB(limit.totalBytes)}`);
}

export const tooManyEntries = (limit: XlsxReadLimits) =>
  new XlsxLimitError(`压缩包内文件超过 ${limit.entries} 个`, `more than ${limit.entries} entries in the archive`);

export const damagedZip = (why: string) => new XlsxReadError(`${NOT_XLSX}: zip 压缩包已损坏 / damaged zip archive (${why})`);
/** Zip input is fed to the inflater in slices this big, so no one step inflates more than about a thousand times it. */
const SLICE_BYTES = 16 * 1024;

type Parts = Map<string, Uint8Array>;

interface Relationship {
  type: string;
  /** Resolved part path, without a leading '/'. */
  target: string;
}

export function readXlsx(bytes: Uint8Array, limits: Partial<XlsxReadLimits> = {}): XlsxReadWorkbook {
  const limit = { ...XLSX_READ_LIMITS, ...limits };
  const parts = unzip(bytes, limit);
  const parse = <T>(path: string, required: boolean, makeHandler: () => XmlHandler & { result(): T }) =>
    parsePart(parts.get(path.toLowerCase()), path, required, makeHandler, limit.xmlDepth);
  const rootRels = readRels(parse, "");
  const workbookPath = [...rootRels.values()].find((r) => r.type.endsWith("/officeDocument"))?.target ?? "xl/workbook.xml";
  const workbookRels = readRels(parse, workbookPath);
  const sheetEntries = parse(workbookPath, true, workbookSheets)!;
  const sharedStringsPath = [...workbookRels.values()].find((r) => r.type.endsWith("/sharedStrings"))?.target ?? "xl/sharedStrings.xml";
  const sharedStrings = parse(sharedStringsPath, false, sharedStringTable) ?? [];
  const sharedString = (index: number) => sharedStrings[index];

  const sheets = sheetEntries.map(({ name, state, relId }): XlsxReadSheet => {
    const path = workbookRels.get(relId)?.target;
    if (path === undefined) {
      throw new XlsxReadError(`${NOT_XLSX}: 工作表 "${name}" 没有对应的部件 / sheet "${name}" has no part`);
    }
    const content = parse(path, true, () => worksheet(sharedString, name, limit.rows))!;
    return { name, state, ...content };
  });
  return { sheets };
}

/**
 * The XML parts of the archive, inflated piece by piece and counted as they come: reading stops
 * at the first byte past a limit, whatever sizes the archive declares. Other parts (images…) are not inflated.
 */
function unzip(bytes: Uint8Array, limit: XlsxReadLimits): Parts {
  checkArchive(bytes, limit);
  const parts: Parts = new Map();
  let totalBytes = 0;
  let entries = 0;
  let unfinished = 0;
  const unzipper = new Unzip((file) => {
    if (++entries > limit.entries) throw tooManyEntries(limit);
    if (!/\.(xml|rels)$/i.test(file.name)) return;
    const chunks: Uint8Array[] = [];
    let partBytes = 0;
    unfinished++;
    file.ondata = (error, data, final) => {
      if (error) throw error;
      partBytes += data.length;
      totalBytes += data.length;
      checkInflated(file.name, partBytes, totalBytes, limit);
      chunks.push(data);
      // Part names are case-insensitive (OPC); a few writers use backslashes.
      if (!final) return;
      parts.set(file.name.replace(/\\/g, "/").toLowerCase(), concat(chunks, partBytes));
      unfinished--;
    };
    file.start();
  });
  unzipper.register(UnzipInflate);
  unzipper.register(UnzipPassThrough);
  try {
    for (let offset = 0; offset < bytes.length; offset += SLICE_BYTES) {
      const end = Math.min(offset + SLICE_BYTES, bytes.length);
      unzipper.push(bytes.subarray(offset, end), end === bytes.length);
    }
  } catch (e) {
    if (e instanceof XlsxReadError) throw e;
    throw damagedZip((e as Error).message);
  }
  if (entries === 0 || unfinished > 0) throw damagedZip("truncated");
  return parts;
}

function concat(chunks: Uint8Array[], length: number): Uint8Array {
  if (chunks.length === 1) return chunks[0]!;
  const joined = new Uint8Array(length);
  let offset = 0;
  for (const chunk of chunks) {
    joined.set(chunk, offset);
    offset += chunk.length;
  }
  return joined;
}

export type PartParser = <T>(path: string, required: boolean, makeHandler: () => XmlHandler & { result(): T }) => T | undefined;

/** Parses a part (`data`, inflated) with a handler built by `makeHandler`; undefined when an optional part is missing. */
export function parsePart<T>(
  data: Uint8Array | undefined,
  path: string,
  required: boolean,
  makeHandler: () => XmlHandler & { result(): T },
  maxDepth: number,
): T | undefined {
  if (!data) {
    if (!required) return undefined;
    throw new XlsxReadError(`${NOT_XLSX}: 缺少 ${path} / missing part ${path}`);
  }
  const handler = makeHandler();
  parsingPart(path, maxDepth, () => parseXml(strFromU8(data), handler, maxDepth));
  return handler.result();
}

/** Runs `parse` (of the part at `path`), its XML errors told as the reader tells them: the depth limit, or the part that cannot be parsed. */
export function parsingPart<T>(path: string, maxDepth: number, parse: () => T): T {
  try {
    return parse();
  } catch (e) {
    if (e instanceof XlsxReadError) throw e;
    if (e instanceof XmlDepthError) throw new XlsxLimitError(`${path} 的 XML 嵌套超过 ${maxDepth} 层`, `XML in ${path} nests deeper than ${maxDepth} levels`);
    throw new XlsxReadError(`${NOT_XLSX}: ${path} 无法解析 / cannot parse ${path} (${(e as Error).message})`);
  }
}

/** The relationships of a part (from its `_rels/<name>.rels`), keyed by id. */
export function readRels(parse: PartParser, source: string): Map<string, Relationship> {
  const slash = source.lastIndexOf("/");
  const dir = source.slice(0, slash + 1);
  const relsPath = `${dir}_rels/${source.slice(slash + 1)}.rels`;
  const rels = new Map<string, Relationship>();
  return (
    parse(relsPath, false, () => ({
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

export function workbookSheets() {
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

function sharedStringTable() {
  const strings: string[] = [];
  return { ...sharedStringHandler((text) => strings.push(text)), result: () => strings };
}

/** xl/sharedStrings.xml, each string handed to `add` in order: each <si> is plain (<t>) or rich text (<r><t>); phonetic runs (<rPh>) are not part of the text. */
export function sharedStringHandler(add: (text: string) => void): XmlHandler {
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
      if (name === "si") add(decodeXstring(text));
      else if (name === "rPh") inPhonetic = false;
      else if (name === "t") capture = false;
    },
    text(s: string) {
      if (capture) text += s;
    },
  };
}

const CANONICAL_A1 = /^[A-Z]+[0-9]+$/;
const isTrue = (v: string | undefined) => v === "1" || v === "true";

/** Where a worksheet's cells go as they are read: by default the map of `result()`; a streaming reader takes each one instead (shared formulas then stay unresolved). */
export type CellSink = (cell: XlsxReadCell, row: number, col: number) => void;

/** A worksheet part: cells (values and formulas), hidden rows and columns. */
export function worksheet(sharedString: (index: number) => string | undefined, sheetName: string, maxRows: number, sink?: CellSink) {
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
        const s = sharedString(Number(v));
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
    if (row >= maxRows) {
      throw new XlsxLimitError(
        `工作表“${sheetName}”第 ${row + 1} 行有内容，超出读取上限 ${maxRows} 行`,
        `sheet “${sheetName}” has content in row ${row + 1}, beyond the reader's limit of ${maxRows} rows`,
      );
    }
    const cell: XlsxReadCell = { value };
    if (sink) {
      if (f !== undefined) cell.formula = f;
      sink(cell, row, col);
      return;
    }
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
