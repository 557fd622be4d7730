import ExcelJS from "exceljs";
import { strToU8, zipSync } from "fflate";
import type { CellValue } from "../../shared/report/report-data.ts";
import { withCheckCharacter } from "../../shared/roster/citizen-id.ts";
import { ROSTER, ROSTER_FIELDS } from "../../shared/roster/roster-definition.ts";
import type { RosterData } from "../../shared/roster/roster-data.ts";
import { syntheticRoster } from "../../scripts/demo/demo-rosters.ts";

// Rosters written by programs that are not ours: ExcelJS filling the template (as a script would),
// and the XML by hand the way openpyxl writes it (shared strings, numbers as Python prints floats).

/**
 * The spec's four-issue case: twelve students of 历下区 (2019), all aided, with a bad check character
 * (row 7), a duplicate of row 8 (row 9), a child of 青岛市市南区 (row 11) and an ID typed as a number
 * (row 13): exactly those four issues, in this order.
 */
export function fourIssueRoster(): { roster: RosterData; expected: { cell: string; ruleId: string }[] } {
  const roster = syntheticRoster("370102", "370102", { E01_PRE: 2, E01_CMP: 6, E01_GHS: 2, E01_SVE: 1, E01_HED: 1 }, "2019", 28);
  roster.explanations = [];
  const rows = roster.rows;
  for (const row of rows) row.values.E10_AIDED = "是";
  const id = (index: number) => rows[index]!.values.E10_ID as string;
  rows[2]!.values.E10_ID = id(2).slice(0, 17) + (id(2)[17] === "3" ? "4" : "3");
  rows[4]!.values.E10_ID = id(3);
  rows[6]!.values.E10_COUNTY = "370202";
  rows[6]!.values.E10_ID = withCheckCharacter(`370202${id(6).slice(6, 17)}`);
  rows[8]!.values.E10_ID = Number(`${id(8).slice(0, 17)}0`);
  return {
    roster,
    expected: [
      { cell: "A7", ruleId: "R10.1" },
      { cell: "A9", ruleId: "R10.2" },
      { cell: "C11", ruleId: "R10.3" },
      { cell: "A13", ruleId: "R10.1" },
    ],
  };
}

