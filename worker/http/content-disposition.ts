/** RFC 8187 attr-char: the bytes a filename* value may carry as they are; every other byte is %XX. */
const ATTR_CHAR = /^[A-Za-z0-9!#$&+\-.^_`|~]$/;

/** RFC 8187 ext-value of a name: UTF-8, percent-encoded except attr-char (encodeURIComponent leaves ' ( ) * as they are, which the grammar does not allow). */
function extValueOf(name: string): string {
  let encoded = "";
  for (const byte of new TextEncoder().encode(name)) {
    const character = String.fromCharCode(byte);
    encoded += ATTR_CHAR.test(character) ? character : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }
  return `UTF-8''${encoded}`;
}

/** The name as a plain quoted-string for clients without RFC 8187: printable ASCII, with quotes, backslashes and % (some clients decode it) as _. */
function asciiFallbackOf(name: string): string {
  return name.replace(/[^\x20-\x7e]|["\\%]/g, "_");
}

/**
 * The Content-Disposition of a download (RFC 6266): the name in filename* (RFC 8187, UTF-8), which
 * gives back every accepted name exactly, and an ASCII filename for older clients (the fallback
 * given, else the name with what ASCII cannot say as _).
 */
export function contentDisposition(fileName: string, asciiFallback?: string): string {
  return `attachment; filename="${asciiFallbackOf(asciiFallback ?? fileName)}"; filename*=${extValueOf(fileName)}`;
}
