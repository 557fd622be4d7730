import type { FormSet } from "../../shared/forms/form-set.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import type { CellValue, ReportData } from "../../shared/report/report-data.ts";
import { sampleReport } from "./sample-report.ts";

/**
 * A valid report with every numeric input of every county at its field's `max` and the list sheet
 * at its `maxRows` (each row's numbers at their ceilings too): the largest figures the submit accepts.
 * At the ceilings every rule of the 2019 edition holds (the paired fields share their units' ceilings).
 */
export function ceilingReport(formSet: FormSet, prefecture: ReportingUnit, options: { period?: string } = {}): ReportData {
  const report = sampleReport(prefecture, { ...options, listRows: listCapacityOf(formSet) });
  for (const sheet of formSet.sheets) {
    for (const row of report.sheets[sheet.code] ?? []) {
      for (const field of sheet.fields) if (field.max !== undefined && !field.formula) row.values[field.code] = field.max;
    }
  }
  return report;
}

/** The same report with one value set. */
export function setValue(report: ReportData, sheetCode: string, rowIndex: number, fieldCode: string, value: CellValue): ReportData {
  const copy = structuredClone(report);
  const row = copy.sheets[sheetCode]?.[rowIndex];
  if (!row) throw new Error(`no row ${rowIndex} on ${sheetCode}`);
  row.values[fieldCode] = value;
  return copy;
}

export function listCapacityOf(formSet: FormSet): number {
  return formSet.sheets.find((sheet) => sheet.kind === "list")?.definition.maxRows ?? 0;
}

/** How far toward its bounds each part of an edge report goes. */
export interface EdgeChoices {
  /** Per grid or list sheet: the fraction of each numeric field's max its inputs take (0 and 1 are the edges). */
  fractionOf: (sheetCode: string) => number;
  /** Every *_PLAN input at 0 while the rest keep their fraction: a warning or two on every county (R02, R03). */
  plansAtZero: boolean;
  /** Rows of the list sheet, up to its maxRows. */
  listRows: number;
  /** Length of the cover's free texts and the list's university and township names, up to each field's maxLength. */
  textLength: number;
  /** Every warning the report raises is explained with a text this long (at least the minimum). */
  explanationLength: number;
  /** The characters texts are made of (BMP only, so that lengths count characters). */
  alphabet: string;
}

/** `length` characters of the alphabet, beginning and ending with a letter (text is trimmed on reading). */
const textOf = (length: number, alphabet: string, salt: string) =>
  Array.from({ length }, (_, index) => (index === 0 || index === length - 1 ? "名" : alphabet[(index * 7 + salt.length * 3) % alphabet.length])).join("");
/** A text of exactly `length` characters that begins with `prefix` (a row's position keeps keys distinct). */
const prefixedText = (prefix: string | number, length: number, alphabet: string, salt: string) =>
  `${prefix}${textOf(Math.max(0, length - String(prefix).length), alphabet, salt)}`;

/**
 * A report at chosen edges of what the submit accepts: every numeric input of a sheet at the same
 * fraction of its max (so that the ≤ rules between fields of one unit hold), texts at a chosen
 * length, the list sheet at a chosen number of rows, and every warning explained.
 */
export function edgeReport(
  formSet: FormSet,
  prefecture: ReportingUnit,
  choices: EdgeChoices,
  explain: (report: ReportData) => { ruleId: string; sheetCode: string; rowKey: string; fieldCode: string }[],
): ReportData {
  const report = sampleReport(prefecture, { listRows: choices.listRows });
  for (const sheet of formSet.sheets) {
    const fraction = choices.fractionOf(sheet.code);
    for (const row of report.sheets[sheet.code] ?? []) {
      for (const field of sheet.fields) {
        if (field.max === undefined || field.formula) continue;
        if (choices.plansAtZero && field.code.endsWith("_PLAN")) row.values[field.code] = 0;
        else row.values[field.code] = field.type === "dec2" ? Math.round(field.max * fraction * 100) / 100 : Math.round(field.max * fraction);
      }
    }
  }
  const lengthOf = (sheetCode: string, fieldCode: string) =>
    Math.max(1, Math.min(choices.textLength, formSet.sheet(sheetCode)?.field(fieldCode)?.maxLength ?? 0));
  for (const row of report.sheets["教扶06"] ?? []) {
    // Keys stay distinct whatever the length: the row's position leads.
    row.values.E06_UNIV = prefixedText(row.position ?? 0, lengthOf("教扶06", "E06_UNIV"), choices.alphabet, "university");
    row.values.E06_TOWN = prefixedText(row.position ?? 0, lengthOf("教扶06", "E06_TOWN"), choices.alphabet, "town");
  }
  const cover = report.sheets["封面"]![0]!.values;
  for (const code of ["C_HEAD", "C_STAT_HEAD", "C_FILLER"]) cover[code] = textOf(lengthOf("封面", code), choices.alphabet, code);
  report.explanations = explain(report).map(({ ruleId, sheetCode, rowKey, fieldCode }, index) => ({
    ruleId,
    sheetCode,
    rowKey,
    fieldCode,
    text: prefixedText(index, choices.explanationLength, choices.alphabet, ruleId),
  }));
  return report;
}
