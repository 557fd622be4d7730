import fc from "fast-check";
import { FunctionArgumentType, FunctionPlugin, HyperFormula } from "hyperformula";
import { describe, expect, it } from "vitest";
import { currentFormSet } from "../../support/current-form-set.ts";
import type { LoadedSheet } from "../../../shared/forms/form-set.ts";
import { excelReferencesFor } from "../../../shared/layout/excel-references.ts";
import { unitLayout } from "../../../shared/layout/workbook-layout.ts";
import type { WorkbookLayout } from "../../../shared/layout/workbook-layout.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import type { CellValue, ReportData, ReportRow } from "../../../shared/report/report-data.ts";
import { renderExcelComputedFormula, renderExcelFailureCondition } from "../../../shared/rules/excel-formula.ts";
import { checkTargetField, validateReport } from "../../../shared/validate/validate-report.ts";
import { parseA1 } from "../../../shared/xlsx/cell-address.ts";

/** Excel's ASC (full-width to half-width), which HyperFormula lacks: the documented behaviour, for the oracle. */
class AscPlugin extends FunctionPlugin {
  static override implementedFunctions = { ASC: { method: "asc", parameters: [{ argumentType: FunctionArgumentType.STRING }] } };
  asc(ast: { args: Parameters<FunctionPlugin["runFunction"]>[0] }, state: Parameters<FunctionPlugin["runFunction"]>[1]) {
    return this.runFunction(ast.args, state, this.metadata("ASC"), (text: string) =>
      text.replace(/[\uFF01-\uFF5E]/g, (character) => String.fromCharCode(character.charCodeAt(0) - 0xfee0)).replace(/\u3000/g, " "),
    );
  }
}
HyperFormula.registerFunctionPlugin(AscPlugin, { enGB: { ASC: "ASC" } });

const jinan = reportingTree.unit("370100")!;
const layout = unitLayout(currentFormSet, jinan, "2019");
const FILLED_COUNTIES = jinan.children.slice(0, 3).map((county) => county.code);

/** Cells of a sheet as HyperFormula wants them: a dense 2-D array. */
function denseSheet(cells: Map<string, string | number | boolean | null>): (string | number | boolean | null)[][] {
  const grid: (string | number | boolean | null)[][] = [];
  for (const [a1, value] of cells) {
    const { row, col } = parseA1(a1);
    while (grid.length <= row) grid.push([]);
    const line = grid[row] as (string | number | boolean | null)[];
    while (line.length <= col) line.push(null);
    line[col] = value;
  }
  return grid;
}

/** The workbook as the template would hold it: values, computed formulas and, beside the data, one failure-condition cell per check and row. */
function buildWorkbook(report: ReportData, previous: ReportData, workbookLayout: WorkbookLayout) {
  const sheets = new Map<string, Map<string, string | number | boolean | null>>();
  const sheetCells = (name: string) => sheets.get(name) ?? sheets.set(name, new Map()).get(name)!;
  const probes: { sheetName: string; a1: string; ruleId: string; rowKey: string; fieldCode: string }[] = [];
  for (const sheetLayout of workbookLayout.sheets) {
    const sheet = sheetLayout.sheet;
    const cells = sheetCells(sheetLayout.name);
    const rows = report.sheets[sheet.code] ?? [];
    // grid: key column, then values; computed fields as formulas
    // County codes are text in the template; a leading apostrophe keeps HyperFormula from reading them as numbers.
    if (sheet.kind === "grid") for (const row of sheetLayout.rows) cells.set(`A${(sheetLayout.rowOf(row.key) as number) + 1}`, `'${row.key}`);
    const layoutRows: (string | number)[] =
      sheet.kind === "grid"
        ? sheetLayout.rows.filter((row) => row.kind === "county").map((row) => row.key)
        : sheet.kind === "list"
          ? rows.map((_, index) => index)
          : [""];
    for (const layoutRow of layoutRows) {
      const reportRow: ReportRow | undefined =
        sheet.kind === "grid" ? rows.find((row) => row.key === layoutRow) : sheet.kind === "list" ? rows[layoutRow as number] : rows[0];
      for (const field of sheet.fields) {
        const a1 = sheetLayout.cellOf(layoutRow, field.code) as string;
        if (field.formula) {
          const formula = renderExcelComputedFormula(
            sheet.computed.find((computed) => computed.field.code === field.code)!.expression,
            excelReferencesFor(workbookLayout, sheet.code, layoutRow),
          );
          cells.set(a1, `=${formula}`);
        } else if (field.prefill === "period") cells.set(a1, report.period);
        else if (field.prefill === "prefectureName") cells.set(a1, jinan.name);
        else cells.set(a1, (reportRow?.values[field.code] ?? null) as string | number | null);
      }
      // Probes to the right of the data, one per check.
      let probeColumn = 40;
      for (const rule of sheet.rules) {
        for (const check of rule.checks) {
          const condition = renderExcelFailureCondition(check.expression, excelReferencesFor(workbookLayout, sheet.code, layoutRow));
          expect(condition, `${rule.definition.id} renders`).toBeDefined();
          const row = sheet.kind === "cover" ? (sheetLayout.rowOf("", "C_UNIT") as number) : (sheetLayout.rowOf(layoutRow) as number);
          const a1 = `${String.fromCharCode(65 + Math.floor(probeColumn / 26) - 1)}${String.fromCharCode(65 + (probeColumn % 26))}${row + 1}`;
          probeColumn++;
          cells.set(a1, `=${condition}`);
          const rowKey = sheet.kind === "grid" ? (layoutRow as string) : sheet.kind === "cover" ? jinan.code : "";
          probes.push({
            sheetName: sheetLayout.name,
            a1,
            ruleId: rule.definition.id,
            rowKey: sheet.kind === "list" ? `#${layoutRow}` : rowKey,
            fieldCode: checkTargetField(check.expression),
          });
        }
      }
    }
  }
  // The previous period's values on _prev, aligned with the grid rows.
  const prevCells = sheetCells(workbookLayout.previous.name);
  for (const sheet of currentFormSet.sheets.filter((candidate) => candidate.kind === "grid")) {
    for (const row of previous.sheets[sheet.code] ?? []) {
      for (const fieldCode of workbookLayout.previous.fieldCodes) {
        const a1 = workbookLayout.previous.cellOf(row.key, fieldCode);
        if (a1 && sheet.fieldIndex(fieldCode) >= 0) prevCells.set(a1, (row.values[fieldCode] ?? null) as number | null);
      }
    }
  }
  const engine = HyperFormula.buildFromSheets(Object.fromEntries([...sheets].map(([name, cells]) => [name, denseSheet(cells)])), {
    licenseKey: "gpl-v3",
    useArrayArithmetic: true,
  });
  return { engine, probes };
}

