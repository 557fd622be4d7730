import { constants, deflateRawSync } from "node:zlib";
import { strFromU8, strToU8, unzipSync, zipSync } from "fflate";

// Hostile .xlsx files, generated (never stored): zip bombs of several shapes, XML nested without
// end, a sheet of a million rows. A 1.2 GB part costs about 1.2 MB of zip and no time to make:
// deflate blocks of zeros are made once and repeated.

const MiB = 2 ** 20;

/** Raw deflate of `mebibytes` MiB of one byte: one sync-flushed MiB repeated, then an empty final block. */
function deflatedRun(mebibytes: number, byte = 0x20): Uint8Array {
  const block = deflateRawSync(new Uint8Array(MiB).fill(byte), { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const out = new Uint8Array(block.length * mebibytes + 2);
  for (let index = 0; index < mebibytes; index++) out.set(block, index * block.length);
  out.set([0x03, 0x00], block.length * mebibytes);
  return out;
}

interface ZipEntry {
  name: string;
  /** Raw deflate data. */
  deflated: Uint8Array;
  /** What the headers declare; a bomb may understate it. */
  declaredSize: number;
}

/** A zip archive written by hand, so that entries can hold any deflate stream and declare any size. */
function zipOf(entries: ZipEntry[]): Uint8Array {
  const locals: Uint8Array[] = [];
  const centrals: Uint8Array[] = [];
  let offset = 0;
  for (const entry of entries) {
    const name = strToU8(entry.name);
    const header = (signature: number, central: boolean) => {
      const bytes = new Uint8Array((central ? 46 : 30) + name.length);
      const view = new DataView(bytes.buffer);
      view.setUint32(0, signature, true);
      let at = 4;
      if (central) view.setUint16((at += 2) - 2, 20, true); // version made by
      view.setUint16(at, 20, true); // version needed
      view.setUint16(at + 4, 8, true); // deflate
      view.setUint32(at + 10, 0, true); // CRC-32: not checked by a reader that stops early
      view.setUint32(at + 14, entry.deflated.length, true);
      view.setUint32(at + 18, Math.min(entry.declaredSize, 0xffffffff), true);
      view.setUint16(at + 22, name.length, true);
      if (central) view.setUint32(42, offset, true);
      bytes.set(name, central ? 46 : 30);
      return bytes;
    };
    const local = header(0x04034b50, false);
    locals.push(local, entry.deflated);
    centrals.push(header(0x02014b50, true));
    offset += local.length + entry.deflated.length;
  }
  const centralSize = centrals.reduce((sum, bytes) => sum + bytes.length, 0);
  const end = new Uint8Array(22);
  const view = new DataView(end.buffer);
  view.setUint32(0, 0x06054b50, true);
  view.setUint16(8, entries.length, true);
  view.setUint16(10, entries.length, true);
  view.setUint32(12, centralSize, true);
  view.setUint32(16, offset, true);
  const parts = [...locals, ...centrals, end];
  const out = new Uint8Array(parts.reduce((sum, bytes) => sum + bytes.length, 0));
  let at = 0;
  for (const bytes of parts) {
    out.set(bytes, at);
    at += bytes.length;
  }
  return out;
}

/** `parts` XML parts of `mebibytes` MiB each, declaring their size honestly or as 1 KiB. */
export function zipBomb(options: { parts: number; mebibytes: number; understate?: boolean }): Uint8Array {
  const deflated = deflatedRun(options.mebibytes);
  return zipOf(
    Array.from({ length: options.parts }, (_, index) => ({
      name: `xl/worksheets/sheet${index + 1}.xml`,
      deflated,
      declaredSize: options.understate ? 1024 : options.mebibytes * MiB,
    })),
  );
}

/** A workbook with one part replaced (by sheet name, through workbook.xml and its relationships). */
export function withSheetXml(workbook: Uint8Array, sheetName: string, xml: (original: string) => string): Uint8Array {
  const files = unzipSync(workbook);
  const book = strFromU8(files["xl/workbook.xml"]!);
  const relId = new RegExp(`<sheet [^>]*name="${sheetName}"[^>]*r:id="([^"]+)"`).exec(book)?.[1];
  const rels = strFromU8(files["xl/_rels/workbook.xml.rels"]!);
  const target =
    new RegExp(`<Relationship [^>]*Id="${relId}"[^>]*Target="([^"]+)"`).exec(rels)?.[1] ??
    new RegExp(`<Relationship [^>]*Target="([^"]+)"[^>]*Id="${relId}"`).exec(rels)?.[1];
  if (!target) throw new Error(`no sheet ${sheetName}`);
  const path = target.startsWith("/") ? target.slice(1) : `xl/${target}`;
  files[path] = strToU8(xml(strFromU8(files[path]!)));
  return zipSync(files, { level: 1 });
}

/** A sheet's XML with `count` more rows after its own, from row `from` (1-based): empty, or each with a text cell. */
export function appendRows(xml: string, from: number, count: number, filled: boolean): string {
  const rows: string[] = [];
  for (let row = from; row < from + count; row++)
    rows.push(filled ? `<row r="${row}"><c r="A${row}" t="inlineStr"><is><t>x</t></is></c></row>` : `<row r="${row}"/>`);
  return xml.replace("</sheetData>", `${rows.join("")}</sheetData>`).replace("<sheetData/>", `<sheetData>${rows.join("")}</sheetData>`);
}

/** A sheet's XML with `depth` elements nested inside its first cell's value. */
export function nestDeep(xml: string, depth: number): string {
  return xml.replace("</sheetData>", `</sheetData>${"<x>".repeat(depth)}${"</x>".repeat(depth)}`);
}

/** A workbook whose part at `path` is replaced by `mebibytes` MiB of `pattern` repeated, declared as 1 KiB: a zip bomb a reader reaches only through the workbook's own parts. */
export function withBombPart(workbook: Uint8Array, path: string, mebibytes: number, pattern: string): Uint8Array {
  const unit = strToU8(pattern.repeat(Math.ceil(MiB / pattern.length)).slice(0, MiB));
  const block = deflateRawSync(unit, { level: 9, finishFlush: constants.Z_SYNC_FLUSH });
  const bomb = new Uint8Array(block.length * mebibytes + 2);
  for (let index = 0; index < mebibytes; index++) bomb.set(block, index * block.length);
  bomb.set([0x03, 0x00], block.length * mebibytes);
  const entries = Object.entries(unzipSync(workbook)).map(([name, data]) =>
    name === path ? { name, deflated: bomb, declaredSize: 1024 } : { name, deflated: deflateRawSync(data), declaredSize: data.length },
  );
  return zipOf(entries);
}
