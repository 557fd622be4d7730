import type { CellValue } from "../report/report-data.ts";
import { reportScopeOf, rowUnitsWords } from "../units/report-scope.ts";
import { unitNameOf } from "../units/reporting-tree.ts";
import type { ReportingUnit } from "../units/unit-tree.ts";
import { BUILT_IN_RULES, validationResult } from "../validate/validate-report.ts";
import type { ValidationIssue, ValidationResult } from "../validate/validate-report.ts";
import { UNCLEAN_TEXT_MESSAGE, isCleanText } from "../values/clean-text.ts";
import { EXPONENT_NUMBER, birthDateOf, checkCharacterOf, normaliseCitizenId } from "./citizen-id.ts";
import { AIDED_NO, AIDED_YES, ROSTER, ROSTER_FIELDS, ROSTER_RULES, ROSTER_STAGES } from "./roster-definition.ts";
import type { RosterField, RosterFieldCode, RosterRule, RosterStage } from "./roster-definition.ts";
import type { RosterData, RosterRow } from "./roster-data.ts";
import { STANDARD_ROSTER_LAYOUT, rosterCellLocator } from "./roster-layout.ts";

/** A finding about one cell, in words (Chinese, English), before it is placed on the sheet. */
interface Finding {
  zh: string;
  en: string;
}

const FIELD = Object.fromEntries(ROSTER_FIELDS.map((field) => [field.code, field])) as Record<RosterFieldCode, RosterField>;
const STAGE_BY_LABEL = new Map<string, RosterStage>(ROSTER_STAGES.map((stage) => [stage.labelZh, stage]));
const BLANK: Finding = { zh: "未填写", en: "is blank" };
const TEXT_FIELDS = ["E10_NAME", "E10_SCHOOL"] as const;
const SENT_TEXT_FIELDS = TEXT_FIELDS.filter((code) => !FIELD[code].localOnly);

/** An ID that a spreadsheet stored as a number: the reason in words, so the clerk knows what to do. */
export const ID_AS_NUMBER: Finding = {
  zh: "是数字而不是文本:Excel 把 18 位号码当作数字,只保留 15 位有效数字,末三位已丢失(显示如 3.70102E+17)。请把该列设为文本格式(或先输入英文单引号 ')后重新输入完整号码",
  en: "is a number, not text: Excel took the 18-digit ID for a number and kept only 15 significant digits, so its last three are lost (shown as 3.70102E+17). Format the column as text (or type an apostrophe ' first) and type the whole number again",
};

/** The rows a unit of this level may submit, or an error for a level that keeps no roster. */
export function rosterMaxRowsOf(unit: ReportingUnit): number {
  const maxRows = ROSTER.maxRows[unit.level.code];
  if (maxRows === undefined) throw new Error(`${unit.name}(${unit.level.nameZh})不报送名册 / ${unit.nameEn} (${unit.level.nameEn}) submits no roster`);
  return maxRows;
}

/** Cell text as the engine compares it: trimmed; a whole number (a code typed into a General cell) as its digits. */
function textOf(value: CellValue | undefined): string {
  if (value === null || value === undefined) return "";
  return typeof value === "string" ? value.trim() : String(value);
}

/** R10.1: the ID, normalised, with its birth year; or what is wrong with it (never repeating the number itself). */
function checkId(value: CellValue | undefined, periodYear: number): { id: string; birthYear: number } | Finding {
  if (typeof value === "number") return ID_AS_NUMBER;
  const id = normaliseCitizenId(textOf(value));
  if (id === "") return BLANK;
  const expected = id.length === 18 ? checkCharacterOf(id) : undefined;
  const last = id.charCodeAt(17);
  // 17 digits (checked while the check character is computed), then a digit or X.
  if (expected === undefined || !((last >= 48 && last <= 57) || last === 88)) {
    if (EXPONENT_NUMBER.test(id)) return ID_AS_NUMBER;
    return {
      zh: `应为 18 位:17 位数字加 1 位校验码(数字或 X),实为 ${[...id].length} 个字符`,
      en: `should be 18 characters, 17 digits and a check character (a digit or X); it has ${[...id].length}`,
    };
  }
  if (id[17] !== expected)
    return {
      zh: `校验码(第 18 位)应为 ${expected},实为 ${id[17]}:号码有误,请核对`,
      en: `has check character ${id[17]} where its first 17 digits give ${expected} (GB 11643 MOD 11-2): a digit is wrong`,
    };
  const birth = birthDateOf(id);
  if (!birth) return { zh: "第 7–14 位不是有效的出生日期", en: "digits 7–14 are not a real date of birth" };
  if (birth.year > periodYear)
    return { zh: `出生日期晚于报告期末(${periodYear}-12-31)`, en: `has a date of birth after the period's end (${periodYear}-12-31)` };
  return { id, birthYear: birth.year };
}

