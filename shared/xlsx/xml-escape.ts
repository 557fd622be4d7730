// Escaping for the XML the writer emits.

// Characters XML 1.0 forbids (C0 controls except tab/LF/CR, lone surrogates, U+FFFE/U+FFFF):
// no parser accepts them, so they are dropped.
const ILLEGAL_XML_CHARS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Element text. CR becomes a character reference, which (unlike a raw CR) survives parsing. */
export function escapeText(s: string): string {
  return s.replace(ILLEGAL_XML_CHARS, "").replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/\r/g, "&#13;");
}

/** Attribute value in double quotes; tab/LF/CR as references so attribute normalisation keeps them. */
export function escapeAttr(s: string): string {
  return escapeText(s).replace(/"/g, "&quot;").replace(/\n/g, "&#10;").replace(/\t/g, "&#9;");
}

/**
 * Cell/shared-string text (OOXML ST_Xstring). Excel decodes `_xHHHH_` in such text, so a literal
 * occurrence is protected by escaping its underscore as `_x005F_`.
 */
export function escapeXstring(s: string): string {
  return escapeText(s.replace(/_(x[0-9A-Fa-f]{4}_)/g, "_x005F_$1"));
}
