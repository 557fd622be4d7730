import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { currentFormSet } from "../test/support/current-form-set.ts";
import { reportingTree } from "../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../shared/units/unit-tree.ts";
import { renderReportTemplate } from "../shared/workbook/render-template.ts";
import { appendRows, nestDeep, withSheetXml, zipBomb } from "../test/support/hostile-xlsx.ts";
import { sampleReport } from "../test/support/sample-report.ts";
import { benchLine } from "./bench-line.ts";
import { runNodeMeasuringPeakRss } from "./peak-rss.ts";

// `tianbao validate` on hostile files, run as a user runs it (a child process, tsx start-up
// included): wall time and the process's own peak memory (bench/peak-rss.ts). Targets from
// issue 9: a zip bomb of any shape refused within 2 s and 300 MB; a million-row sheet refused or
// read within 5 s and 500 MB.

const repoRoot = fileURLToPath(new URL("..", import.meta.url));
const jinan = reportingTree.unit("370100") as ReportingUnit;

interface ChildRun {
  seconds: number;
  megabytes: number;
  exitCode: number;
}

function validateInChild(path: string): ChildRun {
  const start = performance.now();
  const child = runNodeMeasuringPeakRss([join(repoRoot, "cli/bin/tianbao.mjs"), "validate", path], { cwd: repoRoot });
  return { seconds: (performance.now() - start) / 1000, megabytes: child.peakMegabytes, exitCode: child.status };
}

export function benchHostileFiles(): string[] {
  const dir = mkdtempSync(join(tmpdir(), "tianbao-bench-hostile-"));
  try {
    const filled = renderReportTemplate({ formSet: currentFormSet, unit: jinan, period: "2019", report: sampleReport(jinan) });
    const files = [
      { name: "three 1.2 GB parts", bytes: zipBomb({ parts: 3, mebibytes: 1200 }), seconds: 2, megabytes: 300 },
      { name: "1.2 GB part declaring 1 KiB", bytes: zipBomb({ parts: 1, mebibytes: 1200, understate: true }), seconds: 2, megabytes: 300 },
      { name: "forty 31 MiB parts", bytes: zipBomb({ parts: 40, mebibytes: 31 }), seconds: 2, megabytes: 300 },
      { name: "XML nested 1,000,000 deep", bytes: withSheetXml(filled, "说明", (xml) => nestDeep(xml, 1_000_000)), seconds: 2, megabytes: 300 },
      { name: "说明 of 1,000,000 filled rows", bytes: withSheetXml(filled, "说明", (xml) => appendRows(xml, 2, 1_000_000, true)), seconds: 5, megabytes: 500 },
      { name: "说明 of 1,000,000 empty rows", bytes: withSheetXml(filled, "说明", (xml) => appendRows(xml, 2, 1_000_000, false)), seconds: 5, megabytes: 500 },
    ];
    return files.flatMap(({ name, bytes, seconds, megabytes }) => {
      const path = join(dir, "hostile.xlsx");
      writeFileSync(path, bytes);
      const run = validateInChild(path);
      const label = `tianbao validate, ${name} (${(bytes.length / 2 ** 20).toFixed(1)} MB file, exit ${run.exitCode})`;
      return [
        benchLine(`${label}: wall time`, run.seconds, "s", { max: seconds }),
        benchLine(`${label}: peak memory`, run.megabytes, "MB", { max: megabytes }),
      ];
    });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
