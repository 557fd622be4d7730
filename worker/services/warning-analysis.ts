import type { WarningAnalysisAnswer } from "../../shared/api/warning-analysis.ts";
import type { Inclusion } from "../../shared/consolidate/inclusion.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { warningAnalysisOf } from "../../shared/workbook/render-consolidated.ts";
import { consolidationStatus } from "./workbooks.ts";

/** 预警分析 over the revisions the consolidation includes: what the workbook's sheet counts, as JSON. */
export async function warningAnalysis(env: Env, periodCode: string, inclusion: Inclusion, waitSeconds: number): Promise<WarningAnalysisAnswer> {
  const { status } = await consolidationStatus(env, periodCode, inclusion, waitSeconds);
  return { period: periodCode, include: inclusion, ...warningAnalysisOf(status, reportingTree) };
}
