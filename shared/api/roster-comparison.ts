import { z } from "zod";
import { periodCodeSchema, timestampSchema, unitCodeSchema } from "./common.ts";

// The poverty office's list (its upload, a dry run) and the comparison of the rosters with it (比对).
// Every ID an answer shows is masked (370102********123X).

export const povertyListQuerySchema = z.strictObject({
  dryRun: z.enum(["0", "1"]).optional().describe("1: read, check and count the file, keep nothing / 只检查计数,不保存"),
});

export const povertyListPreviewRowSchema = z.object({
  rowNumber: z.number().int().describe("The row in the file (the header is row 1)"),
  maskedId: z.string(),
  countyCode: z.string(),
});

export const povertyListUploadSchema = z.object({
  period: periodCodeSchema,
  dryRun: z.boolean(),
  headers: z.object({ id: z.string(), county: z.string() }).describe("The headers of the columns read"),
  rows: z.number().int().describe("Data rows read"),
  valid: z.number().int().describe("Rows kept: a valid ID (GB 11643) and a six-digit county, first time seen"),
  invalid: z.number().int().describe("Rows not used: an invalid ID or county"),
  duplicates: z.number().int().describe("Rows not used: an ID already on an earlier row"),
  invalidRows: z.array(z.number().int()).describe("Row numbers of the first invalid rows"),
  preview: z.array(povertyListPreviewRowSchema).describe("The first valid rows, masked"),
  uploadedAt: timestampSchema.optional(),
});

const stageCountSchema = z.object({
  stage: z.string(),
  countField: z.string().describe("The 教扶01 field the stage is counted in"),
  roster: z.number().int().describe("Students in the latest rosters"),
  verified: z.number().int().describe("核准: in a roster and in the list"),
  reported: z.number().int().nullable().describe("教扶01 as reported (the stored totals, latest revisions); null: none folded yet"),
});

export const unitComparisonSchema = z.object({
  unitCode: unitCodeSchema,
  unitName: z.string(),
  stages: z.array(stageCountSchema),
  roster: z.number().int(),
  list: z.number().int().describe("Entries of the list registered in the unit"),
  verified: z.number().int(),
  rosterOnly: z.number().int().describe("名册有、库无: in a roster, not in the list"),
  rosterOnlyExplained: z.number().int().describe("Of 名册有、库无, those the roster explained on its 说明 sheet (X10.3); the rest await the county's word"),
  listOnly: z.number().int().describe("库有、名册无: in the list, in no roster"),
  coverage: z.number().nullable().describe("verified / list, null without a list entry"),
});

export const rosterComparisonSchema = unitComparisonSchema.extend({
  period: periodCodeSchema,
  listUploadedAt: timestampSchema.nullable().describe("When the period's list was uploaded; null: no list yet"),
  rosterOnlyStudents: z.array(z.object({ maskedId: z.string(), countyCode: z.string(), stage: z.string() })).describe("名册有、库无, masked"),
  listOnlyEntries: z.array(povertyListPreviewRowSchema).optional().describe("库有、名册无 with the list's row numbers: only for the county's own clerk"),
});

export const provinceComparisonSchema = z.object({
  period: periodCodeSchema,
  listUploadedAt: timestampSchema.nullable(),
  counties: z.array(unitComparisonSchema.extend({ prefectureCode: unitCodeSchema })),
  prefectures: z.array(unitComparisonSchema),
  province: unitComparisonSchema,
});

export type PovertyListUpload = z.output<typeof povertyListUploadSchema>;
export type UnitComparison = z.output<typeof unitComparisonSchema>;
export type RosterComparison = z.output<typeof rosterComparisonSchema>;
export type ProvinceComparison = z.output<typeof provinceComparisonSchema>;
