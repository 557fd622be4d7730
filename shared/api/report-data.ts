import { z } from "zod";
import { explanationReasonCodes } from "../report/explanation-reasons.ts";
import { MAX_EXPLANATIONS } from "../report/report-data.ts";
import type { ReportData } from "../report/report-data.ts";
import { cleanTextSchema, deprecatedPrefectureCodeSchema, notBothUnitNames, unitCodeOfAlias, unitCodeSchema } from "./common.ts";

/** The submit payload's schema: the shape of ReportData (shared/report/report-data.ts), with the limits the API enforces. */

export const cellValueSchema = z.union([z.number().finite(), z.string().max(2000), z.boolean(), z.null()]);

export const reportRowSchema = z.strictObject({
  key: cleanTextSchema(400),
  position: z.number().int().min(0).max(100_000).optional(),
  values: z.record(z.string().max(64), cellValueSchema),
});

export const explanationSchema = z.strictObject({
  ruleId: z.string().max(16),
  sheetCode: z.string().max(16),
  rowKey: cleanTextSchema(400),
  fieldCode: z.string().max(64),
  text: cleanTextSchema(2000),
  reason: z.enum(explanationReasonCodes).optional().describe("实际变化 actual · 口径调整 definition · 更正前期数据 correction · 其他 other"),
});

const reportFields = {
  edition: z.string().regex(/^\d{3}\/\d{4}$/),
  period: z.string().regex(/^\d{4}$/),
  sheets: z.record(z.string().max(16), z.array(reportRowSchema).max(10_000)),
  explanations: z.array(explanationSchema).max(MAX_EXPLANATIONS).default([]),
};

export const reportDataSchema = z.strictObject({ ...reportFields, unitCode: unitCodeSchema }) satisfies z.ZodType<unknown, ReportData>;

/**
 * The submit body's report: the unit as `unitCode`, or as `prefectureCode` the way panes before
 * issue 24 sent it (deprecated, still accepted); either way the report that goes on is `unitCode`'s.
 */
export const submittedReportSchema = z
  .strictObject({
    ...reportFields,
    unitCode: unitCodeSchema.optional(),
    prefectureCode: deprecatedPrefectureCodeSchema,
  })
  .refine(...notBothUnitNames)
  .transform(unitCodeOfAlias)
  .refine((report) => report.unitCode !== undefined, { path: ["unitCode"], message: "报表须写明 unitCode / a report names its unit: unitCode" })
  .transform((report) => ({ ...report, unitCode: report.unitCode as string }));

const PROTO = "__proto__";
const ownProto = (value: unknown) => typeof value === "object" && value !== null && Object.hasOwn(value, PROTO);
const defineProto = (target: object, value: unknown) => Object.defineProperty(target, PROTO, { value, enumerable: true, writable: true, configurable: true });

/**
 * zod's records drop a "__proto__" key (they build plain objects), so a report naming a sheet or a
 * field "__proto__" would pass as if it did not. This puts such keys of the raw JSON back into the
 * parsed report as own properties, so that the engine refuses them (T03) like any unknown key.
 */
export function restoreProtoKeys<Report extends ReportData>(raw: unknown, report: Report): Report {
  const rawSheets = (raw as { sheets?: unknown } | null)?.sheets;
  if (ownProto(rawSheets)) defineProto(report.sheets, []);
  for (const [sheetCode, rows] of Object.entries(report.sheets)) {
    const rawRows = (rawSheets as Record<string, unknown>)[sheetCode];
    rows.forEach((row, index) => {
      if (Array.isArray(rawRows) && ownProto((rawRows[index] as { values?: unknown } | undefined)?.values)) defineProto(row.values, null);
    });
  }
  return report;
}
