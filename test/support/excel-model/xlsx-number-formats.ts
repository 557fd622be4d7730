import { strFromU8, unzipSync } from "fflate";

/**
 * The number format of each styled cell of an .xlsx, by sheet name and A1: what the model needs
 * beyond values and formulas (shared/xlsx's reader does not report styles). Text-formatted cells
 * ("@") keep what is typed or written into them as text.
 */
export function xlsxNumberFormats(bytes: Uint8Array): Map<string, Map<string, string>> {
  const parts = unzipSync(bytes, { filter: (file) => /\.(xml|rels)$/i.test(file.name) });
  const text = (path: string) => (parts[path] ? strFromU8(parts[path]) : "");
  const attribute = (element: string, name: string) => new RegExp(`\\b${name}="([^"]*)"`).exec(element)?.[1];

  const codes = new Map<number, string>(BUILT_IN_FORMATS);
  const styles = text("xl/styles.xml");
  for (const [element] of styles.matchAll(/<numFmt\b[^>]*>/g))
    codes.set(Number(attribute(element, "numFmtId")), unescapeXml(attribute(element, "formatCode") ?? "General"));
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? "";
  const formatOfStyle = [...cellXfs.matchAll(/<xf\b[^>]*>/g)].map(([element]) => codes.get(Number(attribute(element, "numFmtId") ?? 0)) ?? "General");

  const targets = new Map(
    [...text("xl/_rels/workbook.xml.rels").matchAll(/<Relationship\b[^>]*>/g)].map(([element]) => [attribute(element, "Id"), attribute(element, "Target")]),
  );
  const formats = new Map<string, Map<string, string>>();
  for (const [element] of text("xl/workbook.xml").matchAll(/<sheet\b[^>]*>/g)) {
    const target = targets.get(attribute(element, "r:id"))?.replace(/^\/?(xl\/)?/, "xl/") ?? "";
    const cells = new Map<string, string>();
    for (const [cell] of text(target).matchAll(/<c\b[^>]*>/g)) {
      const format = formatOfStyle[Number(attribute(cell, "s") ?? 0)] ?? "General";
      const a1 = attribute(cell, "r");
      if (a1 && format !== "General") cells.set(a1, format);
    }
    formats.set(unescapeXml(attribute(element, "name") ?? ""), cells);
  }
  return formats;
}

/** ECMA-376 Part 1, 18.8.30: the built-in number formats the writer uses. */
const BUILT_IN_FORMATS: [number, string][] = [
  [0, "General"],
  [1, "0"],
  [2, "0.00"],
  [9, "0%"],
  [10, "0.00%"],
  [14, "m/d/yyyy"],
  [49, "@"],
];

const unescapeXml = (value: string) =>
  value
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, "<")
    .replace(/&gt;/g, ">")
    .replace(/&amp;/g, "&");
