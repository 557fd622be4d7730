import { reportScopeOf } from "../units/report-scope.ts";
import type { ReportingUnit } from "../units/unit-tree.ts";
import { toA1, toRange } from "../xlsx/cell-address.ts";
import type { XlsxCell, XlsxDataValidation, XlsxSheet, XlsxStyle } from "../xlsx/model.ts";
import { writeXlsx } from "../xlsx/write-xlsx.ts";
import { ROSTER, ROSTER_FIELDS } from "./roster-definition.ts";
import type { RosterField } from "./roster-definition.ts";
import { ROSTER_EXPLANATION_COLUMNS, ROSTER_LABEL_ROW, ROSTER_TITLE_ROW, ROSTER_UNIT_ROW, STANDARD_ROSTER_LAYOUT } from "./roster-layout.ts";
import { renderRosterMeta } from "./roster-meta.ts";
import { rosterMaxRowsOf } from "./validate-roster.ts";

const TEXT: XlsxStyle = { numberFormat: "@", locked: false };
const TITLE: XlsxStyle = { bold: true, horizontal: "center" };
const HEADER: XlsxStyle = { bold: true, wrap: true, horizontal: "center", border: true, fill: "F2F2F2" };
const CODE: XlsxStyle = { numberFormat: "@" };
/** The font Chinese statistical forms are printed in, as the report workbooks use. */
const FONT = { name: "宋体", size: 11 };

/** What Excel checks as the clerk types, where it can: lists, lengths (the engine checks everything again). */
function fieldValidation(field: RosterField, range: string, countyCodes: readonly string[]): XlsxDataValidation {
  const label = `${field.labelZh} / ${field.labelEn}`;
  if (field.type === "list" || field.type === "unitCode") {
    const choices = field.type === "list" ? (field.choices ?? []) : countyCodes;
    return { range, type: "list", formula1: `"${choices.join(",")}"`, errorTitle: field.labelZh, error: `请从列表中选择 / choose from the list: ${label}` };
  }
  const exact = field.type === "citizenId";
  return {
    range,
    type: "textLength",
    operator: exact ? "equal" : "lessThanOrEqual",
    formula1: String(field.maxLength),
    errorTitle: field.labelZh,
    error: exact
      ? "身份证件号码为 18 位:17 位数字加校验码(数字或 X) / the ID is 18 characters: 17 digits and a check character (a digit or X)"
      : `${field.labelZh}最多 ${field.maxLength} 个字符 / ${field.labelEn}: at most ${field.maxLength} characters`,
    ...(exact && { promptTitle: field.labelZh, prompt: "按文本输入完整的 18 位号码 / type the whole 18-character number (the column is text)" }),
  };
}

/** The roster sheet: title, unit and period, labels, the hidden code row, then empty text-formatted rows with Excel's checks. */
function rosterSheet(unit: ReportingUnit, period: string): XlsxSheet {
  const { codeRow, firstDataRow, columns } = STANDARD_ROSTER_LAYOUT;
  const scope = reportScopeOf(unit);
  const lastColumn = ROSTER_FIELDS.length - 1;
  const lastDataRow = firstDataRow + rosterMaxRowsOf(unit) - 1;
  const cells = new Map<string, XlsxCell>([
    [toA1(ROSTER_TITLE_ROW, 0), { value: `${ROSTER.titleZh} ${ROSTER.titleEn}`, style: TITLE }],
    [toA1(ROSTER_UNIT_ROW, 0), { value: `填报单位 Unit:${scope.title}(${unit.code})    报告期 Period:${period}    表号 Form:${ROSTER.sheetCode}` }],
  ]);
  const countyCodes = [...scope.listUnitCodes];
  const sheet: XlsxSheet = {
    name: ROSTER.sheetName,
    cells,
    columnWidths: {},
    columnStyles: {},
    rowHeights: { [ROSTER_LABEL_ROW]: 32 },
    hiddenRows: [codeRow],
    merges: [ROSTER_TITLE_ROW, ROSTER_UNIT_ROW].map((row) => toRange({ start: { row, col: 0 }, end: { row, col: lastColumn } })),
    freeze: { row: firstDataRow, col: 0 },
    dataValidations: [],
  };
  for (const field of ROSTER_FIELDS) {
    const col = columns[field.code];
    cells.set(toA1(ROSTER_LABEL_ROW, col), { value: `${field.labelZh}\n${field.labelEn}`, style: HEADER });
    cells.set(toA1(codeRow, col), { value: field.code, style: CODE });
    (sheet.columnWidths as Record<number, number>)[col] = field.width;
    (sheet.columnStyles as Record<number, XlsxStyle>)[col] = TEXT;
    const range = toRange({ start: { row: firstDataRow, col }, end: { row: lastDataRow, col } });
    sheet.dataValidations!.push(fieldValidation(field, range, countyCodes));
  }
  return sheet;
}

/** The 说明 sheet: one explanation a row (rule, cell, ID, the issue, why); the pane fills the first four. */
function explanationsSheet(): XlsxSheet {
  const sheet: XlsxSheet = { name: ROSTER.explanationsSheetName, cells: new Map(), columnWidths: {}, columnStyles: {}, freeze: { row: 1, col: 0 } };
  ROSTER_EXPLANATION_COLUMNS.forEach((column, col) => {
    sheet.cells.set(toA1(0, col), { value: column.labelZh, style: HEADER });
    (sheet.columnWidths as Record<number, number>)[col] = column.width;
    (sheet.columnStyles as Record<number, XlsxStyle>)[col] = TEXT;
  });
  return sheet;
}

/** The blank roster workbook of a unit (a county, or a prefecture for its counties) and period. */
export function renderRosterTemplate(unit: ReportingUnit, period: string): Uint8Array {
  return writeXlsx({
    sheets: [rosterSheet(unit, period), explanationsSheet(), renderRosterMeta({ unitCode: unit.code, period })],
    font: FONT,
  });
}
