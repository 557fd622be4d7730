// Bundled into the page `npm run bench` opens in Chromium (bench/dashboard.bench.ts): the province
// dashboard (status map and headline charts) drawn from the consolidation of all 16 prefectures'
// sample reports, and a function that measures one full redraw.
import type { Completeness, Consolidated } from "../../shared/api/api-client.ts";
import { consolidate } from "../../shared/consolidate/consolidate.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { text } from "../../addin/logic/i18n.ts";
import { h } from "../../addin/ui/dom.ts";
import { renderIndicatorCharts } from "../../addin/ui/dashboard/indicator-charts.ts";
import { renderStatusMap } from "../../addin/ui/dashboard/status-map.ts";
import { sampleReport } from "../support/sample-report.ts";

const statuses = ["未报", "已报", "退回", "通过", "逾期"] as const;

function consolidation(period: string, seed: number): Consolidated {
  const included = reportingTree.root.children.map((prefecture, index) => ({
    report: sampleReport(prefecture, { seed: seed + index, period }),
    provenance: { unitCode: prefecture.code, submissionId: String(index + 1), revision: 1, status: "submitted", submittedAt: "2020-01-10T02:00:00Z" },
  }));
  return {
    ...consolidate(currentFormSet, reportingTree.root, period, included),
    include: "latest",
    notAccepted: included.map((submission) => ({ unitCode: submission.provenance.unitCode, revision: 1, status: "submitted" as const })),
    freshness: { foldedThrough: { change: included.length, changedAt: "2020-01-10T02:00:00Z" }, newestChange: included.length, pendingChanges: 0 },
  };
}

/** Median milliseconds to draw the map and the charts for 16 prefectures and lay them out. */
function measure(rounds: number, warmup: number): { medianMs: number; bars: number } {
  const current = consolidation("2019", 1);
  const previous = { period: "2018", consolidated: consolidation("2018", 100) };
  const completeness: Completeness = {
    period: "2019",
    deadline: "2020-01-31",
    units: reportingTree.root.children.map((prefecture, index) => ({
      unitCode: prefecture.code,
      name: prefecture.name,
      status: statuses[index % statuses.length] as (typeof statuses)[number],
      overdue: index % 7 === 0,
      late: false,
      revision: index % 5 === 0 ? 0 : 1,
      submittedAt: null,
      latestStatus: null,
      stampedCopy: null,
      stampedCopySha256: null,
      reminders: { count: 0, lastAt: null },
      waitingOn: [],
    })),
  };
  const t = (key: Parameters<typeof text>[1], values?: Record<string, string | number>) => text("zh", key, values);
  const root = document.getElementById("app") as HTMLElement;
  root.style.width = "400px";
  const times: number[] = [];
  for (let round = 0; round < warmup + rounds; round++) {
    const start = performance.now();
    const dashboard = h(
      "section",
      { class: "dashboard" },
      renderStatusMap(completeness, "2020-01-20", t, "zh", () => {}),
      renderIndicatorCharts(current, previous, { formSet: currentFormSet, t, language: "zh", fetchedAt: "2020-01-20 10:00:00" }),
    );
    root.replaceChildren(dashboard);
    void root.offsetHeight; // style and layout, as the next frame needs them
    if (round >= warmup) times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)] as number, bars: root.querySelectorAll("rect.bar").length };
}

Object.assign(window, { benchDashboard: measure });
