import type { FormSet, LoadedSheet } from "../forms/form-set.ts";
import type { Prefecture } from "../regions/region-table.ts";
import { compileRule } from "../rules/evaluate-rule.ts";
import type { ReferenceResolver, RuleRow, RuleValue } from "../rules/evaluate-rule.ts";
import type { CellValue, ReportData, ReportRow } from "../report/report-data.ts";
import { foldKey } from "../values/fold-key.ts";
import { normalizeCell } from "../values/normalize-cell.ts";

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
  rows: TypedRow[];
  byKey: Map<string, RuleRow>;
}

/** A report with every cell typed: the rows rules evaluate, by sheet. */
export type TypedReport = Map<string, TypedSheet>;

const sameSheetResolver =
  (sheet: LoadedSheet): ReferenceResolver =>
  (reference) => ({ previous: false, index: sheet.fieldIndex(reference.field) });

const compiledFormulas = new WeakMap<LoadedSheet, { index: number; evaluate: ReturnType<typeof compileRule>["evaluate"]; asserted: boolean }[]>();

/** Each computed field's compiled formula; `asserted` when a rule of the sheet checks exactly that formula (R01.1), which then reports a mismatch. */
function formulasOf(sheet: LoadedSheet) {
  let formulas = compiledFormulas.get(sheet);
  if (!formulas) {
    formulas = sheet.computed.map(({ field, index, expression }) => {
      const assertion = JSON.stringify({ kind: "comparison", operator: "=", left: { kind: "field", field: field.code, previous: false }, right: expression });
      const asserted = sheet.rules.some((rule) => rule.checks.some((check) => JSON.stringify(check.expression) === assertion));
      return { index, evaluate: compileRule(expression, sameSheetResolver(sheet)).evaluate, asserted };
    });
    compiledFormulas.set(sheet, formulas);
  }
  return formulas;
}

const isBlank = (raw: CellValue | undefined) => raw === null || raw === undefined || (typeof raw === "string" && raw.trim() === "");

/**
 * Types every value of a report against the form set (blank, type, structure problems go to
 * `problems`) and computes the computed fields. A computed field keeps a value the report carries
 * (a cached value read from a file), so that rules such as R01.1 can check it; otherwise it holds
 * the recomputed value.
 */
export function typeReport(formSet: FormSet, prefecture: Prefecture, report: ReportData, problems: CellProblem[] | undefined): TypedReport {
  const phonePattern = new RegExp(formSet.data.phonePattern);
  const typed: TypedReport = new Map();
  const note = (problem: CellProblem) => problems?.push(problem);
  for (const sheetCode of Object.keys(report.sheets)) {
    if (!formSet.sheet(sheetCode)) {
      note({ kind: "structure", sheetCode, sheet: undefined, row: "", rowKey: "", fieldCode: "", detailZh: `未知工作表 ${sheetCode}`, detailEn: `unknown sheet ${sheetCode}` });
    }
  }
  for (const sheet of formSet.sheets) {
    const reportRows = report.sheets[sheet.code] ?? [];
    const formulas = formulasOf(sheet);
    const unknownFields = new Set<string>();
    const typeRow = (reportRow: ReportRow | undefined, key: string, layoutRow: string | number, required: boolean): TypedRow => {
      const values: RuleValue[] = new Array(sheet.fields.length).fill(null);
      const raw = reportRow?.values ?? {};
      for (const fieldCode of Object.keys(raw)) if (sheet.fieldIndex(fieldCode) < 0) unknownFields.add(fieldCode);
      sheet.fields.forEach((field, index) => {
        if (field.formula) return;
        if (field.prefill) {
          values[index] = field.prefill === "period" ? report.period : prefecture.name;
          return;
        }
        const normalized = normalizeCell(field, raw[field.code], phonePattern);
        if ("value" in normalized) values[index] = normalized.value;
        else if ("blank" in normalized) {
          if (required) note({ kind: "blank", sheetCode: sheet.code, sheet, row: layoutRow, rowKey: key, fieldCode: field.code, detailZh: "未填写(无数据请填 0)", detailEn: "is blank (enter 0 for none)" });
        } else note({ kind: "type", sheetCode: sheet.code, sheet, row: layoutRow, rowKey: key, fieldCode: field.code, detailZh: normalized.problemZh, detailEn: normalized.problemEn });
      });
      for (const { index, evaluate, asserted } of formulas) {
        const computed = evaluate({ row: values, sheetRows: [], related: () => undefined, period: Number(report.period), isCountyOfPrefecture: () => false });
        const reported = raw[(sheet.fields[index] as { code: string }).code];
        const reportedNumber = typeof reported === "number" ? reported : undefined;
        values[index] = reportedNumber ?? computed;
        if (!asserted && reportedNumber !== undefined && !(typeof computed === "number" && Math.abs(reportedNumber - computed) <= 1e-6 * Math.max(1, Math.abs(computed)))) {
          const fieldCode = (sheet.fields[index] as { code: string }).code;
          note({ kind: "formula", sheetCode: sheet.code, sheet, row: layoutRow, rowKey: key, fieldCode, detailZh: `公式单元格的值 ${reportedNumber} 与公式结果 ${computed ?? "空"} 不符(公式被改写?)`, detailEn: `holds ${reportedNumber} but its formula gives ${computed ?? "blank"} (formula overwritten?)` });
        }
      }
      return { key, layoutRow, values };
    };

    const rows: TypedRow[] = [];
    if (sheet.kind === "grid") {
      const byKey = new Map<string, ReportRow>();
      for (const reportRow of reportRows) {
        if (reportRow.key === prefecture.code) continue; // the 合计 row is computed, never input
        if (byKey.has(reportRow.key) || !prefecture.counties.some((county) => county.code === reportRow.key)) {
          const detail = byKey.has(reportRow.key) ? ["重复的行", "duplicate row"] : ["不是本市所辖县的行", "is not a county of this prefecture"];
          note({ kind: "structure", sheetCode: sheet.code, sheet, row: "", rowKey: reportRow.key, fieldCode: "", detailZh: `${detail[0]} ${reportRow.key}`, detailEn: `${reportRow.key} ${detail[1]}` });
          continue;
        }
        byKey.set(reportRow.key, reportRow);
      }
      for (const county of prefecture.counties) rows.push(typeRow(byKey.get(county.code), county.code, county.code, true));
    } else if (sheet.kind === "list") {
      reportRows.forEach((reportRow, index) => {
        // Entirely blank rows are the template's spare rows.
        if (Object.values(reportRow.values).every(isBlank)) return;
        const key = sheet.keyFields.map((field) => foldKey(String(reportRow.values[field.code] ?? ""))).join("|");
        rows.push(typeRow(reportRow, key, reportRow.position ?? index, true));
      });
    } else {
      rows.push(typeRow(reportRows[0], prefecture.code, "", true));
    }
    for (const fieldCode of unknownFields) {
      note({ kind: "structure", sheetCode: sheet.code, sheet, row: "", rowKey: "", fieldCode, detailZh: `未知字段 ${fieldCode}`, detailEn: `unknown field ${fieldCode}` });
    }
    typed.set(sheet.code, { sheet, rows, byKey: new Map(rows.map((row) => [row.key, row.values])) });
  }
  return typed;
}
