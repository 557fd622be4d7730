import { describe, expect, it } from "vitest";
import { parseXml, XmlSyntaxError } from "../../../shared/xlsx/xml-parse.ts";

function events(xml: string): string[] {
  const out: string[] = [];
  parseXml(xml, {
    open: (name, attrs) =>
      out.push(
        `<${name}${Object.entries(attrs)
          .map(([k, v]) => ` ${k}=${JSON.stringify(v)}`)
          .join("")}>`,
      ),
    close: (name) => out.push(`</${name}>`),
    text: (text) => out.push(JSON.stringify(text)),
  });
  return out;
}

describe("parseXml", () => {
  it("strips prefixes, drops xmlns, handles quotes, '>' in values and self-closing tags", () => {
    expect(events(`<?xml version="1.0"?><x:a xmlns:x="u" xmlns="v" r:id='1' b = "x>y"/><b\n c="1"\t/>`)).toEqual([
      '<a id="1" b="x>y">',
      "</a>",
      '<b c="1">',
      "</b>",
    ]);
  });

  it("decodes entities and character references, normalises line ends and attribute whitespace", () => {
    expect(events(`<t a="1\t2\n3&#10;4&#9;5">&lt;&amp;&gt;&quot;&apos; &#x4E2D;&#25991; &#128512; &unknown; a\r\nb\rc</t>`)).toEqual([
      '<t a="1 2 3\\n4\\t5">',
      JSON.stringify("<&>\"' 中文 😀 &unknown; a\nb\nc"),
      "</t>",
    ]);
  });

  it("skips comments and DOCTYPE, reports CDATA as text", () => {
    expect(events(`<!DOCTYPE x><a><!-- <b/> --><![CDATA[<raw & text>]]></a>`)).toEqual(["<a>", JSON.stringify("<raw & text>"), "</a>"]);
  });

  it("throws XmlSyntaxError on broken markup", () => {
    for (const xml of ["<a", '<a b="1>', "<a b=1>", "<!-- x", "<a></a", "<a b c='1'>"]) {
      expect(() => events(xml), xml).toThrow(XmlSyntaxError);
    }
  });
});
