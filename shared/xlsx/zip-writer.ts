// A zip archive written part by part, each part's text deflated in pieces as it is written, so that
// no part's whole text (a 100,000-row sheet is hundreds of MB of XML) is ever held: only the
// deflated bytes are kept until the archive is done. fflate's ZipDeflate deflates and sums the CRC;
// the container is written here because fflate's streaming Zip leaves a part's sizes out of its
// local header (a data descriptor follows the data), which streaming readers, ours among them, can
// only find by scanning the deflated bytes for a signature. Each local header here has its sizes.
// Output is deterministic: a fixed timestamp (the DOS epoch, 1980-01-01 00:00), parts in the order written.

import { ZipDeflate } from "fflate";

/** Text is encoded and handed to the deflater in pieces of about this many UTF-16 code units. */
const PIECE = 1 << 16;
const DOS_DATE_1980_01_01 = (1 << 5) | 1;
const encoder = new TextEncoder();

interface Entry {
  name: Uint8Array;
  crc: number;
  compressedSize: number;
  size: number;
  offset: number;
}

/** Receives a part's text in pieces, in order. */
export type PartWriter = (text: string) => void;

export class ZipWriter {
  private readonly chunks: Uint8Array[] = [];
  private readonly entries: Entry[] = [];
  private offset = 0;

  /** Adds the part `name` (ASCII): `build` writes its text through the writer it is given. */
  part(name: string, build: (write: PartWriter) => void): void {
    const deflated: Uint8Array[] = [];
    let compressedSize = 0;
    const file = new ZipDeflate(name, { level: 6 });
    file.ondata = (error, data) => {
      if (error) throw error;
      deflated.push(data);
      compressedSize += data.length;
    };
    let pending = "";
    build((text) => {
      pending += text;
      if (pending.length >= PIECE) {
        file.push(encoder.encode(pending));
        pending = "";
      }
    });
    file.push(encoder.encode(pending), true);
    const entry: Entry = { name: encoder.encode(name), crc: file.crc, compressedSize, size: file.size, offset: this.offset };
    this.entries.push(entry);
    this.append(header(entry, false));
    for (const chunk of deflated) this.append(chunk);
  }

  /** The archive: the parts, then the central directory. */
  finish(): Uint8Array {
    const directoryStart = this.offset;
    for (const entry of this.entries) this.append(header(entry, true));
    const end = new Uint8Array(22);
    const view = new DataView(end.buffer);
    view.setUint32(0, 0x06054b50, true);
    view.setUint16(8, this.entries.length, true);
    view.setUint16(10, this.entries.length, true);
    view.setUint32(12, this.offset - directoryStart, true);
    view.setUint32(16, directoryStart, true);
    this.append(end);
    const out = new Uint8Array(this.offset);
    let at = 0;
    for (const chunk of this.chunks) {
      out.set(chunk, at);
      at += chunk.length;
    }
    this.chunks.length = 0;
    return out;
  }

  private append(chunk: Uint8Array): void {
    this.chunks.push(chunk);
    this.offset += chunk.length;
  }
}

/** A local file header (30 bytes + name) or a central directory record (46 bytes + name). */
function header(entry: Entry, central: boolean): Uint8Array {
  const start = central ? 46 : 30;
  const bytes = new Uint8Array(start + entry.name.length);
  const view = new DataView(bytes.buffer);
  let at = 0;
  view.setUint32(at, central ? 0x02014b50 : 0x04034b50, true);
  at += 4;
  if (central) {
    view.setUint16(at, 20, true); // made by: version 2.0 (MS-DOS attributes)
    at += 2;
  }
  view.setUint16(at, 20, true); // version needed: 2.0 (deflate)
  view.setUint16(at + 2, 0, true); // flags: none (sizes are in this header; names are ASCII)
  view.setUint16(at + 4, 8, true); // method: deflate
  view.setUint16(at + 6, 0, true); // time 00:00:00
  view.setUint16(at + 8, DOS_DATE_1980_01_01, true);
  view.setUint32(at + 10, entry.crc, true);
  view.setUint32(at + 14, entry.compressedSize, true);
  view.setUint32(at + 18, entry.size, true);
  view.setUint16(at + 22, entry.name.length, true);
  view.setUint16(at + 24, 0, true); // extra field length
  if (central) {
    // comment length, disk number, internal and external attributes: 0; then the local header's offset.
    view.setUint32(at + 36, entry.offset, true);
  }
  bytes.set(entry.name, start);
  return bytes;
}
