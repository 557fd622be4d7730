import type { ValidationIssue } from "../validate/validate-report.ts";
import { normaliseCitizenId } from "./citizen-id.ts";
import { maskCitizenId } from "./masked-id.ts";
import { ROSTER } from "./roster-definition.ts";
import type { RosterData, RosterRow } from "./roster-data.ts";
import { STANDARD_ROSTER_LAYOUT, rosterCellLocator } from "./roster-layout.ts";

// 名册有、库无 (../shared/spec/roster.md, "Comparison"): a student of the roster in no entry of the
// period's poverty list is a warning each, explained by the county. Only the server can find them (it
// holds the list's keyed hashes, the pane holds the IDs), so the server names them in the roster's
// receipt by masked ID and position, and this module puts each back on its row of the workbook, where
// the clerk sees it and explains it on the 说明 sheet as X10.2. Like X10.2 it does not block a submit:
// the list may be a day older than the roster, and the county answers for each difference in words.

export const UNLISTED_RULE = {
  id: "X10.3",
  severity: "warning",
  titleZh: "名册有、库无：不在本期扶贫部门名单中",
  titleEn: "on the roster, not on the period's poverty list",
} as const;

/** A student the server found on the roster and not on the list: by masked ID, and the row's place when the roster was submitted. */
export interface UnlistedStudent {
  maskedId: string;
  position: number;
}

const maskedIdOf = (row: RosterRow): string | undefined => {
  const id = normaliseCitizenId(String(row.values.E10_ID ?? ""));
  return id.length === 18 ? maskCitizenId(id) : undefined;
};

/**
 * The row each finding is on now: the same position if its masked ID still matches, else the one
 * row with that masked ID (rows inserted or sorted since); a student no longer on the roster, or a
 * masked ID two rows share, is not placed (the masked ID cannot tell them apart). The rows are
 * masked only when a finding moved: a keystroke in 10,000 rows costs a lookup a finding.
 */
function rowsOf(roster: RosterData, unlisted: readonly UnlistedStudent[]): RosterRow[] {
  let byMasked: Map<string, RosterRow | null> | undefined;
  const moved = (maskedId: string) => {
    if (!byMasked) {
      byMasked = new Map();
      for (const row of roster.rows) {
        const masked = maskedIdOf(row);
        if (masked) byMasked.set(masked, byMasked.has(masked) ? null : row);
      }
    }
    return byMasked.get(maskedId) ?? undefined;
  };
  const placed: RosterRow[] = [];
  for (const student of unlisted) {
    const same = roster.rows[student.position];
    const row = same && maskedIdOf(same) === student.maskedId ? same : moved(student.maskedId);
    if (row) placed.push(row);
  }
  return placed;
}

/** X10.3's warnings on the roster's rows, each with the clerk's explanation on the 说明 sheet when there is one. */
export function unlistedIssues(roster: RosterData, unlisted: readonly UnlistedStudent[]): ValidationIssue[] {
  const cellOf = rosterCellLocator(roster.layout ?? STANDARD_ROSTER_LAYOUT);
  const explanations = new Map(
    roster.explanations.filter((explanation) => explanation.ruleId === UNLISTED_RULE.id).map((explanation) => [explanation.rowKey, explanation.text.trim()]),
  );
  return rowsOf(roster, unlisted).map((row) => {
    const cell = cellOf(row.position, "E10_ID");
    const address = `${ROSTER.sheetCode}!${cell}`;
    const rowKey = normaliseCitizenId(String(row.values.E10_ID));
    const explanation = explanations.get(rowKey);
    return {
      ruleId: UNLISTED_RULE.id,
      severity: UNLISTED_RULE.severity,
      sheetCode: ROSTER.sheetCode,
      sheetName: ROSTER.sheetName,
      cell,
      address,
      rowKey,
      fieldCode: "E10_ID",
      messageZh: `${address} 学生 ${maskCitizenId(rowKey)} 不在本期扶贫部门名单中，请核实并在说明表说明 [${UNLISTED_RULE.id} ${UNLISTED_RULE.titleZh}]`,
      messageEn: `${address} student ${maskCitizenId(rowKey)} is not on the period's poverty list: check, and explain on the 说明 sheet [${UNLISTED_RULE.id} ${UNLISTED_RULE.titleEn}]`,
      ...(explanation && [...explanation].length >= ROSTER.explanationMinLength && { explanation }),
    };
  });
}
