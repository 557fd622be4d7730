// The signed and stamped paper copy of a revision (盖章件): what may be attached, decided by the
// file's structure, never by its name or a declared media type, and the name it is offered under.

/**
 * The largest stamped copy: 10 MiB. The cover and the seven forms scanned in colour (the red seal)
 * at 300 dpi are about 8 pages of 0.5–1 MB as JPEG, in a PDF or one image each; 10 MiB holds that
 * with room, is a tenth of the Workers request limit (100 MB) and is held once in the Worker's
 * 128 MB while its SHA-256 is taken.
 */
export const maxStampedCopyBytes = 10 * 1024 * 1024;

export const stampedCopyMediaTypes = ["application/pdf", "image/jpeg", "image/png"] as const;
export type StampedCopyMediaType = (typeof stampedCopyMediaTypes)[number];

const pdfHeader = [0x25, 0x50, 0x44, 0x46, 0x2d]; // %PDF-
const pngSignature = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
/** A PNG's last chunk: length 0, "IEND", its fixed CRC. */
const pngEnd = [0x00, 0x00, 0x00, 0x00, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82];
const ascii = (text: string) => [...text].map((char) => char.charCodeAt(0));

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0) =>
  bytes.length >= at + prefix.length && prefix.every((byte, index) => bytes[at + index] === byte);
const endsWith = (bytes: Uint8Array, suffix: readonly number[]) => startsWith(bytes, suffix, bytes.length - suffix.length);

/** A PDF's trailer: `startxref`, the offset, `%%EOF`, then at most line ends and spaces, in its last 1,024 bytes. */
function hasPdfTrailer(bytes: Uint8Array): boolean {
  const tail = String.fromCharCode(...bytes.subarray(Math.max(0, bytes.length - 1024)));
  return /startxref\s+\d+\s+%%EOF[\s\0]*$/.test(tail);
}

const shapes: { mediaType: StampedCopyMediaType; extensions: string[]; is: (bytes: Uint8Array) => boolean }[] = [
  { mediaType: "application/pdf", extensions: ["pdf"], is: (bytes) => startsWith(bytes, pdfHeader) && hasPdfTrailer(bytes) },
  // SOI and a marker, …, EOI.
  { mediaType: "image/jpeg", extensions: ["jpg", "jpeg"], is: (bytes) => startsWith(bytes, [0xff, 0xd8, 0xff]) && endsWith(bytes, [0xff, 0xd9]) },
  // The signature, IHDR as the first chunk, …, IEND as the last.
  {
    mediaType: "image/png",
    extensions: ["png"],
    is: (bytes) => startsWith(bytes, pngSignature) && startsWith(bytes, ascii("IHDR"), 12) && endsWith(bytes, pngEnd),
  },
];

/**
 * PDF, JPEG or PNG by the file's structure — where it starts and where it ends — never by its name
 * or a declared type; null for anything else (a web page that starts with `%PDF-`, a truncated scan).
 */
export function stampedCopyTypeOf(bytes: Uint8Array): StampedCopyMediaType | null {
  return shapes.find((shape) => shape.is(bytes))?.mediaType ?? null;
}

export function extensionOf(mediaType: StampedCopyMediaType): string {
  return shapes.find((shape) => shape.mediaType === mediaType)?.extensions[0] ?? "bin";
}

/** The name a copy is stored and offered under: the clerk's, with its type's extension added unless it already ends in one (报告.html → 报告.html.pdf). */
export function stampedCopyFileName(name: string, mediaType: StampedCopyMediaType): string {
  const extensions = shapes.find((shape) => shape.mediaType === mediaType)?.extensions ?? [];
  const extension = /\.([^.]+)$/.exec(name)?.[1]?.toLowerCase();
  return extension !== undefined && extensions.includes(extension) ? name : `${name}.${extensionOf(mediaType)}`;
}
