import type { Severity } from "../forms/form-schema.ts";

/**
 * The roster of registered poor students (教扶10, ../shared/spec/roster.md) as data: its fields
 * with their bounds, the stages with their usual ages, the rules. The template, the reader and the
 * engine follow from it; `test/shared/roster/roster-definition.test.ts` holds it to the spec.
 */

export type RosterFieldCode = "E10_ID" | "E10_NAME" | "E10_COUNTY" | "E10_STAGE" | "E10_SCHOOL" | "E10_AIDED";

export interface RosterField {
  code: RosterFieldCode;
  labelZh: string;
  labelEn: string;
  /** citizenId: GB 11643 (R10.1); unitCode: a county code (R10.3); list: one of `choices`; text: free text. */
  type: "citizenId" | "unitCode" | "list" | "text";
  /** The most characters the field holds (longer is a type error, T02). */
  maxLength: number;
  /** The drop-down's entries (list fields). */
  choices?: readonly string[];
  /** Kept in the workbook only, never sent to the server (the name). */
  localOnly?: boolean;
  /** Column width in characters. */
  width: number;
}

export interface RosterStage {
  labelZh: string;
  labelEn: string;
  /** The 教扶01 field this stage's students are counted in. */
  countField: string;
  /** Usual ages on 31 December of the period, inclusive (R10.4). */
  minAge: number;
  maxAge: number;
}

export interface RosterRule {
  id: string;
  severity: Severity;
  titleZh: string;
  titleEn: string;
}

export const ROSTER_STAGES: readonly RosterStage[] = [
  { labelZh: "学前教育", labelEn: "preschool", countField: "E01_PRE", minAge: 2, maxAge: 7 },
  { labelZh: "义务教育", labelEn: "compulsory education", countField: "E01_CMP", minAge: 5, maxAge: 17 },
  { labelZh: "普通高中", labelEn: "general senior high", countField: "E01_GHS", minAge: 13, maxAge: 21 },
  { labelZh: "中等职业教育", labelEn: "secondary vocational", countField: "E01_SVE", minAge: 13, maxAge: 22 },
  { labelZh: "高等教育", labelEn: "higher education", countField: "E01_HED", minAge: 15, maxAge: 35 },
];

export const AIDED_YES = "是";
export const AIDED_NO = "否";

export const ROSTER_FIELDS: readonly RosterField[] = [
  { code: "E10_ID", labelZh: "身份证件号码", labelEn: "Citizen ID number", type: "citizenId", maxLength: 18, width: 22 },
  { code: "E10_NAME", labelZh: "姓名", labelEn: "Name", type: "text", maxLength: 50, localOnly: true, width: 12 },
  { code: "E10_COUNTY", labelZh: "户籍所在县(市、区)代码", labelEn: "County of household registration", type: "unitCode", maxLength: 6, width: 14 },
  { code: "E10_STAGE", labelZh: "学段", labelEn: "Stage", type: "list", maxLength: 6, choices: ROSTER_STAGES.map((stage) => stage.labelZh), width: 14 },
  { code: "E10_SCHOOL", labelZh: "就读学校", labelEn: "School attended", type: "text", maxLength: 100, width: 30 },
  { code: "E10_AIDED", labelZh: "本期已受助", labelEn: "Aided this period", type: "list", maxLength: 1, choices: [AIDED_YES, AIDED_NO], width: 10 },
];

export const ROSTER_RULES = {
  id: { id: "R10.1", severity: "error", titleZh: "身份证件号码有效", titleEn: "valid citizen ID number" },
  duplicate: { id: "R10.2", severity: "error", titleZh: "名册内不重复", titleEn: "no student twice in the roster" },
  filled: { id: "R10.3", severity: "error", titleZh: "本单位所辖县、必填项", titleEn: "a county of this unit, every field filled" },
  age: { id: "R10.4", severity: "warning", titleZh: "年龄与学段相符", titleEn: "age fits the stage" },
  aided: { id: "R10.5", severity: "warning", titleZh: "应助尽助", titleEn: "every registered poor student aided" },
} as const satisfies Record<string, RosterRule>;

export const ROSTER = {
  sheetCode: "教扶10",
  sheetName: "教扶10 建档立卡学生名册",
  titleZh: "建档立卡贫困学生名册",
  titleEn: "Roster of registered poor students",
  explanationsSheetName: "说明",
  /** The most students a roster holds, by the level of the unit that submits it (a county's; a prefecture's for its counties). */
  maxRows: { county: 10_000, prefecture: 40_000 } as Readonly<Record<string, number>>,
  /** An explanation (说明) of a warning has at least this many characters, as a report's does. */
  explanationMinLength: 5,
} as const;

/** The most rows any roster holds: the reader's bound. */
export const ROSTER_MAX_ROWS = Math.max(...Object.values(ROSTER.maxRows));
