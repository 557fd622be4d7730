import { Inflate } from "fflate";
import { damagedZip } from "./read-xlsx.ts";

// An archive held whole (an upload within its byte limit) read entry by entry through its central
// directory: any part can be inflated first (a sheet's shared strings before the sheet, wherever the
// writer put them), and a part is inflated in pieces, never held whole.

export interface ZipEntry {
  /** As the archive names it. */
  name: string;
  /** 0 stored, 8 deflated. */
  method: number;
  /** Where the entry's local header begins. */
  localOffset: number;
  compressedSize: number;
}

const END_OF_DIRECTORY = 0x06054b50;
const DIRECTORY_ENTRY = 0x02014b50;
const LOCAL_HEADER = 0x04034b50;
/** The end-of-directory record (22 bytes) may be followed by a comment of up to 65,535. */
const END_SEARCH = 22 + 0xffff;

/** The central directory's entries, keyed by name as OPC compares them (case-insensitive, '/' for '\'); `maxEntries` bounds them. */
export function zipDirectory(bytes: Uint8Array, maxEntries: number, tooMany: () => Error): Map<string, ZipEntry> {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let end = bytes.length - 22;
  const lowest = Math.max(0, bytes.length - END_SEARCH);
  while (end >= lowest && view.getUint32(end, true) !== END_OF_DIRECTORY) end--;
  if (end < lowest) throw damagedZip("no central directory");
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  if (count === 0xffff || at === 0xffffffff) throw damagedZip("ZIP64 is not read");
  if (count > maxEntries) throw tooMany();
  const entries = new Map<string, ZipEntry>();
  const names = new TextDecoder();
  for (let index = 0; index < count; index++) {
    if (at + 46 > end || view.getUint32(at, true) !== DIRECTORY_ENTRY) throw damagedZip("central directory");
    const flags = view.getUint16(at + 8, true);
    const nameLength = view.getUint16(at + 28, true);
    const entry: ZipEntry = {
      name: names.decode(bytes.subarray(at + 46, at + 46 + nameLength)),
      method: view.getUint16(at + 10, true),
      compressedSize: view.getUint32(at + 20, true),
      localOffset: view.getUint32(at + 42, true),
    };
    if (flags & 1) throw damagedZip(`${entry.name} is encrypted`);
    entries.set(entry.name.replace(/\\/g, "/").toLowerCase(), entry);
    at += 46 + nameLength + view.getUint16(at + 30, true) + view.getUint16(at + 32, true);
  }
  return entries;
}

/** The entry's compressed bytes, after its local header (whose name and extra field may differ in length from the directory's). */
function compressedBytes(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const at = entry.localOffset;
  if (at + 30 > bytes.length || view.getUint32(at, true) !== LOCAL_HEADER) throw damagedZip(`${entry.name}: no local header`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + entry.compressedSize > bytes.length) throw damagedZip(`${entry.name}: truncated`);
  return bytes.subarray(start, start + entry.compressedSize);
}

/**
 * The entry inflated piece by piece: the compressed bytes are fed `sliceBytes` at a time, so one piece
 * is at most about a thousand times that (deflate's limit), whatever the archive declares.
 */
export function* inflatedPieces(bytes: Uint8Array, entry: ZipEntry, sliceBytes: number): Generator<Uint8Array> {
  const compressed = compressedBytes(bytes, entry);
  if (entry.method === 0) {
    for (let offset = 0; offset < compressed.length; offset += sliceBytes) yield compressed.subarray(offset, offset + sliceBytes);
    return;
  }
  if (entry.method !== 8) throw damagedZip(`${entry.name}: compression method ${entry.method}`);
  let pieces: Uint8Array[] = [];
  let ended = false;
  const inflater = new Inflate((piece, final) => {
    pieces.push(piece);
    ended ||= final;
  });
  for (let offset = 0; offset < compressed.length || offset === 0; offset += sliceBytes) {
    const last = offset + sliceBytes >= compressed.length;
    try {
      inflater.push(compressed.subarray(offset, offset + sliceBytes), last);
    } catch (error) {
      throw damagedZip(`${entry.name}: ${(error as Error).message}`);
    }
    const ready = pieces;
    pieces = [];
    yield* ready;
    if (last) break;
  }
  if (!ended) throw damagedZip(`${entry.name}: truncated`);
}
