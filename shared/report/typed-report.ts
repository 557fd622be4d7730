import type { FieldDefinition } from "../forms/form-schema.ts";
import type { FormSet, LoadedSheet } from "../forms/form-set.ts";
import { reportScopeOf, rowUnitsWords } from "../units/report-scope.ts";
import type { ReportingUnit } from "../units/unit-tree.ts";
import { compileRule, singleRowContext } from "../rules/evaluate-rule.ts";
import type { Evaluator, RuleRow, RuleValue } from "../rules/evaluate-rule.ts";
import type { CellValue, ReportData, ReportRow } from "./report-data.ts";
import { foldKey } from "../values/fold-key.ts";
import { BLANK, normalizeCell } from "./normalize-cell.ts";

/** A problem found while typing the raw values: a blank input, a wrong type, an unknown row or field, an overwritten formula. */
export interface CellProblem {
  kind: "blank" | "type" | "structure" | "formula";
  sheetCode: string;
  /** undefined when the report names a sheet the form set does not have. */
  sheet: LoadedSheet | undefined;
  /** Grid: county code; list: position; cover: "". */
  row: string | number;
  rowKey: string;
  fieldCode: string;
  detailZh: string;
  detailEn: string;
}

export interface TypedRow {
  /** Grid: county code; cover: prefecture code; list: folded key fields joined by "|". */
  key: string;
  /** Where the row is in its sheet's layout: the county code (grid), the list position, or "" (cover). */
  layoutRow: string | number;
  values: RuleValue[];
}

export interface TypedSheet {
  sheet: LoadedSheet;
  /** Grid sheets: one row per county, in the prefecture's county order (so grids align row by row). */
  rows: TypedRow[];
  /** The row with this key, or undefined. */
  rowByKey(key: string): RuleRow | undefined;
}

/** A report with every cell typed: the rows rules evaluate, by sheet. */
export type TypedReport = Map<string, TypedSheet>;

/** What typing a sheet's rows needs, prepared once per sheet: the inputs, and each computed field's compiled formula. */
export interface SheetPlan {
  inputs: { field: FieldDefinition; index: number }[];
  /** `asserted` when a rule of the sheet checks exactly the formula (R01.1): that rule, not T04, reports a mismatch. */
  computed: { code: string; index: number; evaluate: Evaluator; asserted: boolean }[];
}

const plans = new WeakMap<LoadedSheet, SheetPlan>();

/** A sheet's inputs and compiled computed fields, prepared once (typing and consolidation both compute with them). */
export function sheetPlanOf(sheet: LoadedSheet): SheetPlan {
  let plan = plans.get(sheet);
  if (!plan) {
    const resolve = (reference: { field: string }) => ({ slot: 0, index: sheet.fieldIndex(reference.field) });
    plan = {
      inputs: sheet.fields.flatMap((field, index) => (field.formula ? [] : [{ field, index }])),
      computed: sheet.computed.map(({ field, index, expression }) => {
        const assertion = JSON.stringify({ kind: "comparison", operator: "=", left: { kind: "field", field: field.code, previous: false }, right: expression });
        const asserted = sheet.rules.some((rule) => rule.checks.some((check) => JSON.stringify(check.expression) === assertion));
        return { code: field.code, index, evaluate: compileRule(expression, resolve).evaluate, asserted };
      }),
    };
    plans.set(sheet, plan);
  }
  return plan;
}

const inputRowKeySets = new WeakMap<ReportingUnit, Set<string>>();
/** The keys of a unit's grid input rows: a prefecture's county codes, a county's own code. */
export function inputRowKeysOf(unit: ReportingUnit): Set<string> {
  let codes = inputRowKeySets.get(unit);
  if (!codes) inputRowKeySets.set(unit, (codes = new Set(reportScopeOf(unit).rowUnits.map((county) => county.code))));
  return codes;
}

const isBlank = (raw: CellValue | undefined) => raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "");
const sameNumber = (a: number, b: number) => Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b));

/**
 * Types every value of a report against the form set (blank, type, structure problems go to
 * `problems`) and computes the computed fields. A computed field keeps a value the report carries
 * (a cached value read from a file), so that rules such as R01.1 can check it; otherwise it holds
 * the recomputed value. This runs on every keystroke: one array per row, no other allocation per cell.
 */
