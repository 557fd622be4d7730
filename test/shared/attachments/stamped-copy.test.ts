import { describe, expect, it } from "vitest";
import { stampedCopyFileName, stampedCopyTypeOf } from "../../../shared/attachments/stamped-copy.ts";
import { htmlWithPdfHeader, jpegBytes, pdfBytes, pngBytes } from "../../support/stamped-copy-files.ts";

describe("a stamped copy's type is its structure", () => {
  it("whole PDF, JPEG and PNG files are recognised; a trailing line end after %%EOF is fine", () => {
    expect(stampedCopyTypeOf(pdfBytes)).toBe("application/pdf");
    expect(stampedCopyTypeOf(new Uint8Array([...pdfBytes, 0x0d, 0x0a]))).toBe("application/pdf");
    expect(stampedCopyTypeOf(jpegBytes)).toBe("image/jpeg");
    expect(stampedCopyTypeOf(pngBytes)).toBe("image/png");
  });

  it("the right first bytes are not enough: a web page, a truncated file, a tail without its head", () => {
    expect(stampedCopyTypeOf(htmlWithPdfHeader)).toBeNull();
    expect(stampedCopyTypeOf(pdfBytes.subarray(0, pdfBytes.length - 7))).toBeNull();
    expect(stampedCopyTypeOf(jpegBytes.subarray(0, jpegBytes.length - 1))).toBeNull();
    expect(stampedCopyTypeOf(pngBytes.subarray(0, pngBytes.length - 4))).toBeNull();
    expect(stampedCopyTypeOf(pdfBytes.subarray(1))).toBeNull();
    expect(stampedCopyTypeOf(new Uint8Array(0))).toBeNull();
  });
});

describe("the name a copy is stored and offered under", () => {
  it("ends in its type's extension: kept when it does, added when it does not", () => {
    expect(stampedCopyFileName("盖章件.pdf", "application/pdf")).toBe("盖章件.pdf");
    expect(stampedCopyFileName("盖章件.PDF", "application/pdf")).toBe("盖章件.PDF");
    expect(stampedCopyFileName("盖章件.html", "application/pdf")).toBe("盖章件.html.pdf");
    expect(stampedCopyFileName("扫描.jpeg", "image/jpeg")).toBe("扫描.jpeg");
    expect(stampedCopyFileName("扫描.png", "image/jpeg")).toBe("扫描.png.jpg");
    expect(stampedCopyFileName("scan", "image/png")).toBe("scan.png");
  });
});
