// Bundled into the page `npm run bench` opens in Chromium (bench/roster-keystroke.bench.ts): the pane's roster tab
// (RosterView over a RosterSession) on the model of Excel holding a 10,000-student roster, and a function that
// measures keystroke → updated issue list.
import { ROSTER } from "../../shared/roster/roster-definition.ts";
import { ExcelReportWorkbook } from "../../addin/excel/excel-report-workbook.ts";
import { RosterSession } from "../../addin/logic/roster-session.ts";
import { RosterView } from "../../addin/ui/roster-view.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { benchPaneContext, benchViewElement } from "./bench-pane-context.ts";
import { ExcelHost } from "../support/excel-model/excel-host.ts";
import { ModelWorkbook } from "../support/excel-model/model-workbook.ts";

/** Opens the pane's roster tab on a workbook opened from the file (base64), as the task pane does (openRoster). */
async function openPane(base64: string) {
  const host = new ExcelHost(ModelWorkbook.fromXlsx(Uint8Array.from(atob(base64), (character) => character.charCodeAt(0))));
  host.install(window as unknown as Record<string, unknown>);
  const workbook = new ExcelReportWorkbook();
  const session = (await RosterSession.open(workbook)) as RosterSession;
  new RosterView(benchPaneContext(workbook, reportingTree.unit("370102") as ReportingUnit), session).render(benchViewElement());
  return { host, session };
}

/**
 * Median milliseconds from a value typed in Excel to the issue list redrawn and laid out, alternating a bad
 * check character in A7 on and off: the change event, the pane's read of the cell, the reader and the engine
 * (the changed row read and checked again, every ID compared for R10.2), and the list.
 */
async function measure(base64: string, rounds: number, warmup: number): Promise<{ medianMs: number; students: number; issues: number }> {
  const { host, session } = await openPane(base64);
  const good = String(host.workbook.value(host.workbook.sheets.find((sheet) => sheet.name === ROSTER.sheetName)!, 6, 0));
  const bad = good.slice(0, 17) + (good[17] === "3" ? "4" : "3");
  let redrawn: (at: number) => void = () => {};
  // Listeners run in the order added: the view's redraw first, then this one.
  session.onChange(() => {
    void document.body.offsetHeight; // style and layout of the new list, as the next frame needs them
    redrawn(performance.now());
  });
  const times: number[] = [];
  for (let round = 0; round < warmup + rounds; round++) {
    const updated = new Promise<number>((resolve) => (redrawn = resolve));
    // Each keystroke is a task of its own, as a clerk's is (not nested in the last one's timers, which Chromium would clamp to 4 ms).
    await new Promise<void>((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => resolve();
      channel.port2.postMessage(undefined);
    });
    const start = performance.now();
    host.type(ROSTER.sheetName, "A7", round % 2 === 0 ? bad : good);
    const end = await updated;
    if (round >= warmup) times.push(end - start);
  }
  times.sort((a, b) => a - b);
  const students = "roster" in session.check ? session.check.roster.rows.length : 0;
  return { medianMs: times[Math.floor(times.length / 2)] as number, students, issues: document.querySelectorAll("#roster-issues li.issue").length };
}

Object.assign(window, { benchRosterKeystrokes: measure });
