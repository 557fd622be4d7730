// Draws the add-in's ribbon and store icons (addin/assets/icon-<size>.png): a Fluent-blue rounded
// square with a white form grid and a check mark. Run once when the design changes; the PNGs are committed.
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { deflateSync } from "node:zlib";
import { repoRoot } from "./lib/wrangler.ts";

const SIZES = [16, 32, 64, 80];
const BLUE = [0x0f, 0x6c, 0xbd, 0xff];
const WHITE = [0xff, 0xff, 0xff, 0xff];
const CLEAR = [0, 0, 0, 0];

function pixel(x: number, y: number, size: number): number[] {
  const u = (x + 0.5) / size;
  const v = (y + 0.5) / size;
  const radius = 0.18;
  const cornerX = Math.min(u, 1 - u);
  const cornerY = Math.min(v, 1 - v);
  if (cornerX < radius && cornerY < radius && Math.hypot(radius - cornerX, radius - cornerY) > radius) return CLEAR;
  const line = Math.max(1 / size, 0.06);
  // The form: an outline with one header line and two column lines, in the upper-left part.
  const inForm = u > 0.16 && u < 0.7 && v > 0.16 && v < 0.84;
  const onFormLine =
    inForm && (u < 0.16 + line || u > 0.7 - line || v < 0.16 + line || v > 0.84 - line || Math.abs(v - 0.36) < line / 2 || Math.abs(u - 0.43) < line / 2);
  // The check mark over the lower right corner.
  const onCheck = distanceToSegment(u, v, 0.52, 0.66, 0.64, 0.78) < line || distanceToSegment(u, v, 0.64, 0.78, 0.86, 0.5) < line;
  return onFormLine || onCheck ? WHITE : BLUE;
}

function distanceToSegment(px: number, py: number, ax: number, ay: number, bx: number, by: number): number {
  const t = Math.max(0, Math.min(1, ((px - ax) * (bx - ax) + (py - ay) * (by - ay)) / ((bx - ax) ** 2 + (by - ay) ** 2)));
  return Math.hypot(px - (ax + t * (bx - ax)), py - (ay + t * (by - ay)));
}

function png(size: number): Buffer {
  const rows = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    rows[y * (size * 4 + 1)] = 0; // filter: none
    for (let x = 0; x < size; x++) Buffer.from(pixel(x, y, size)).copy(rows, y * (size * 4 + 1) + 1 + x * 4);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk("IHDR", header),
    chunk("IDAT", deflateSync(rows)),
    chunk("IEND", Buffer.alloc(0)),
  ]);
}

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const typed = Buffer.concat([Buffer.from(type, "ascii"), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(typed));
  return Buffer.concat([length, typed, crc]);
}

function crc32(bytes: Buffer): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let bit = 0; bit < 8; bit++) crc = crc & 1 ? (crc >>> 1) ^ 0xedb88320 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

for (const size of SIZES) writeFileSync(join(repoRoot, "addin", "assets", `icon-${size}.png`), png(size));
console.log(`wrote ${SIZES.map((size) => `icon-${size}.png`).join(", ")} to addin/assets/`);
