// A small streaming XML tokenizer for the reader. DOMParser does not exist in Workers, and a
// streaming pass over a large sheet is faster and lighter than building a tree.
// Element and attribute names are reported without their namespace prefix (`x:c` → `c`,
// `r:id` → `id`), because producers differ in the prefixes they use; xmlns declarations are
// dropped. Comments, processing instructions and DOCTYPE are skipped; CDATA is reported as text.

export type XmlAttrs = Readonly<Record<string, string>>;

// Shared by every tag without attributes (most of a sheet's <v> and <f>): saves an allocation each.
const NO_ATTRS: XmlAttrs = Object.freeze({});

export interface XmlHandler {
  open(name: string, attrs: XmlAttrs): void;
  /** Also called right after `open` for a self-closing element. */
  close(name: string): void;
  text(text: string): void;
}

export class XmlSyntaxError extends Error {
  override name = "XmlSyntaxError";
}

/** Elements nested deeper than the parser's limit: no spreadsheet needs that, a hostile file may. */
export class XmlDepthError extends XmlSyntaxError {
  override name = "XmlDepthError";
}

export function parseXml(xml: string, handler: XmlHandler, maxDepth = Infinity): void {
  parseXmlPart(xml, handler, maxDepth, 0, true);
}

/** Thrown inside parseXmlPart when the text ends within a piece of markup that more text may complete. */
const INCOMPLETE = Symbol("incomplete");

/**
 * Parses `xml` from the start, `depth` elements deep already; when not `final`, stops before markup or
 * text that more text may complete (a tag cut in two, text not yet followed by '<') and gives where it
 * stopped and the depth there (XmlStream resumes from that point). When `final`, parses to the end as parseXml.
 */
export function parseXmlPart(xml: string, handler: XmlHandler, maxDepth: number, depth: number, final: boolean): { consumed: number; depth: number } {
  const n = xml.length;
  let i = 0;
  const unterminated = (message: string): never => {
    if (final) throw new XmlSyntaxError(message);
    throw INCOMPLETE;
  };
  const skipPast = (marker: string, from: number): number => {
    const at = xml.indexOf(marker, from);
    return at < 0 ? unterminated(`unterminated markup at offset ${from}`) : at + marker.length;
  };
  try {
    while (i < n) {
      const lt = xml.indexOf("<", i);
      if (lt < 0) {
        if (!final) break;
        handler.text(decodeEntities(xml.slice(i)));
        return { consumed: n, depth };
      }
      if (lt > i) handler.text(decodeEntities(xml.slice(i, lt)));
      i = lt;
      const next = xml.charCodeAt(lt + 1);
      if (next === 33 /* ! */) {
        if (!final && lt + 9 > n && "<![CDATA[".startsWith(xml.slice(lt))) break;
        if (xml.startsWith("<!--", lt)) i = skipPast("-->", lt);
        else if (xml.startsWith("<![CDATA[", lt)) {
          const end = skipPast("]]>", lt);
          handler.text(xml.slice(lt + 9, end - 3));
          i = end;
        } else i = skipPast(">", lt);
        continue;
      }
      if (next === 63 /* ? */) {
        i = skipPast("?>", lt);
        continue;
      }
      if (lt + 1 >= n) unterminated(`unterminated tag at offset ${lt}`);
      if (next === 47 /* / */) {
        const gt = xml.indexOf(">", lt);
        if (gt < 0) unterminated(`unterminated tag at offset ${lt}`);
        handler.close(localName(xml.slice(lt + 2, gt).trim()));
        depth--;
        i = gt + 1;
        continue;
      }
      // Start tag: the name, then attributes up to '>' or '/>' (a '>' may sit inside a value).
      // Scanned by hand: this loop runs a few times per cell, and regex matches would allocate.
      // A tag the text cuts short is found before any of it is reported: j reaches the end.
      let j = lt + 1;
      for (let c = xml.charCodeAt(j); c > 32 && c !== 47 && c !== 62; c = xml.charCodeAt(++j));
      const name = localName(xml.slice(lt + 1, j));
      let attrs: XmlAttrs = NO_ATTRS;
      let selfClosing = false;
      for (;;) {
        let c = xml.charCodeAt(j);
        while (c === 32 || c === 10 || c === 13 || c === 9) c = xml.charCodeAt(++j);
        if (c === 62 /* > */) break;
        if (c === 47 /* / */ && xml.charCodeAt(j + 1) === 62) {
          selfClosing = true;
          j++;
          break;
        }
        if (!final && j + 1 >= n) throw INCOMPLETE;
        const attrStart = j;
        const eq = xml.indexOf("=", j);
        let q = eq + 1;
        while ((c = xml.charCodeAt(q)) === 32 || c === 10 || c === 13 || c === 9) q++;
        const close = eq < 0 || (c !== 34 && c !== 39) ? -1 : xml.indexOf(c === 34 ? '"' : "'", q + 1);
        if (!final && (close < 0 || q >= n)) throw INCOMPLETE;
        const qname = xml.slice(attrStart, eq).trim();
        if (close < 0 || /[\s<>]/.test(qname)) throw new XmlSyntaxError(`malformed tag at offset ${lt}`);
        j = close + 1;
        if (qname === "xmlns" || qname.startsWith("xmlns:")) continue;
        if (attrs === NO_ATTRS) attrs = {};
        (attrs as Record<string, string>)[localName(qname)] = decodeAttr(xml.slice(q + 1, close));
      }
      handler.open(name, attrs);
      if (selfClosing) handler.close(name);
      else if (++depth > maxDepth) throw new XmlDepthError(`elements nested deeper than ${maxDepth} at offset ${lt}`);
      i = j + 1;
    }
  } catch (error) {
    if (error !== INCOMPLETE) throw error;
  }
  return { consumed: i, depth };
}

/** Attribute value: literal tab/LF/CR become spaces (attribute normalisation), references survive. */
function decodeAttr(raw: string): string {
  if (!raw.includes("&") && !raw.includes("\n") && !raw.includes("\t") && !raw.includes("\r")) return raw;
  return decodeEntities(raw.replace(/\r\n?|[\t\n]/g, " "));
}

function localName(qname: string): string {
  const colon = qname.indexOf(":");
  return colon < 0 ? qname : qname.slice(colon + 1);
}

const NAMED: Record<string, string> = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'" };

/** Decodes entity and character references, and normalises literal CRLF/CR line ends to LF. */
function decodeEntities(s: string): string {
  if (s.includes("\r")) s = s.replace(/\r\n?/g, "\n");
  if (!s.includes("&")) return s;
  return s.replace(/&(#x[0-9A-Fa-f]+|#[0-9]+|[A-Za-z]+);/g, (whole, ref: string) => {
    if (ref.charCodeAt(0) !== 35 /* # */) return NAMED[ref] ?? whole;
    const code = ref[1] === "x" ? parseInt(ref.slice(2), 16) : parseInt(ref.slice(1), 10);
    return code <= 0x10ffff ? String.fromCodePoint(code) : whole;
  });
}

/** Undoes Excel's `_xHHHH_` escaping of characters in cell text (e.g. `_x000D_` for CR). */
export function decodeXstring(s: string): string {
  if (!s.includes("_x")) return s;
  return s.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
}
