import { XmlSyntaxError, parseXmlPart } from "./xml-parse.ts";
import type { XmlHandler } from "./xml-parse.ts";

/**
 * XML parsed as its UTF-8 bytes arrive (an inflating part's pieces), with the tokenizer parseXml uses:
 * each piece is decoded (a character may be cut between pieces) and parsed up to the last markup it
 * completes; only the unfinished tail waits for the next piece. The depth limit holds across pieces,
 * and a tail past `maxPending` characters (no cell's text is near it) is refused: it would be read again with each piece.
 */
export class XmlStream {
  private readonly decoder = new TextDecoder();
  private tail = "";
  private depth = 0;

  constructor(
    private readonly handler: XmlHandler,
    private readonly maxDepth: number,
    private readonly maxPending = 2 ** 20,
  ) {}

  push(bytes: Uint8Array): void {
    this.parse(this.tail + this.decoder.decode(bytes, { stream: true }), false);
  }

  end(): void {
    this.parse(this.tail + this.decoder.decode(), true);
  }

  private parse(text: string, final: boolean): void {
    const { consumed, depth } = parseXmlPart(text, this.handler, this.maxDepth, this.depth, final);
    this.depth = depth;
    this.tail = consumed === 0 ? text : text.slice(consumed);
    if (this.tail.length > this.maxPending) throw new XmlSyntaxError(`text or markup runs past ${this.maxPending} characters without an end`);
  }
}
