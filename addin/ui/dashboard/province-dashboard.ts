import type { Completeness, Period } from "../../../shared/api/api-client.ts";
import { h } from "../dom.ts";
import type { PaneContext } from "../pane-context.ts";
import { staleText } from "./data-coverage.ts";
import { renderIndicatorCharts } from "./indicator-charts.ts";
import { renderRosterCoverage } from "./roster-coverage.ts";
import { renderWarningAnalysis } from "./warning-analysis.ts";
import { previousPeriodOf } from "./indicator-figures.ts";
import { beijingDate } from "./map-status.ts";
import { renderStatusMap } from "./status-map.ts";
import { renderVerifiedShareMap } from "./verified-share-map.ts";

/**
 * The dashboard over the completeness table: the status map, the headline charts, the rosters' coverage, the share verified
 * against the poverty list (核准比对) and the analysis of warnings. All are
 * redrawn whenever the province view refreshes its completeness; a refresh that fails leaves the
 * last figures in place, marked out of date (class "stale" and a banner saying since when).
 */
export class ProvinceDashboard {
  readonly element: HTMLElement;
  private readonly banner = h("p", { class: "stale-banner", id: "dashboard-stale", role: "alert", hidden: true });
  private readonly map = h("div", { class: "map-slot" });
  private readonly charts = h("div", { class: "charts-slot" });
  private readonly rosters = h("div", { class: "rosters-slot" });
  private readonly verified = h("div", { class: "verified-slot" });
  private readonly warnings = h("div", { class: "warnings-slot" });
  private fetchedAt: string | undefined;
  private sequence = 0;

  constructor(
    private readonly context: PaneContext,
    private readonly open: (unitCode: string, revision: number) => void,
  ) {
    this.element = h(
      "section",
      { class: "dashboard", id: "province-dashboard", "aria-label": context.t("dashboardHeading") },
      this.banner,
      this.map,
      this.charts,
      this.rosters,
      this.verified,
      this.warnings,
    );
  }

  /** Redraws the map from a fresh completeness. */
  showCompleteness(completeness: Completeness): void {
    const { t, language } = this.context;
    this.map.replaceChildren(renderStatusMap(completeness, beijingDate(new Date()), t, language, this.open));
  }

  /** Fetches the period's consolidation (and the previous period's) and redraws the charts; on failure marks them stale. */
  async refreshCharts(period: string, periods: Period[]): Promise<void> {
    const mine = ++this.sequence;
    const { api } = this.context;
    try {
      const previousCode = previousPeriodOf(periods, period);
      const [current, previous, rosters, comparison, warnings] = await Promise.all([
        api.consolidated(period),
        previousCode ? api.consolidated(previousCode) : Promise.resolve(undefined),
        api.rosterCoverage(period),
        api.provinceRosterComparison(period),
        api.warningAnalysis(period),
      ]);
      if (mine !== this.sequence) return; // an answer for a period no longer chosen
      this.fetchedAt = this.context.time(new Date().toISOString());
      const formSet = this.context.formSetOf(current.edition);
      // The charts name the edition's fields: an edition this pane lacks leaves them marked as out of date, saying why.
      if (!formSet) throw new Error(`本加载项不支持报表版本 ${current.edition} / this add-in does not know edition ${current.edition}`);
      this.charts.replaceChildren(
        renderIndicatorCharts(current, previous && previousCode ? { period: previousCode, consolidated: previous } : undefined, {
          formSet,
          t: this.context.t,
          language: this.context.language,
          fetchedAt: this.fetchedAt,
        }),
      );
      this.rosters.replaceChildren(renderRosterCoverage(rosters, this.context.t, this.context.language));
      this.verified.replaceChildren(renderVerifiedShareMap(comparison, this.context.t, this.context.language));
      this.warnings.replaceChildren(renderWarningAnalysis(warnings, this.context.t, this.context.language));
      this.fresh();
    } catch (error) {
      if (mine === this.sequence) this.markStale(error);
    }
  }

  /** The figures shown may be out of date: the last refresh (of the charts or the completeness) failed. */
  markStale(error: unknown): void {
    this.element.classList.add("stale");
    this.banner.textContent = staleText(this.context.failure(error), this.fetchedAt ?? "—", this.context.t);
    this.banner.hidden = false;
  }

  private fresh(): void {
    this.element.classList.remove("stale");
    this.banner.hidden = true;
    this.banner.textContent = "";
  }
}