export function typeReport(formSet: FormSet, unit: ReportingUnit, report: ReportData, problems: CellProblem[] | undefined): TypedReport {
  const phonePattern = new RegExp(formSet.data.phonePattern);
  const scope = reportScopeOf(unit);
  const countyCodes = inputRowKeysOf(unit);
  const rowUnits = rowUnitsWords(unit);
  const typed: TypedReport = new Map();
  const note = (problem: CellProblem) => problems?.push(problem);
  for (const sheetCode of Object.keys(report.sheets)) {
    if (!formSet.sheet(sheetCode)) {
      note({
        kind: "structure",
        sheetCode,
        sheet: undefined,
        row: "",
        rowKey: "",
        fieldCode: "",
        detailZh: `未知工作表 ${sheetCode}`,
        detailEn: `unknown sheet ${sheetCode}`,
      });
    }
  }
  const formulaContext = singleRowContext(Number(report.period));

  for (const sheet of formSet.sheets) {
    const reportRows = report.sheets[sheet.code] ?? [];
    const { inputs, computed } = sheetPlanOf(sheet);
    const unknownFields = new Set<string>();
    const problem = (kind: CellProblem["kind"], row: string | number, rowKey: string, fieldCode: string, detailZh: string, detailEn: string) =>
      note({ kind, sheetCode: sheet.code, sheet, row, rowKey, fieldCode, detailZh, detailEn });

    const typeRow = (reportRow: ReportRow | undefined, key: string, layoutRow: string | number): TypedRow => {
      const values: RuleValue[] = new Array(sheet.fields.length).fill(null);
      const raw = reportRow?.values;
      let knownPresent = 0;
      for (const { field, index } of inputs) {
        if (raw?.[field.code] !== undefined) knownPresent++;
        if (field.prefill) {
          values[index] = field.prefill === "period" ? report.period : scope.title;
          continue;
        }
        const normalized = normalizeCell(field, raw?.[field.code], phonePattern);
        if (typeof normalized === "number" || typeof normalized === "string") values[index] = normalized;
        else if (normalized === BLANK) problem("blank", layoutRow, key, field.code, "未填写(无数据请填 0)", "is blank (enter 0 for none)");
        else problem("type", layoutRow, key, field.code, normalized.problemZh, normalized.problemEn);
      }
      formulaContext.rows[0] = values;
      for (const { code, index, evaluate, asserted } of computed) {
        const value = evaluate(formulaContext);
        const reported = raw?.[code];
        if (reported !== undefined) knownPresent++;
        if (typeof reported !== "number") {
          values[index] = value;
          continue;
        }
        values[index] = reported;
        if (!asserted && !(typeof value === "number" && sameNumber(reported, value))) {
          problem(
            "formula",
            layoutRow,
            key,
            code,
            `公式单元格的值 ${reported} 与公式结果 ${value ?? "空"} 不符(公式被改写?)`,
            `holds ${reported} but its formula gives ${value ?? "blank"} (formula overwritten?)`,
          );
        }
      }
      // Only when the row has more fields than the known ones present is there an unknown field to name.
      if (raw) {
        let present = 0;
        for (const _ in raw) present++;
        if (present > knownPresent) for (const fieldCode in raw) if (sheet.fieldIndex(fieldCode) < 0) unknownFields.add(fieldCode);
      }
      return { key, layoutRow, values };
    };

    const rows: TypedRow[] = [];
    if (sheet.kind === "list" && !scope.holdsLists) {
      // This level's report has no list sheets: rows sent for one are not the unit's to report.
      if (reportRows.some((reportRow) => !Object.values(reportRow.values).every(isBlank)))
        problem("structure", "", "", "", `本单位的报表不含工作表 ${sheet.code}`, `this unit's report has no sheet ${sheet.code}`);
    } else if (sheet.kind === "grid") {
      const counties = scope.rowUnits;
      // Readers and the add-in send the counties in order: match them by position, and by key only when they are not.
      const inOrder = reportRows.length === counties.length && counties.every((county, index) => reportRows[index]?.key === county.code);
      const byKey = new Map<string, ReportRow>();
      if (!inOrder) {
        for (const reportRow of reportRows) {
          if (reportRow.key === scope.totalKey) continue; // the 合计 row is computed, never input
          if (byKey.has(reportRow.key)) problem("structure", "", reportRow.key, "", `重复的行 ${reportRow.key}`, `${reportRow.key} duplicate row`);
          else if (!countyCodes.has(reportRow.key))
            problem("structure", "", reportRow.key, "", `不是${rowUnits.zh}的行 ${reportRow.key}`, `${reportRow.key} is not ${rowUnits.en}`);
          else byKey.set(reportRow.key, reportRow);
        }
      }
      counties.forEach((county, index) => rows.push(typeRow(inOrder ? reportRows[index] : byKey.get(county.code), county.code, county.code)));
    } else if (sheet.kind === "list") {
      const maxRows = sheet.definition.maxRows ?? 0;
      let beyondCapacity = false;
      reportRows.forEach((reportRow, index) => {
        // Entirely blank rows are the template's spare rows.
        if (Object.values(reportRow.values).every(isBlank)) return;
        const position = reportRow.position ?? index;
        // A row the workbook has no place for: named once, at the first such row.
        if (position >= maxRows || rows.length >= maxRows) {
          if (!beyondCapacity) problem("structure", position, reportRow.key, "", `超过本表上限 ${maxRows} 行`, `beyond the form's ${maxRows} rows`);
          beyondCapacity = true;
          return;
        }
        const key = sheet.keyFields.map((field) => foldKey(String(reportRow.values[field.code] ?? ""))).join("|");
        rows.push(typeRow(reportRow, key, position));
      });
    } else {
      rows.push(typeRow(reportRows[0], scope.code, ""));
    }
    for (const fieldCode of unknownFields) problem("structure", "", "", fieldCode, `未知字段 ${fieldCode}`, `unknown field ${fieldCode}`);
    let byKey: Map<string, RuleRow> | undefined;
    typed.set(sheet.code, { sheet, rows, rowByKey: (key) => (byKey ??= new Map(rows.map((row) => [row.key, row.values]))).get(key) });
  }
  return typed;
}
