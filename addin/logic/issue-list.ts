import type { FormSet } from "../../shared/forms/form-set.ts";
import type { FieldDefinition } from "../../shared/forms/form-schema.ts";
import { rowUnitOf } from "../../shared/units/reporting-tree.ts";
import type { ValidationIssue } from "../../shared/validate/validate-report.ts";
import { MAX_COLUMNS, parseA1 } from "../../shared/xlsx/cell-address.ts";
import type { Language } from "./i18n.ts";

/** The issues of one sheet as the pane lists them. */
export interface SheetIssues {
  sheetCode: string;
  sheetName: string;
  errorCount: number;
  warningCount: number;
  /** Errors first, then warnings; within each, in the order of the cells. */
  issues: ValidationIssue[];
}

/** Cells in reading order: "E7" before "C8" before "C10"; an issue in no one cell ("") first. */
function cellOrder(cell: string): number {
  if (!cell) return -1;
  const { row, col } = parseA1(cell);
  return row * MAX_COLUMNS + col;
}

/** Groups issues by sheet in the form set's order (sheetOrder); errors before warnings. */
export function groupIssues(issues: ValidationIssue[], sheetOrder: string[]): SheetIssues[] {
  const groups = new Map<string, SheetIssues>();
  for (const issue of issues) {
    let group = groups.get(issue.sheetCode);
    if (!group) groups.set(issue.sheetCode, (group = { sheetCode: issue.sheetCode, sheetName: issue.sheetName, errorCount: 0, warningCount: 0, issues: [] }));
    group.issues.push(issue);
    if (issue.severity === "error") group.errorCount++;
    else group.warningCount++;
  }
  const rank = (code: string) => (sheetOrder.includes(code) ? sheetOrder.indexOf(code) : sheetOrder.length);
  const sorted = [...groups.values()].sort((a, b) => rank(a.sheetCode) - rank(b.sheetCode));
  for (const group of sorted) {
    group.issues.sort((a, b) => (a.severity === b.severity ? cellOrder(a.cell) - cellOrder(b.cell) : a.severity === "error" ? -1 : 1));
  }
  return sorted;
}

/** The rule id of a blank input cell: progress while the clerk fills the report, an error once they ask to submit. */
export const BLANK_RULE = "T01";

const countyOf = rowUnitOf;

/** What to type into a blank cell, in words that fit the field: a count or an amount may be 0, a name or a date may not. */
function blankMessage(field: FieldDefinition, language: Language): string {
  const zh = language === "zh";
  const label = zh ? field.labelZh : field.labelEn;
  const unit = zh ? field.unitZh : field.unitEn;
  const labelled = unit ? (zh ? `${label}\uff08${unit}\uff09` : `${label} (${unit})`) : label;
  if (field.type === "int" || field.type === "dec2") return zh ? `请填写${labelled}\uff1b没有的填 0。` : `Enter ${labelled}; 0 if there is none.`;
  if (field.type === "date") return zh ? `请填写${label}\uff0c如 2020-01-15。` : `Enter ${label}, e.g. 2020-01-15.`;
  return zh ? `请填写${label}。` : `Enter ${label}.`;
}

/** ASCII punctuation in a Chinese sentence as the full-width marks Chinese text uses (not inside numbers or the cell address). */
function fullWidth(message: string): string {
  return message
    .replace(/\s*\(\s*/g, "\uff08")
    .replace(/\s*\)\s*/g, "\uff09")
    .replace(/:\s*/g, "\uff1a")
    .replace(/,\s*/g, "\uff0c")
    .replace(/;\s*/g, "\uff1b")
    .replace(/\s*\[/g, "〔")
    .replace(/\]/g, "〕");
}

/**
 * An issue as the pane says it: the county (or the list row) and the cell first, then what is
 * wrong, with each figure's unit beside it; in Chinese with full-width punctuation. The engine's
 * message (the CLI's, the server's) stays as it is; this only rewords it for the clerk.
 */
export function messageOf(issue: ValidationIssue, formSet: FormSet | undefined, language: Language): string {
  const zh = language === "zh";
  // The form set of the report's edition; undefined (an edition this pane lacks) leaves the engine's words as they are.
  const sheet = formSet?.sheet(issue.sheetCode);
  const field = sheet?.fields.find((candidate) => candidate.code === issue.fieldCode);
  const county = countyOf(issue.rowKey);
  const where = [county ? (zh ? county.name : county.nameEn) : "", issue.address].filter(Boolean).join(" ");
  if (issue.ruleId === BLANK_RULE && field) return `${where}${zh ? "\uff1a" : ": "}${blankMessage(field, language)}`;
  let message = (zh ? issue.messageZh : issue.messageEn).replace(`${issue.address} `, "");
  for (const candidate of sheet?.fields ?? []) {
    const unit = zh ? candidate.unitZh : candidate.unitEn;
    const label = zh ? candidate.labelZh : candidate.labelEn;
    if (unit)
      message = message
        .split(`${label} (`)
        .map((part, index) => (index === 0 ? part : part.replace(/^([-\d.,]+)\)/, `$1 ${unit})`)))
        .join(`${label} (`);
  }
  return zh ? `${where}\uff1a${fullWidth(message)}` : `${where}: ${message}`;
}
