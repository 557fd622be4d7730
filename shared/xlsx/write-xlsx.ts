// Renders an XlsxWorkbook to .xlsx bytes: the package parts (content types, relationships,
// workbook, one part per sheet, styles, shared strings), each deflated as it is written (ZipWriter):
// memory follows the output, not a multiple of the sheets' XML.
// Output is deterministic: the same model always gives the same bytes.

import { XlsxWriteError } from "./model.ts";
import type { XlsxWorkbook } from "./model.ts";
import { StyleRegistry } from "./styles.ts";
import { isSharedString, renderSheet, SharedStrings } from "./write-sheet.ts";
import { escapeAttr, escapeText, escapeXstring } from "./xml-escape.ts";
import { ZipWriter } from "./zip-writer.ts";
import type { PartWriter } from "./zip-writer.ts";

const XML_HEADER = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n';
const NS_MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const NS_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";
const NS_PKG_REL = "http://schemas.openxmlformats.org/package/2006/relationships";
const CT = "application/vnd.openxmlformats-officedocument.spreadsheetml";

export function writeXlsx(workbook: XlsxWorkbook): Uint8Array {
  const { sheets } = workbook;
  validateSheetNames(workbook);
  const visible = sheets.flatMap((s, i) => ((s.state ?? "visible") === "visible" ? [i] : []));
  if (visible.length === 0) throw new XlsxWriteError("至少需要一个可见工作表 / at least one sheet must be visible");
  const active = workbook.activeSheet ?? visible[0]!;
  if (!visible.includes(active)) {
    throw new XlsxWriteError(`活动工作表必须可见 / the active sheet must be a visible sheet: ${active}`);
  }

  const font = workbook.font ?? { name: "Calibri", size: 11 };
  const styles = new StyleRegistry(font);
  const sharedStrings = new SharedStrings();
  // An empty shared-strings part is left out altogether; the content types, written first, say whether there is one.
  const hasStrings = sheets.some((sheet) => {
    for (const cell of sheet.cells.values()) if (isSharedString(cell)) return true;
    return false;
  });
  const zip = new ZipWriter();
  const text = (name: string, xml: string) => zip.part(name, (write) => write(xml));
  text("[Content_Types].xml", contentTypes(sheets.length, hasStrings));
  text("_rels/.rels", relationships([[`${NS_REL}/officeDocument`, "xl/workbook.xml"]]));
  text("xl/workbook.xml", workbookXml(workbook, active));
  text(
    "xl/_rels/workbook.xml.rels",
    relationships([
      ...sheets.map((_, i): [string, string] => [`${NS_REL}/worksheet`, `worksheets/sheet${i + 1}.xml`]),
      [`${NS_REL}/styles`, "styles.xml"],
      ...(hasStrings ? [[`${NS_REL}/sharedStrings`, "sharedStrings.xml"] as [string, string]] : []),
    ]),
  );
  sheets.forEach((sheet, i) =>
    zip.part(`xl/worksheets/sheet${i + 1}.xml`, (write) =>
      renderSheet(sheet, { styles, sharedStrings, tabSelected: i === active, fontSize: font.size }, write),
    ),
  );
  // Styles and shared strings are known once every sheet is written.
  text("xl/styles.xml", styles.toXml());
  if (hasStrings) zip.part("xl/sharedStrings.xml", (write) => sharedStringsXml(sharedStrings, write));
  return zip.finish();
}

function validateSheetNames({ sheets }: XlsxWorkbook): void {
  if (sheets.length === 0) throw new XlsxWriteError("工作簿没有工作表 / the workbook has no sheets");
  const seen = new Set<string>();
  for (const { name } of sheets) {
    const problem =
      name.length === 0 || name.length > 31
        ? "长度应为 1..31 / must be 1..31 characters"
        : /[[\]:*?/\\]/.test(name)
          ? "不能包含 []:*?/\\ / must not contain []:*?/\\"
          : name.startsWith("'") || name.endsWith("'")
            ? "不能以单引号开头或结尾 / must not start or end with an apostrophe"
            : seen.has(name.toLowerCase())
              ? "重复 / duplicate name"
              : null;
    if (problem) throw new XlsxWriteError(`工作表名称无效 / invalid sheet name "${name}": ${problem}`);
    seen.add(name.toLowerCase());
  }
}

