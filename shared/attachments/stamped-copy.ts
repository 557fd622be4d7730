// The signed and stamped paper copy of a revision (盖章件): what may be attached, decided by the
// file's first bytes, never by its name or a declared media type.

/**
 * The largest stamped copy: 10 MiB. The cover and the seven forms scanned in colour (the red seal)
 * at 300 dpi are about 8 pages of 0.5–1 MB as JPEG, in a PDF or one image each; 10 MiB holds that
 * with room, is a tenth of the Workers request limit (100 MB) and is held once in the Worker's
 * 128 MB while its SHA-256 is taken.
 */
export const maxStampedCopyBytes = 10 * 1024 * 1024;

export const stampedCopyMediaTypes = ["application/pdf", "image/jpeg", "image/png"] as const;
export type StampedCopyMediaType = (typeof stampedCopyMediaTypes)[number];

const signatures: { mediaType: StampedCopyMediaType; magic: number[]; extension: string }[] = [
  { mediaType: "application/pdf", magic: [0x25, 0x50, 0x44, 0x46, 0x2d], extension: "pdf" }, // %PDF-
  { mediaType: "image/jpeg", magic: [0xff, 0xd8, 0xff], extension: "jpg" },
  { mediaType: "image/png", magic: [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a], extension: "png" },
];

/** PDF, JPEG or PNG by the file's magic bytes at offset 0; null for anything else (HTML, executables, …). */
export function sniffStampedCopyType(bytes: Uint8Array): StampedCopyMediaType | null {
  const match = signatures.find(({ magic }) => bytes.length >= magic.length && magic.every((byte, index) => bytes[index] === byte));
  return match?.mediaType ?? null;
}

export function extensionOf(mediaType: StampedCopyMediaType): string {
  return signatures.find((signature) => signature.mediaType === mediaType)?.extension ?? "bin";
}