/** A text field: filled (R10.3), within its length and clean (T02). */
function checkText(text: string, field: RosterField): { rule: RosterRule; finding: Finding } | undefined {
  if (text === "") return { rule: ROSTER_RULES.filled, finding: BLANK };
  if (text.length > field.maxLength && [...text].length > field.maxLength)
    return { rule: BUILT_IN_RULES.type, finding: { zh: `超过 ${field.maxLength} 个字符`, en: `is longer than ${field.maxLength} characters` } };
  if (!isCleanText(text)) return { rule: BUILT_IN_RULES.type, finding: UNCLEAN_TEXT_MESSAGE };
  return undefined;
}

const choicesWords = (field: RosterField) => ({ zh: (field.choices ?? []).join("、"), en: (field.choices ?? []).join(", ") });

/**
 * The roster's engine (R10.1–R10.5 of the spec), one pass over the rows: every issue names its
 * cell and rule, Chinese then English, in the report engine's shape, so the pane, the page and the
 * CLI list both alike. Warnings need an explanation (说明) of at least ROSTER.explanationMinLength
 * characters to be submitted. Messages never repeat an ID or a name. `namesWithheld`: the server's
 * check of a submitted roster, which has no names (they never leave the workbook), so R10.3 cannot ask for one.
 */
export function validateRoster({
  unit,
  roster,
  namesWithheld = false,
  cache,
}: {
  unit: ReportingUnit;
  roster: RosterData;
  namesWithheld?: boolean;
  /** What each row said last time, kept by the pane between keystrokes: rows it has not replaced are not checked again. */
  cache?: RosterRowCache;
}): ValidationResult {
  const issues: ValidationIssue[] = [];
  const cellOf = rosterCellLocator(roster.layout ?? STANDARD_ROSTER_LAYOUT);
  const counties = reportScopeOf(unit).listUnitCodes;
  const rowUnits = rowUnitsWords(unit);
  const periodYear = Number(roster.period);
  const firstPositionOf = new Map<string, number>();
  const issueAt = (rule: RosterRule, position: number, fieldCode: RosterFieldCode, rowKey: string, finding: Finding): ValidationIssue => {
    const cell = cellOf(position, fieldCode);
    const address = `${ROSTER.sheetCode}!${cell}`;
    const field = FIELD[fieldCode];
    return {
      ruleId: rule.id,
      severity: rule.severity,
      sheetCode: ROSTER.sheetCode,
      sheetName: ROSTER.sheetName,
      cell,
      address,
      rowKey,
      fieldCode,
      messageZh: `${address} ${field.labelZh}${finding.zh} [${rule.id} ${rule.titleZh}]`,
      messageEn: `${address} ${field.labelEn} ${finding.en} [${rule.id} ${rule.titleEn}]`,
    };
  };
  const place = (...at: Parameters<typeof issueAt>) => void issues.push(issueAt(...at));

  const maxRows = rosterMaxRowsOf(unit);
  const beyond = roster.rows[maxRows];
  if (beyond)
    place(BUILT_IN_RULES.structure, beyond.position, "E10_ID", "", {
      zh: `所在行超出名册上限:${unit.level.nameZh}名册最多 ${maxRows.toLocaleString("en-US")} 名学生,实有 ${roster.rows.length.toLocaleString("en-US")} 名`,
      en: `is in a row past the roster's bound: a ${unit.level.nameEn}'s roster holds at most ${maxRows.toLocaleString("en-US")} students; this one has ${roster.rows.length.toLocaleString("en-US")}`,
    });

  /** R10.1 or R10.2 on the row's ID: the ID's finding, or its first row when it repeats one. */
  const checkIdOf = (position: number, checked: ReturnType<typeof checkId>) => {
    if (!("id" in checked)) return place(ROSTER_RULES.id, position, "E10_ID", "", checked);
    const first = firstPositionOf.get(checked.id);
    if (first === undefined) firstPositionOf.set(checked.id, position);
    else
      place(ROSTER_RULES.duplicate, position, "E10_ID", checked.id, {
        zh: `与 ${ROSTER.sheetCode}!${cellOf(first, "E10_ID")} 重复:同一学生在名册中只能出现一次`,
        en: `repeats ${ROSTER.sheetCode}!${cellOf(first, "E10_ID")}: a student appears once in the roster`,
      });
  };

  const noteInto = (into: ValidationIssue[], ...at: Parameters<typeof issueAt>) => void into.push(issueAt(...at));
  /** What the row's other cells say of it alone (R10.3–R10.5, T02), into `into`. */
  const checkRest = ({ position, values }: RosterRow, checked: ReturnType<typeof checkId>, into: ValidationIssue[]) => {
    const rowKey = "id" in checked ? checked.id : "";
    const county = textOf(values.E10_COUNTY);
    if (county === "") noteInto(into, ROSTER_RULES.filled, position, "E10_COUNTY", rowKey, BLANK);
    else if (!counties.has(county))
      noteInto(into, ROSTER_RULES.filled, position, "E10_COUNTY", rowKey, {
        zh: ` ${county}(${unitNameOf(county)})不是${rowUnits.zh}`,
        en: `${county} (${unitNameOf(county, "en")}) is not ${rowUnits.en}`,
      });

    for (const fieldCode of namesWithheld ? SENT_TEXT_FIELDS : TEXT_FIELDS) {
      const problem = checkText(textOf(values[fieldCode]), FIELD[fieldCode]);
      if (problem) noteInto(into, problem.rule, position, fieldCode, rowKey, problem.finding);
    }

    const stageText = textOf(values.E10_STAGE);
    const stage = STAGE_BY_LABEL.get(stageText);
    if (stageText === "") noteInto(into, ROSTER_RULES.filled, position, "E10_STAGE", rowKey, BLANK);
    else if (!stage) {
      const choices = choicesWords(FIELD.E10_STAGE);
      noteInto(into, BUILT_IN_RULES.type, position, "E10_STAGE", rowKey, { zh: `应为 ${choices.zh} 之一`, en: `should be one of ${choices.en}` });
    } else if ("id" in checked) {
      const age = periodYear - checked.birthYear;
      if (age < stage.minAge || age > stage.maxAge)
        noteInto(into, ROSTER_RULES.age, position, "E10_STAGE", rowKey, {
          zh: ` ${stage.labelZh} 与年龄不符:报告期末 ${age} 岁,该学段通常 ${stage.minAge}–${stage.maxAge} 岁`,
          en: `${stage.labelEn} does not fit the age: ${age} on the period's last day, where the stage usually has ${stage.minAge}–${stage.maxAge}`,
        });
    }

    const aided = textOf(values.E10_AIDED);
    if (aided === "") noteInto(into, ROSTER_RULES.filled, position, "E10_AIDED", rowKey, BLANK);
    else if (aided === AIDED_NO)
      noteInto(into, ROSTER_RULES.aided, position, "E10_AIDED", rowKey, {
        zh: "为“否”:建档立卡学生应助尽助,请在说明表写明未受助的原因",
        en: "is 否 (no): every registered poor student should be aided; say why not on the 说明 sheet",
      });
    else if (aided !== AIDED_YES) {
      const choices = choicesWords(FIELD.E10_AIDED);
      noteInto(into, BUILT_IN_RULES.type, position, "E10_AIDED", rowKey, { zh: `应为 ${choices.zh} 之一`, en: `should be one of ${choices.en}` });
    }
  };

  const contextKey = `${unit.code} ${roster.period} ${namesWithheld} ${ROSTER_FIELDS.map((field) => cellOf(0, field.code)).join(",")}`;
  if (cache && cache.contextKey !== contextKey) (cache.contextKey = contextKey), (cache.rows = new WeakMap());
  for (const row of roster.rows) {
    const kept = cache?.rows.get(row);
    const checked = kept ? kept.checked : checkId(row.values.E10_ID, periodYear);
    checkIdOf(row.position, checked);
    if (kept) for (const issue of kept.rest) issues.push(issue);
    else if (cache) {
      const rest: ValidationIssue[] = [];
      checkRest(row, checked, rest);
      cache.rows.set(row, { checked, rest });
      for (const issue of rest) issues.push(issue);
    } else checkRest(row, checked, issues);
  }
  return summarizeRoster(issues, roster);
}