function contentTypes(sheetCount: number, hasStrings: boolean): string {
  const override = (part: string, type: string) => `<Override PartName="${part}" ContentType="${CT}.${type}+xml"/>`;
  return (
    XML_HEADER +
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
    '<Default Extension="xml" ContentType="application/xml"/>' +
    override("/xl/workbook.xml", "sheet.main") +
    Array.from({ length: sheetCount }, (_, i) => override(`/xl/worksheets/sheet${i + 1}.xml`, "worksheet")).join("") +
    override("/xl/styles.xml", "styles") +
    (hasStrings ? override("/xl/sharedStrings.xml", "sharedStrings") : "") +
    "</Types>"
  );
}

function relationships(rels: [type: string, target: string][]): string {
  return (
    XML_HEADER +
    `<Relationships xmlns="${NS_PKG_REL}">` +
    rels.map(([type, target], i) => `<Relationship Id="rId${i + 1}" Type="${type}" Target="${target}"/>`).join("") +
    "</Relationships>"
  );
}

function workbookXml(workbook: XlsxWorkbook, active: number): string {
  const sheets = workbook.sheets.map(
    (s, i) =>
      `<sheet name="${escapeAttr(s.name)}" sheetId="${i + 1}"` + (s.state && s.state !== "visible" ? ` state="${s.state}"` : "") + ` r:id="rId${i + 1}"/>`,
  );
  const seen = new Set<string>();
  const names = (workbook.definedNames ?? []).map(({ name, ref, hidden }) => {
    // Excel rejects names that read as A1 or R1C1 references.
    const looksLikeCell = /^[A-Za-z]{1,3}[0-9]+$|^([Rr][0-9]*)?([Cc][0-9]*)?$/.test(name);
    if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) || looksLikeCell || seen.has(name.toLowerCase())) {
      throw new XlsxWriteError(`名称无效或重复 / invalid or duplicate defined name: "${name}"`);
    }
    seen.add(name.toLowerCase());
    return `<definedName name="${escapeAttr(name)}"${hidden ? ' hidden="1"' : ""}>${escapeText(ref.replace(/^=/, ""))}</definedName>`;
  });
  // Excel's built-in print names, one per sheet that has them (localSheetId = the sheet's position).
  workbook.sheets.forEach((sheet, localSheetId) => {
    const quoted = `'${sheet.name.replace(/'/g, "''")}'`;
    const builtIn = (name: string, ref: string) => `<definedName name="_xlnm.${name}" localSheetId="${localSheetId}">${escapeText(ref)}</definedName>`;
    if (sheet.print?.area) {
      const [start, end = start] = sheet.print.area.split(":").map((a1) => a1.replace(/^([A-Z]+)([0-9]+)$/, "$$$1$$$2"));
      names.push(builtIn("Print_Area", `${quoted}!${start}:${end}`));
    }
    if (sheet.print?.titleRows) names.push(builtIn("Print_Titles", `${quoted}!$${sheet.print.titleRows.first + 1}:$${sheet.print.titleRows.last + 1}`));
  });
  return (
    XML_HEADER +
    `<workbook xmlns="${NS_MAIN}" xmlns:r="${NS_REL}">` +
    `<bookViews><workbookView activeTab="${active}"/></bookViews>` +
    `<sheets>${sheets.join("")}</sheets>` +
    (names.length ? `<definedNames>${names.join("")}</definedNames>` : "") +
    '<calcPr calcId="191029" fullCalcOnLoad="1"/>' +
    "</workbook>"
  );
}

function sharedStringsXml({ strings, refs }: SharedStrings, write: PartWriter): void {
  write(`${XML_HEADER}<sst xmlns="${NS_MAIN}" count="${refs}" uniqueCount="${strings.length}">`);
  for (const s of strings) {
    // Without xml:space="preserve", leading/trailing whitespace and line breaks may be dropped.
    const preserve = /^\s|\s$|\n/.test(s) ? ' xml:space="preserve"' : "";
    write(`<si><t${preserve}>${escapeXstring(s)}</t></si>`);
  }
  write("</sst>");
}
