// Bundled into the page `npm run bench` opens in Chromium (bench/keystroke.bench.ts): the pane's issue list (ReportView over a
// ReportSession) on an in-memory workbook, and a function that measures keystroke → updated list.
import { currentFormSet } from "../support/current-form-set.ts";
import { unitLayout } from "../../shared/layout/workbook-layout.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import { ReportSession } from "../../addin/logic/report-session.ts";
import { ReportView } from "../../addin/ui/report-view.ts";
import { MemoryWorkbook } from "../support/memory-workbook.ts";
import { laidOutSheets } from "../addin/support/filled-workbook.ts";
import { sampleReport } from "../support/sample-report.ts";
import { stressReport } from "../../bench/validation.bench.ts";
import { benchPaneContext, benchViewElement } from "./bench-pane-context.ts";

async function openPane(prefecture: ReportingUnit, report: ReportData, previous: ReportData) {
  const workbook = new MemoryWorkbook(() => []);
  const layout = unitLayout(currentFormSet, prefecture, report.period);
  for (const sheet of laidOutSheets(layout, report, previous)) workbook.sheets.set(sheet.name, sheet);
  const session = await ReportSession.open(workbook, (await workbook.readIdentity())!, prefecture);
  new ReportView(benchPaneContext(workbook, prefecture, session), await workbook.readIdentity()).render(benchViewElement());
  const issues = document.getElementById("issues") as HTMLElement;
  const target = layout.sheet("教扶04")!;
  const cell = target.cellOf(prefecture.children[0]!.code, "E04_PRIN")!;
  return { workbook, issues, sheetName: target.name, cell };
}

/** Median milliseconds from a typed value to the issue list redrawn and laid out, alternating an error on and off. */
async function measure(kind: "prefecture" | "stress", rounds: number, warmup: number): Promise<{ medianMs: number; issues: number }> {
  const setup =
    kind === "prefecture"
      ? {
          prefecture: reportingTree.unit("370100") as ReportingUnit,
          report: sampleReport(reportingTree.unit("370100") as ReportingUnit),
          previous: sampleReport(reportingTree.unit("370100") as ReportingUnit, { seed: 5, period: "2018" }),
        }
      : { ...stressReport(), previous: stressReport().report };
  const { workbook, issues, sheetName, cell } = await openPane(setup.prefecture, setup.report, setup.previous);
  const times: number[] = [];
  for (let round = 0; round < warmup + rounds; round++) {
    const updated = new Promise<number>((resolve) =>
      issues.addEventListener(
        "tianbao:issues-rendered",
        () => {
          void issues.offsetHeight; // style and layout of the new list, as the next frame needs them
          resolve(performance.now());
        },
        { once: true },
      ),
    );
    const start = performance.now();
    workbook.type(sheetName, cell, round % 2 === 0 ? 100_000 : 1);
    const end = await updated;
    if (round >= warmup) times.push(end - start);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)] as number, issues: issues.querySelectorAll("li.issue").length };
}

Object.assign(window, { benchKeystrokes: measure });
