import { Unzip, UnzipInflate, strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { ZipWriter } from "../../../shared/xlsx/zip-writer.ts";

/** A part written in many pieces, several times larger than one deflated piece, with non-ASCII text. */
function bigPart(write: (text: string) => void): string {
  const pieces: string[] = [];
  for (let row = 0; row < 20_000; row++) pieces.push(`<row r="${row + 1}"><c t="inlineStr"><is><t>县${row % 97}-${(row * 7919) % 1013}</t></is></c></row>`);
  for (const piece of pieces) write(piece);
  return pieces.join("");
}

function archive(): { bytes: Uint8Array; big: string } {
  const zip = new ZipWriter();
  let big = "";
  zip.part("a.xml", (write) => write("<a/>"));
  zip.part("xl/big.xml", (write) => {
    big = bigPart(write);
  });
  zip.part("empty.xml", () => {});
  return { bytes: zip.finish(), big };
}

describe("ZipWriter", () => {
  it("writes parts that inflate back to the text written, in the order written", () => {
    const { bytes, big } = archive();
    expect(big.length).toBeGreaterThan(1 << 20);
    const files = unzipSync(bytes);
    expect(Object.keys(files)).toEqual(["a.xml", "xl/big.xml", "empty.xml"]);
    expect(strFromU8(files["a.xml"]!)).toBe("<a/>");
    expect(strFromU8(files["xl/big.xml"]!)).toBe(big);
    expect(files["empty.xml"]!.length).toBe(0);
  });

  it("puts each part's sizes and CRC in its local header (no data descriptor), so a streaming reader finds each part's end", () => {
    const { bytes, big } = archive();
    const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    let at = 0;
    const names: string[] = [];
    while (view.getUint32(at, true) === 0x04034b50) {
      expect(view.getUint16(at + 6, true) & 8).toBe(0);
      const compressed = view.getUint32(at + 18, true);
      const nameLength = view.getUint16(at + 26, true);
      names.push(strFromU8(bytes.subarray(at + 30, at + 30 + nameLength)));
      at += 30 + nameLength + view.getUint16(at + 28, true) + compressed;
    }
    expect(names).toEqual(["a.xml", "xl/big.xml", "empty.xml"]);
    expect(view.getUint32(at, true)).toBe(0x02014b50);

    const streamed = new Map<string, string>();
    const unzip = new Unzip((file) => {
      const chunks: Uint8Array[] = [];
      file.ondata = (error, data, final) => {
        if (error) throw error;
        chunks.push(data);
        if (!final) return;
        const whole = new Uint8Array(chunks.reduce((sum, chunk) => sum + chunk.length, 0));
        chunks.reduce((at, chunk) => (whole.set(chunk, at), at + chunk.length), 0);
        streamed.set(file.name, strFromU8(whole));
      };
      file.start();
    });
    unzip.register(UnzipInflate);
    for (let offset = 0; offset < bytes.length; offset += 4096) unzip.push(bytes.subarray(offset, offset + 4096), offset + 4096 >= bytes.length);
    expect(streamed.get("xl/big.xml")).toBe(big);
  });

  it("gives the same bytes for the same parts", () => {
    expect(archive().bytes).toEqual(archive().bytes);
  });
});
