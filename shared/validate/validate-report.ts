import type { ExplanationReason } from "../report/explanation-reasons.ts";
import type { Severity } from "../forms/form-schema.ts";
import type { FormSet, LoadedRule, LoadedSheet } from "../forms/form-set.ts";
import { unitLayout } from "../layout/workbook-layout.ts";
import type { WorkbookLayout } from "../layout/workbook-layout.ts";
import { issueKey } from "../report/report-data.ts";
import type { ReportData } from "../report/report-data.ts";
import { describeFailure } from "./describe-rule.ts";
import type { FieldLabels } from "./describe-rule.ts";
import { compileRule } from "../rules/evaluate-rule.ts";
import type { CompiledExpression, RuleContext } from "../rules/evaluate-rule.ts";
import { fieldReferences } from "../rules/rule-syntax.ts";
import type { FieldReference, RuleExpression } from "../rules/rule-syntax.ts";
import { reportScopeOf, rowUnitsWords } from "../units/report-scope.ts";
import type { ReportingUnit } from "../units/unit-tree.ts";
import { typeReport } from "../report/typed-report.ts";
import type { CellProblem, TypedReport } from "../report/typed-report.ts";
import { OUTLIER_RULE, describeOutlier } from "../quality/describe-range.ts";
import { isOutlier } from "../quality/outlier-ranges.ts";
import type { OutlierRanges } from "../quality/outlier-ranges.ts";

export interface ValidationIssue {
  ruleId: string;
  severity: Severity;
  sheetCode: string;
  sheetName: string;
  /** A1 of the cell at fault ("" when the problem is not in one cell, e.g. an unknown sheet). */
  cell: string;
  /** "教扶04!E7" */
  address: string;
  rowKey: string;
  fieldCode: string;
  messageZh: string;
  messageEn: string;
  /** The explanation the report gives for this warning. */
  explanation?: string;
  /** The reason code the report gives with it. */
  explanationReason?: ExplanationReason;
}

export interface ValidationResult {
  issues: ValidationIssue[];
  errorCount: number;
  warningCount: number;
  /** Warnings without an explanation of the required length: they block submission as errors do. */
  unexplainedWarnings: ValidationIssue[];
  canSubmit: boolean;
}

export interface ValidationInput {
  /** The unit whose report is checked, at any level. */
  unit: ReportingUnit;
  formSet: FormSet;
  report: ReportData;
  /** The unit's accepted report of the previous period, for history rules. */
  previous?: ReportData;
  /** Defaults to the unit's standard layout. */
  layout?: WorkbookLayout;
  /** The report already typed by `typeReport`, with the problems it noted (a caller that also stores the values types it once). */
  typed?: { report: TypedReport; problems: CellProblem[] };
  /** The outlier ranges of the template's _ranges sheet (shared/quality): a value outside its range is warning O01. */
  ranges?: OutlierRanges;
  /**
   * The server's check, which has no _ranges: O01 as the clerk's template found it, one warning for each
   * O01 explanation the report gives on a number of a grid row (see declaredOutlierIssues).
   */
  declaredOutliers?: boolean;
}

/** Checks the engine applies to every cell, before the form set's own rules. */
export const BUILT_IN_RULES = {
  blank: { id: "T01", severity: "error", titleZh: "必填", titleEn: "required" },
  type: { id: "T02", severity: "error", titleZh: "数据类型", titleEn: "data type" },
  structure: { id: "T03", severity: "error", titleZh: "表式结构", titleEn: "form structure" },
  formula: { id: "T04", severity: "error", titleZh: "计算公式", titleEn: "computed formula" },
} as const satisfies Record<CellProblem["kind"], { id: string; severity: Severity; titleZh: string; titleEn: string }>;

/** The rows a sheet's checks read besides the current one (slot 0): other sheets' and the previous period's. */
interface RowSlot {
  sheetCode: string;
  previous: boolean;
}

interface CompiledSheet {
  checks: CompiledCheck[];
  slots: RowSlot[];
}

