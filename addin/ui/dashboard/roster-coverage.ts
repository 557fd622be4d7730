import type { RosterCoverage } from "../../../shared/api/api-client.ts";
import type { Language, StringKey } from "../../logic/i18n.ts";
import { h } from "../dom.ts";
import { formatCount, formatPercent } from "./figure-format.ts";

type Translate = (key: StringKey, values?: Record<string, string | number>) => string;

/** The roster card's three lines: units with a roster (and counties covered), students, the aided share (应助尽助). */
export function rosterCoverageLines(coverage: RosterCoverage, t: Translate, language: Language): string[] {
  const count = (value: number) => formatCount(language, value);
  return [
    t("rosterCoverageUnits", { units: coverage.units, counties: count(coverage.counties), total: count(coverage.countiesTotal) }),
    t("rosterCoverageStudents", { students: count(coverage.students) }),
    coverage.aidedShare === null
      ? t("rosterCoverageNoStudents")
      : t("rosterCoverageAided", { share: formatPercent(language, coverage.aidedShare), aided: count(coverage.aided) }),
  ];
}

/** The dashboard's roster card (精准到人): what the rosters behind 教扶01 cover. */
export function renderRosterCoverage(coverage: RosterCoverage, t: Translate, language: Language): HTMLElement {
  return h(
    "div",
    { class: "roster-coverage", id: "roster-coverage" },
    h("h3", {}, t("rosterCoverageTitle", { period: coverage.period })),
    ...rosterCoverageLines(coverage, t, language).map((line) => h("p", {}, line)),
  );
}