const number = fc.oneof(
  fc.constant(null),
  fc.integer({ min: 0, max: 30 }),
  fc.integer({ min: 0, max: 3000 }),
  fc.integer({ min: 0, max: 300_000 }).map((hundredths) => hundredths / 100),
);
const integer = fc.oneof(fc.constant(null), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 3000 }));
const valueFor = (sheet: LoadedSheet, code: string) => (sheet.field(code)?.type === "dec2" ? number : integer);

function gridRowsArbitrary(sheet: LoadedSheet) {
  const inputs = sheet.fields.filter((field) => !field.formula);
  return fc.tuple(...FILLED_COUNTIES.map(() => fc.tuple(...inputs.map((field) => valueFor(sheet, field.code))))).map((rows) =>
    rows.map((values, index) => ({
      key: FILLED_COUNTIES[index] as string,
      values: Object.fromEntries(inputs.map((field, i) => [field.code, values[i] as CellValue])),
    })),
  );
}

const grids = currentFormSet.sheets.filter((sheet) => sheet.kind === "grid");
const list = currentFormSet.sheet("教扶06")!;
const keyText = fc.constantFrom("山东大学", " 山东大学", "ＡＢＣ大学", "ABC大学", "乡镇1", "乡镇２");
const countyCode = fc.constantFrom("370102", "３７０１０２", "370103", "370202", " 370112");
const listRow = fc.record({
  E06_UNIV: keyText,
  E06_COUNTY: countyCode,
  E06_TOWN: keyText,
  E06_PROJ: integer,
  E06_TEAM: integer,
  E06_CONSULT: integer,
  E06_TRAIN: integer,
});
const coverDate = fc.oneof(fc.integer({ min: 43000, max: 44500 }), fc.constant(null));

const reportArbitrary = fc
  .record({
    grids: fc.tuple(...grids.map(gridRowsArbitrary)),
    previous: fc.tuple(...grids.map(gridRowsArbitrary)),
    list: fc.array(listRow, { maxLength: 6 }),
    date: coverDate,
  })
  .map(({ grids: gridRows, previous, list: listRows, date }) => {
    const sheetsOf = (rows: ReportRow[][]) => Object.fromEntries(grids.map((sheet, index) => [sheet.code, rows[index] as ReportRow[]]));
    const report: ReportData = {
      edition: currentFormSet.edition,
      unitCode: jinan.code,
      period: "2019",
      sheets: {
        ...sheetsOf(gridRows),
        [list.code]: listRows.map((values, position) => ({ key: "", position, values })),
        封面: [{ key: jinan.code, values: { C_HEAD: "甲", C_STAT_HEAD: "乙", C_FILLER: "丙", C_PHONE: "13800000000", C_DATE: date } }],
      },
    };
    return { report, previous: { ...report, sheets: sheetsOf(previous) } };
  });

describe("the Excel rendering of every rule", () => {
  it("highlights exactly the cells the evaluator reports, on random rows (HyperFormula as the spreadsheet)", () => {
    fc.assert(
      fc.property(reportArbitrary, ({ report, previous }) => {
        const fromEngine = validateReport({ formSet: currentFormSet, unit: jinan, report, previous, layout })
          .issues.filter((issue) => !issue.ruleId.startsWith("T"))
          .map(
            (issue) =>
              `${issue.ruleId} ${issue.sheetCode === list.code ? `#${layout.sheet(list.code)!.locate(issue.cell)!.row}` : issue.rowKey} ${issue.fieldCode}`,
          );
        const { engine, probes } = buildWorkbook(report, previous, layout);
        const fromExcel = probes
          .filter((probe) => {
            const { row, col } = parseA1(probe.a1);
            const value = engine.getCellValue({ sheet: engine.getSheetId(probe.sheetName) as number, row, col });
            if (typeof value !== "boolean") throw new Error(`${probe.ruleId} ${probe.a1}: ${JSON.stringify(value)}`);
            return value;
          })
          .map((probe) => `${probe.ruleId} ${probe.rowKey} ${probe.fieldCode}`);
        engine.destroy();
        expect(fromExcel.sort()).toEqual(fromEngine.sort());
      }),
      { numRuns: 100 },
    );
  }, 120_000);
});