interface CompiledCheck {
  rule: LoadedRule;
  expression: RuleExpression;
  compiled: CompiledExpression;
  /** The field an issue points at: the check's first field of this sheet. */
  targetField: string;
}

const compiledSheets = new WeakMap<LoadedSheet, CompiledSheet>();

/** The field an issue of a check points at: its first field of the same sheet and period. */
export function checkTargetField(expression: RuleExpression): string {
  const references = fieldReferences(expression);
  return (references.find((reference) => reference.sheet === undefined && !reference.previous) ?? references[0])?.field ?? "";
}

function compiledSheetOf(formSet: FormSet, sheet: LoadedSheet): CompiledSheet {
  let compiled = compiledSheets.get(sheet);
  if (!compiled) {
    const slots: RowSlot[] = [{ sheetCode: sheet.code, previous: false }];
    const resolve = (reference: FieldReference) => {
      const sheetCode = reference.sheet ?? sheet.code;
      let slot = slots.findIndex((candidate) => candidate.sheetCode === sheetCode && candidate.previous === reference.previous);
      if (slot < 0) slot = slots.push({ sheetCode, previous: reference.previous }) - 1;
      return { slot, index: (formSet.sheet(sheetCode) as LoadedSheet).fieldIndex(reference.field) };
    };
    const checks = sheet.rules.flatMap((rule) =>
      rule.checks.map(({ expression }) => ({ rule, expression, compiled: compileRule(expression, resolve), targetField: checkTargetField(expression) })),
    );
    compiled = { checks, slots };
    compiledSheets.set(sheet, compiled);
  }
  return compiled;
}

/** Labels of fields for messages: a cross-sheet field is named with its sheet code. */
export function fieldLabelsOf(formSet: FormSet, sheet: LoadedSheet): FieldLabels {
  const definition = (reference: { sheet?: string; field: string }) => (reference.sheet ? formSet.sheet(reference.sheet) : sheet)?.field(reference.field);
  return {
    label: (reference, language) => {
      const field = definition(reference);
      const label = (language === "zh" ? field?.labelZh : field?.labelEn) ?? reference.field;
      return reference.sheet ? `${reference.sheet} ${label}` : label;
    },
    type: (reference) => definition(reference)?.type ?? "real",
  };
}

/**
 * The previous period's accepted report does not change while a clerk types, so it is typed once
 * per report object (measured: typing it on every pass doubled the time of a full validation).
 * Callers treat a previous report as immutable.
 */
const typedPreviousReports = new WeakMap<ReportData, { formSet: FormSet; unit: ReportingUnit; typed: TypedReport }>();
function typedPrevious(formSet: FormSet, unit: ReportingUnit, report: ReportData): TypedReport {
  const cached = typedPreviousReports.get(report);
  if (cached && cached.formSet === formSet && cached.unit === unit) return cached.typed;
  const typed = typeReport(formSet, unit, report, undefined);
  typedPreviousReports.set(report, { formSet, unit, typed });
  return typed;
}

/**
 * The validation engine: one full pass over a report. Types every cell, computes computed
 * fields, evaluates every rule on every row, and says each problem with its rule, sheet, cell
 * and a message in Chinese and English.
 */
