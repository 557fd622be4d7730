// Small files shaped like the stamped copies clerks attach (盖章件): whole by the structure the Worker
// checks (PDF header and startxref … %%EOF trailer; JPEG SOI … EOI; PNG signature, IHDR … IEND).

const ascii = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((part) => [...part]));

export const pdfBytes = ascii("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\nstartxref\n9\n%%EOF\n");
export const pngBytes = concat(
  new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
  ascii("\0\0\0\rIHDR stamped scan"),
  new Uint8Array([0, 0, 0, 0, 0x49, 0x45, 0x4e, 0x44, 0xae, 0x42, 0x60, 0x82]),
);
export const jpegBytes = concat(new Uint8Array([0xff, 0xd8, 0xff, 0xe0]), ascii("\0\x10JFIF stamped scan"), new Uint8Array([0xff, 0xd9]));
/** A web page dressed as a PDF: the right first bytes, no PDF structure after them. */
export const htmlWithPdfHeader = ascii("%PDF-\n<html><body><script>alert(document.domain)</script></body></html>\n");
