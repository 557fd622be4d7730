import { publishedProvince2019 } from "../shared/forms/published-2019.ts";
import { ROSTER_FIELDS, ROSTER_STAGES } from "../shared/roster/roster-definition.ts";
import type { RosterData } from "../shared/roster/roster-data.ts";
import { validateRoster } from "../shared/roster/validate-roster.ts";
import { reportingTree } from "../shared/units/reporting-tree.ts";
import { splitWithin } from "../scripts/demo/split-totals.ts";
import { syntheticRoster } from "../scripts/demo/demo-rosters.ts";
import { benchLine, medianMsSideBySide } from "./bench-line.ts";

const ROWS = 10_000;

/** A county's roster at its bound: 10,000 students in the province's proportions by stage, a few unaided and explained. */
export function fullCountyRoster(): RosterData {
  const published = publishedProvince2019["教扶01"] as Record<string, number>;
  const counts = splitWithin(
    ROWS,
    ROSTER_STAGES.map((stage) => published[stage.countField] as number),
  );
  return syntheticRoster(
    "370102",
    "370102",
    Object.fromEntries(ROSTER_STAGES.map((stage, index) => [stage.countField, counts[index] as number])),
    "2019",
    10_000,
  );
}

/** The floor: read every value of the roster once, addressed by field code, and count the filled ones. */
function readEveryValueOnce(roster: RosterData): number {
  const codes = ROSTER_FIELDS.map((field) => field.code);
  let filled = 0;
  for (const row of roster.rows) for (const code of codes) if (row.values[code] !== null && row.values[code] !== undefined) filled++;
  return filled;
}

export function benchRoster(): string[] {
  const roster = fullCountyRoster();
  const unit = reportingTree.unit("370102")!;
  const validate = () => validateRoster({ unit, roster });
  const result = validate();
  if (result.errorCount !== 0 || !result.canSubmit) throw new Error(`the bench roster should be submittable, found ${result.errorCount} errors`);
  const [full, floor] = medianMsSideBySide([validate, () => readEveryValueOnce(roster)]) as [number, number];
  return [
    benchLine(`roster.validate (10,000 students, R10.1–R10.5, ${result.warningCount} explained warnings)`, full, "ms", { max: 30 }),
    benchLine("roster.validate / read-every-value floor", full / floor, "×", { max: 10, text: "≤ 10 ×" }),
  ];
}