export function validateReport(input: ValidationInput): ValidationResult {
  const { formSet, report } = input;
  const unit = input.unit;
  // Only an issue is placed in a cell: a report without one never builds the layout.
  let layout = input.layout;
  const problems: CellProblem[] = input.typed?.problems ?? [];
  const current = input.typed?.report ?? typeReport(formSet, unit, report, problems);
  const previous = input.previous ? typedPrevious(formSet, unit, input.previous) : undefined;
  // inPrefecture(E06_COUNTY): the county is the unit or one below it (a prefecture's counties, a county itself).
  const counties = reportScopeOf(unit).listUnitCodes;
  const rowUnits = rowUnitsWords(unit);
  const issues: ValidationIssue[] = [];

  const locate = (sheetCode: string, row: string | number, fieldCode: string) => {
    layout ??= unitLayout(formSet, unit, report.period);
    const cell = (fieldCode && layout.sheet(sheetCode)?.cellOf(row, fieldCode)) || "";
    return { cell, address: cell ? `${sheetCode}!${cell}` : sheetCode };
  };

  for (const problem of problems) {
    const rule = BUILT_IN_RULES[problem.kind];
    const { cell, address } = locate(problem.sheetCode, problem.row, problem.fieldCode);
    const field = problem.sheet?.field(problem.fieldCode);
    issues.push({
      ruleId: rule.id,
      severity: rule.severity,
      sheetCode: problem.sheetCode,
      sheetName: problem.sheet?.name ?? problem.sheetCode,
      cell,
      address,
      rowKey: problem.rowKey,
      fieldCode: problem.fieldCode,
      messageZh: `${address} ${field ? `${field.labelZh} ` : ""}${problem.detailZh} [${rule.id} ${rule.titleZh}]`,
      messageEn: `${address} ${field ? `${field.labelEn} ` : ""}${problem.detailEn} [${rule.id} ${rule.titleEn}]`,
    });
  }

  for (const sheet of formSet.sheets) {
    const typedSheet = current.get(sheet.code);
    if (!typedSheet || typedSheet.rows.length === 0) continue;
    const { checks, slots } = compiledSheetOf(formSet, sheet);
    if (checks.length === 0) continue;
    const labels = fieldLabelsOf(formSet, sheet);
    // The sheets each slot reads from. Grid sheets align row by row (one row per county, in order), so a slot
    // row is found by position; on other sheets, by key.
    const slotSheets = slots.map((slot) => (slot.previous ? previous : current)?.get(slot.sheetCode));
    const aligned = sheet.kind === "grid";
    const context: RuleContext = {
      rows: new Array(slots.length),
      sheetRows: typedSheet.rows.map((row) => row.values),
      period: Number(report.period),
      isCountyOfPrefecture: (code) => counties.has(code),
    };
    typedSheet.rows.forEach((row, rowIndex) => {
      context.rows[0] = row.values;
      for (let slot = 1; slot < slots.length; slot++)
        context.rows[slot] = aligned ? slotSheets[slot]?.rows[rowIndex]?.values : slotSheets[slot]?.rowByKey(row.key);
      for (const check of checks) {
        if (check.compiled.evaluate(context) !== false) continue;
        const { cell, address } = locate(sheet.code, row.layoutRow, check.targetField);
        const definition = check.rule.definition;
        issues.push({
          ruleId: definition.id,
          severity: definition.severity,
          sheetCode: sheet.code,
          sheetName: sheet.name,
          cell,
          address,
          rowKey: row.key,
          fieldCode: check.targetField,
          messageZh: `${address} ${describeFailure(check.compiled, check.expression, context, labels, "zh", `不是${rowUnits.zh}`)} [${definition.id} ${definition.titleZh}]`,
          messageEn: `${address} ${describeFailure(check.compiled, check.expression, context, labels, "en", `is not ${rowUnits.en}`)} [${definition.id} ${definition.titleEn}]`,
        });
      }
    });
  }

  if (input.ranges) issues.push(...outlierIssues(current, input.ranges, locate));
  else if (input.declaredOutliers) issues.push(...declaredOutlierIssues(current, report, locate));

  return summarize(issues, report, formSet.data.explanationMinLength);
}

type Locate = (sheetCode: string, row: string | number, fieldCode: string) => { cell: string; address: string };

/** O01: each count or amount of a grid row outside the range its unit's _ranges row gives. */
function outlierIssues(current: TypedReport, ranges: OutlierRanges, locate: Locate): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  for (const { sheet, rows } of current.values()) {
    if (sheet.kind !== "grid") continue;
    for (const row of rows) {
      for (const [fieldCode, range] of ranges.get(row.key) ?? []) {
        const value = row.values[sheet.fieldIndex(fieldCode)];
        const field = sheet.field(fieldCode);
        if (typeof value !== "number" || !field || !isOutlier(range, value)) continue;
        const { cell, address } = locate(sheet.code, row.layoutRow, fieldCode);
        const words = describeOutlier(range, value);
        issues.push({
          ruleId: OUTLIER_RULE.id,
          severity: OUTLIER_RULE.severity,
          sheetCode: sheet.code,
          sheetName: sheet.name,
          cell,
          address,
          rowKey: row.key,
          fieldCode,
          messageZh: `${address} ${field.labelZh} ${words.zh} [${OUTLIER_RULE.id} ${OUTLIER_RULE.titleZh}]`,
          messageEn: `${address} ${field.labelEn} ${words.en} [${OUTLIER_RULE.id} ${OUTLIER_RULE.titleEn}]`,
        });
      }
    }
  }
  return issues;
}

