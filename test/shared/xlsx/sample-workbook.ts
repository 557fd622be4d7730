// A workbook shaped like the 323 forms, shared by the xlsx tests.
import type { XlsxCell, XlsxWorkbook } from "../../../shared/xlsx/model.ts";

export const FORM = "教扶01 建档立卡贫困教育人口";

/** A workbook shaped like the 323 forms: cover, a protected grid sheet, hidden meta sheets. */
export function sampleWorkbook(): XlsxWorkbook {
  const input = { locked: false, fill: "FFF2CC", numberFormat: "#,##0" };
  const grid = new Map<string, XlsxCell>([
    ["A1", { value: FORM, style: { bold: true, horizontal: "center" } }],
    ["A2", { value: "代码" }],
    ["B2", { value: "县（市、区）" }],
    ["C2", { value: "在校生人数" }],
    ["D2", { value: "资助人数" }],
    ["E2", { value: "资助比例", style: { wrap: true } }],
    ["C3", { value: "E01_STUDENTS" }],
    ["D3", { value: "E01_AIDED" }],
    ["E3", { value: "E01_RATIO" }],
    ["A4", { value: "370100" }],
    ["B4", { value: "济南市" }],
    ["C4", { formula: "SUM(C5:C6)", value: 3000.5 }],
    ["D4", { formula: "SUM(D5:D6)", value: 2808 }],
    ["E4", { formula: 'IF(C4=0,"",D4/C4)', value: 0.9358440259956674, style: { numberFormat: "0.0%" } }],
    ["A5", { value: "370102" }],
    ["B5", { value: "历下区" }],
    ["C5", { value: 1000.25, style: input }],
    ["D5", { value: 936, style: input }],
    ["E5", { formula: 'IF(C5=0,"",D5/C5)', value: 0.9357660584853786, style: { numberFormat: "0.00%" } }],
    ["A6", { value: "370103" }],
    ["B6", { value: "市中区" }],
    ["C6", { value: 2000.25, style: input }],
    ["D6", { value: -0.000125, style: input }],
    ["E6", { formula: "D6>C6", value: false }],
    ["F6", { formula: 'IF(D6>0,"正常","异常")', value: "异常" }],
    ["G6", { formula: "1/0", value: null }],
    ["H6", { value: true }],
    ["I6", { value: "A&B <x> \"q\" 's' 1e5 _x0041_ 行1\n行2\t  " }],
    ["J6", { value: "" }],
    ["K6", { value: 1e-7 }],
    ["L6", { value: 123456789012345 }],
    ["M6", { value: null, style: { border: true } }],
  ]);
  return {
    activeSheet: 1,
    sheets: [
      {
        name: "封面",
        cells: new Map<string, XlsxCell>([
          ["A1", { value: "F_PREF" }],
          ["B1", { value: "填报单位" }],
          ["C1", { value: "济南市教育局", style: { locked: false } }],
          ["C2", { formula: `'${FORM}'!C4`, value: 3000.5 }],
        ]),
        hiddenColumns: [0],
        columnWidths: { 1: 20, 2: 30 },
      },
      {
        name: FORM,
        cells: grid,
        columnWidths: { 0: 10, 1: 16.5, 4: 12 },
        rowHeights: { 1: 30 },
        hiddenRows: [2],
        hiddenColumns: [7, 9, 10],
        rowOutlineLevels: { 4: 1, 5: 1 },
        merges: ["A1:E1"],
        freeze: { row: 3, col: 2 },
        dataValidations: [
          {
            range: "C5:D6",
            type: "decimal",
            operator: "greaterThanOrEqual",
            formula1: "0",
            errorTitle: "输入错误",
            error: "请输入不小于 0 的数值（人数）。",
            promptTitle: "在校生人数",
            prompt: "单位：人",
          },
          { range: "H6", type: "list", formula1: '"是,否"', allowBlank: true },
          { range: "B5:B6", type: "list", formula1: "$B$4:$B$4" },
        ],
        conditionalFormats: [
          { range: "C5:D6", formula: "AND(ISNUMBER(C5),C5<0)", fill: "FFC7CE", fontColor: "9C0006" },
          { range: "E5:E6", formula: 'AND(E5<>"",E5>1)', fill: "FFC7CE", fontColor: "9C0006" },
        ],
        protection: { allowFormatColumns: true },
      },
      {
        name: "_meta",
        state: "hidden",
        cells: new Map<string, XlsxCell>([
          ["A1", { value: "edition" }],
          ["B1", { value: "2024" }],
          ["A2", { value: "period" }],
          ["B2", { value: 2024 }],
        ]),
      },
      { name: "veryHidden", state: "veryHidden", cells: new Map([["A1", { value: 1 }]]) },
    ],
    definedNames: [{ name: "E01_STUDENTS", ref: `'${FORM}'!$C$5:$C$6`, hidden: true }],
  };
}