/** Types a roster's rows and explanations into the template with ExcelJS, found by the hidden code row and the 说明 headings. */
export async function fillRosterWithExcelJS(template: Uint8Array, roster: RosterData): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(template as unknown as ArrayBuffer);
  const sheet = workbook.getWorksheet(ROSTER.sheetName)!;
  let codeRow = 0;
  const columnOf = new Map<string, number>();
  sheet.eachRow((row, number) => {
    row.eachCell((cell, col) => {
      if (ROSTER_FIELDS.some((field) => field.code === cell.value)) (codeRow = number), columnOf.set(String(cell.value), col);
    });
  });
  for (const { position, values } of roster.rows)
    for (const [code, value] of Object.entries(values)) sheet.getRow(codeRow + 1 + position).getCell(columnOf.get(code)!).value = value ?? null;
  const explanations = workbook.getWorksheet(ROSTER.explanationsSheetName)!;
  const headings = new Map<string, number>();
  explanations.getRow(1).eachCell((cell, col) => headings.set(String(cell.value), col));
  roster.explanations.forEach((explanation, index) => {
    explanations.getRow(2 + index).getCell(headings.get("规则")!).value = explanation.ruleId;
    explanations.getRow(2 + index).getCell(headings.get("身份证件号码")!).value = explanation.rowKey;
    explanations.getRow(2 + index).getCell(headings.get("说明")!).value = explanation.text;
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const xmlEscaped = (text: string) => text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;").replaceAll('"', "&quot;");
const column = (index: number) => String.fromCharCode(65 + index);
/** Python's repr of a float, as openpyxl writes a number: 3.701022008010112e+17. */
const pythonFloat = (value: number) => (Number.isInteger(value) && Math.abs(value) >= 1e16 ? value.toExponential().replace(/e\+?/, "e+") : String(value));

/**
 * A roster workbook written by hand as openpyxl writes one from scratch: the three sheets and their
 * names, rows with explicit addresses, every string a shared string, no styles of ours, `sheetN.xml`
 * parts in another order than the workbook lists them.
 */
export function openpyxlStyleRoster(roster: RosterData): Uint8Array {
  const strings: string[] = [];
  const shared = (text: string) => {
    const index = strings.indexOf(text);
    return index >= 0 ? index : strings.push(text) - 1;
  };
  const cell = (ref: string, value: CellValue | undefined) => {
    if (value === null || value === undefined) return "";
    if (typeof value === "number") return `<c r="${ref}" t="n"><v>${pythonFloat(value)}</v></c>`;
    return `<c r="${ref}" t="s"><v>${shared(String(value))}</v></c>`;
  };
  const sheetXml = (rows: [number, (CellValue | undefined)[], boolean?][]) =>
    `<?xml version="1.0" encoding="utf-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetPr><outlinePr summaryBelow="1" summaryRight="1"/></sheetPr><sheetData>${rows
      .map(
        ([row, values, hidden]) =>
          `<row r="${row}"${hidden ? ' hidden="1"' : ""}>${values.map((value, col) => cell(`${column(col)}${row}`, value)).join("")}</row>`,
      )
      .join("")}</sheetData></worksheet>`;
  const rosterRows: [number, (CellValue | undefined)[], boolean?][] = [
    [1, [`${ROSTER.titleZh}`]],
    [3, ROSTER_FIELDS.map((field) => field.labelZh)],
    [4, ROSTER_FIELDS.map((field) => field.code), true],
    ...roster.rows.map(({ position, values }): [number, (CellValue | undefined)[]] => [5 + position, ROSTER_FIELDS.map((field) => values[field.code])]),
  ];
  const explanationRows: [number, (CellValue | undefined)[]][] = [
    [1, ["规则", "单元格", "身份证件号码", "问题", "说明"]],
    ...roster.explanations.map((explanation, index): [number, (CellValue | undefined)[]] => [
      2 + index,
      [explanation.ruleId, null, explanation.rowKey, null, explanation.text],
    ]),
  ];
  const metaRows: [number, (CellValue | undefined)[]][] = [
    [1, ["kind", "roster"]],
    [2, ["unit", Number(roster.unitCode)]],
    [3, ["period", Number(roster.period)]],
  ];
  const sheets = [ROSTER.sheetName, ROSTER.explanationsSheetName, "_meta"];
  const files: Record<string, Uint8Array> = {
    "[Content_Types].xml": strToU8(
      `<?xml version="1.0" encoding="utf-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>${[
        3, 1, 2,
      ]
        .map(
          (n) => `<Override PartName="/xl/worksheets/sheet${n}.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>`,
        )
        .join(
          "",
        )}<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
    ),
    "_rels/.rels": strToU8(
      '<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
    ),
    "xl/workbook.xml": strToU8(
      `<?xml version="1.0" encoding="utf-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>${sheets
        .map((name, index) => `<sheet name="${xmlEscaped(name)}" sheetId="${index + 1}"${name === "_meta" ? ' state="hidden"' : ""} r:id="rId${index + 1}"/>`)
        .join("")}</sheets></workbook>`,
    ),
    "xl/_rels/workbook.xml.rels": strToU8(
      `<?xml version="1.0" encoding="utf-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">${[3, 1, 2]
        .map(
          (n, index) =>
            `<Relationship Id="rId${index + 1}" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet${n}.xml"/>`,
        )
        .join(
          "",
        )}<Relationship Id="rId9" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
    ),
    "xl/worksheets/sheet3.xml": strToU8(sheetXml(rosterRows)),
    "xl/worksheets/sheet1.xml": strToU8(sheetXml(explanationRows)),
    "xl/worksheets/sheet2.xml": strToU8(sheetXml(metaRows)),
  };
  files["xl/sharedStrings.xml"] = strToU8(
    `<?xml version="1.0" encoding="utf-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="${strings.length}">${strings.map((text) => `<si><t>${xmlEscaped(text)}</t></si>`).join("")}</sst>`,
  );
  return zipSync(files);
}