/**
 * O01 at the server: the ranges are the template's, made when the clerk downloaded it, and the
 * server does not make them again at each submit (peers' figures move; a range made now could flag a
 * value the clerk's pane did not, and cost the submit its CPU). The clerk's pane refused to submit an
 * outlier unexplained, so each O01 explanation on a number of a grid row is kept as its warning, with
 * its text and reason: the review card and 预警分析 see O01 as they see every other rule.
 */
function declaredOutlierIssues(current: TypedReport, report: ReportData, locate: Locate): ValidationIssue[] {
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  for (const explanation of report.explanations ?? []) {
    if (explanation.ruleId !== OUTLIER_RULE.id || seen.has(issueKey(explanation))) continue;
    seen.add(issueKey(explanation));
    const typed = current.get(explanation.sheetCode);
    const row = typed?.rows.find((candidate) => candidate.key === explanation.rowKey);
    const field = typed?.sheet.field(explanation.fieldCode);
    if (typed?.sheet.kind !== "grid" || !row || !field || typeof row.values[typed.sheet.fieldIndex(field.code)] !== "number") continue;
    const { cell, address } = locate(typed.sheet.code, row.layoutRow, field.code);
    issues.push({
      ruleId: OUTLIER_RULE.id,
      severity: OUTLIER_RULE.severity,
      sheetCode: typed.sheet.code,
      sheetName: typed.sheet.name,
      cell,
      address,
      rowKey: row.key,
      fieldCode: field.code,
      messageZh: `${address} ${field.labelZh} 超出填报模板给出的合理范围（报送端判定） [${OUTLIER_RULE.id} ${OUTLIER_RULE.titleZh}]`,
      messageEn: `${address} ${field.labelEn} is outside the range the template gave (found by the client) [${OUTLIER_RULE.id} ${OUTLIER_RULE.titleEn}]`,
    });
  }
  return issues;
}

/** Attaches the report's explanations to its warnings and decides whether it may be submitted. */
function summarize(issues: ValidationIssue[], report: ReportData, explanationMinLength: number): ValidationResult {
  const explanations = new Map((report.explanations ?? []).map((explanation) => [issueKey(explanation), explanation]));
  return validationResult(issues, (issue) => {
    const given = explanations.get(issueKey(issue));
    const explanation = given?.text.trim();
    if (explanation) issue.explanation = explanation;
    if (explanation && given?.reason) issue.explanationReason = given.reason;
    return { issue, explained: Boolean(explanation) && [...(explanation ?? "")].length >= explanationMinLength };
  });
}

/**
 * A check's result (a report's, a roster's): errors counted, each warning given its explanation by
 * `explain` (the issue to list, and whether it is explained at the minimum length), and whether the
 * whole may be submitted: no error and no warning left unexplained.
 */
export function validationResult(
  issues: ValidationIssue[],
  explain: (warning: ValidationIssue) => { issue: ValidationIssue; explained: boolean },
): ValidationResult {
  const unexplainedWarnings: ValidationIssue[] = [];
  let errorCount = 0;
  const listed = issues.map((issue) => {
    if (issue.severity === "error") {
      errorCount++;
      return issue;
    }
    const { issue: shown, explained } = explain(issue);
    if (!explained) unexplainedWarnings.push(shown);
    return shown;
  });
  return {
    issues: listed,
    errorCount,
    warningCount: issues.length - errorCount,
    unexplainedWarnings,
    canSubmit: errorCount === 0 && unexplainedWarnings.length === 0,
  };
}
