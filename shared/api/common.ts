import { z } from "zod";
import { UNCLEAN_FILE_NAME_MESSAGE, UNCLEAN_TEXT_MESSAGE, isCleanFileName, isCleanText } from "../values/clean-text.ts";
import { validationIssueSchema } from "./validation-issue.ts";

// Building blocks of the HTTP contract, shared by the Worker and its clients (add-in, CLI).

/** A reporting unit's code: a prefecture (370100) or a county (370102). */
export const unitCodeSchema = z
  .string()
  .regex(/^\d{6}$/, "a division code: six digits, e.g. 370100 (a prefecture) or 370102 (a county)")
  .describe("报送单位行政区划代码（地市或县、市、区） / Reporting unit's division code (GB/T 2260): a prefecture, e.g. 370100, or a county, e.g. 370102");

/** `prefectureCode`, what a body called `unitCode` before issue 24: still accepted from older clients, documented deprecated. */
export const deprecatedPrefectureCodeSchema = unitCodeSchema
  .optional()
  .meta({ deprecated: true, description: "旧名,同 unitCode,仍可用 / The old name of unitCode, still accepted" });

/** A body names its unit once: as `unitCode`, or as the deprecated `prefectureCode`, never both. */
export const notBothUnitNames: [
  (body: { unitCode?: string | undefined; prefectureCode?: string | undefined }) => boolean,
  { path: string[]; message: string },
] = [
  (body) => body.unitCode === undefined || body.prefectureCode === undefined,
  { path: ["prefectureCode"], message: "unitCode 与旧名 prefectureCode 只能给一个 / give unitCode or its old name prefectureCode, not both" },
];

/** The body with its unit under `unitCode` only, whichever name the client used. */
export function unitCodeOfAlias<Body extends { unitCode?: string | undefined; prefectureCode?: string | undefined }>({
  prefectureCode,
  ...rest
}: Body): Omit<Body, "prefectureCode"> & { unitCode: string | undefined } {
  return { ...rest, unitCode: rest.unitCode ?? prefectureCode };
}

export const periodCodeSchema = z
  .string()
  .regex(/^\d{4}$/, "a reporting year, e.g. 2019")
  .describe("报告期 / Reporting period, e.g. 2019");

/** The path of a period: `/periods/{period}`. */
export const periodParamsSchema = z.object({ period: periodCodeSchema });

/** The path of a reporting unit in a period: `/periods/{period}/units/{unit}` (any unit: a prefecture or a county; `/prefectures/{unit}` is its deprecated alias). */
export const unitPathParamsSchema = periodParamsSchema.extend({ unit: unitCodeSchema });

export const timestampSchema = z.iso.datetime().describe("ISO 8601 UTC timestamp");

export const dateSchema = z.iso.date().describe("Date, YYYY-MM-DD");

/** The zod issue param that marks text refused for its characters (the Worker answers 422 for it). */
export const UNCLEAN_TEXT_REASON = "unclean-text";

/** A string of at most maxLength characters, none of them a control character, lone surrogate or bidi override. */
export const cleanTextSchema = (maxLength: number) =>
  z
    .string()
    .max(maxLength)
    .refine(isCleanText, { message: `${UNCLEAN_TEXT_MESSAGE.zh} / ${UNCLEAN_TEXT_MESSAGE.en}`, params: { reason: UNCLEAN_TEXT_REASON } });

/** A file's name as a person gave it: at most maxLength characters, with no control, bidi or zero-width character (refused as unclean text: 422). */
export const fileNameSchema = (maxLength: number) =>
  z
    .string()
    .max(maxLength)
    .refine(isCleanFileName, { message: `${UNCLEAN_FILE_NAME_MESSAGE.zh} / ${UNCLEAN_FILE_NAME_MESSAGE.en}`, params: { reason: UNCLEAN_TEXT_REASON } });

/** Free text written by people (names, reasons, comments): clean, trimmed length checked, stored verbatim. */
export const humanTextSchema = (maxLength: number) => cleanTextSchema(maxLength).refine((text) => text.trim().length > 0, "must not be blank");

export const problemSchema = z
  .looseObject({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z
      .array(
        z.object({
          location: z.enum(["body", "query", "path", "header"]),
          field: z.string(),
          code: z.string(),
          message: z.string(),
        }),
      )
      .optional(),
    issues: z.array(validationIssueSchema).optional().describe("422 report-invalid: the errors and unexplained warnings"),
  })
  .describe("RFC 9457 problem details; title and detail are Chinese first, then English");