/** One row's own findings: its ID checked (R10.1; R10.2 compares rows, each time), and the issues of its other cells. */
interface CheckedRow {
  checked: ReturnType<typeof checkId>;
  rest: ValidationIssue[];
}

/**
 * Rows' findings by row object, for one unit, period, layout and namesWithheld (a change of these
 * starts it afresh). Only for rows never changed in place: the pane's reader makes a new row object
 * for every row it reads again (rosterAfterRowsChanged).
 */
export interface RosterRowCache {
  contextKey: string;
  rows: WeakMap<RosterRow, CheckedRow>;
}

export function rosterRowCache(): RosterRowCache {
  return { contextKey: "", rows: new WeakMap() };
}

/** Attaches the roster's explanations (by rule and student) to its warnings and decides whether it may be submitted. */
function summarizeRoster(issues: ValidationIssue[], roster: RosterData): ValidationResult {
  const explanations = new Map(roster.explanations.map((explanation) => [`${explanation.ruleId}\u0000${explanation.rowKey}`, explanation.text.trim()]));
  return validationResult(issues, (issue) => {
    const explanation = issue.rowKey ? explanations.get(`${issue.ruleId}\u0000${issue.rowKey}`) : undefined;
    // A copy: the issue itself may be kept (RosterRowCache) while the explanations change.
    return {
      issue: explanation ? { ...issue, explanation } : issue,
      explained: Boolean(explanation) && [...(explanation ?? "")].length >= ROSTER.explanationMinLength,
    };
  });
}
