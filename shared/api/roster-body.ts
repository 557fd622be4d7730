import type { RosterData } from "../roster/roster-data.ts";

// What a client sends of a roster, apart from the schemas that check it (shared/api/rosters.ts): the
// pane's bundle carries no zod schema of the API, only this. The schemas (rosterRowSchema,
// rosterExplanationSchema) accept exactly these shapes.

/** A student's row as sent: every field but the name, as text. */
export interface RosterRowText {
  id: string;
  county: string;
  stage: string;
  school: string;
  aided: string;
}

/** An explanation as sent: the rule, the student's ID, why. */
export interface RosterExplanationText {
  ruleId: string;
  id: string;
  text: string;
}

const cellText = (value: unknown) => (value === null || value === undefined ? "" : String(value));

/**
 * What a client sends of a roster read from its workbook: every field but the name (it never leaves
 * the workbook), and the explanations; the IDs as text (one that Excel turned into a number was
 * refused before, by the engine).
 */
export function rosterBodyOf(roster: RosterData): { rows: RosterRowText[]; explanations: RosterExplanationText[] } {
  return {
    rows: roster.rows.map(({ values }) => ({
      id: cellText(values.E10_ID),
      county: cellText(values.E10_COUNTY),
      stage: cellText(values.E10_STAGE),
      school: cellText(values.E10_SCHOOL),
      aided: cellText(values.E10_AIDED),
    })),
    explanations: roster.explanations.map((explanation) => ({ ruleId: explanation.ruleId, id: explanation.rowKey, text: explanation.text })),
  };
}
