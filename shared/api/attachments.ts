import { z } from "zod";
import { fileNameSchema, timestampSchema } from "./common.ts";
import { revisionParamsSchema } from "./submissions.ts";
import { stampedCopyMediaTypes } from "../attachments/stamped-copy.ts";

// The stamped copy of a revision (盖章件): uploaded as the raw request body, listed, downloaded.

export const attachmentParamsSchema = revisionParamsSchema.extend({
  sequence: z
    .string()
    .regex(/^[1-9]\d{0,5}$/, "an attachment number, 1 or more")
    .transform(Number)
    .describe("第几份 / Which copy of the revision, 1 for the first"),
});

export const attachQuerySchema = z.strictObject({
  fileName: fileNameSchema(200).optional().describe("The file's name on the clerk's computer, kept for the download (its type is read from the bytes)"),
});

export const attachmentSchema = z.object({
  revision: z.number().int(),
  sequence: z.number().int().min(1).describe("1 for the first copy; a higher one supersedes it"),
  sha256: z.string().describe("SHA-256 of the file"),
  sizeBytes: z.number().int().min(1),
  mediaType: z.enum(stampedCopyMediaTypes).describe("Decided by the file's magic bytes"),
  fileName: z.string(),
  uploadedBy: z.string().describe("Token id"),
  uploadedByName: z.string(),
  uploadedAt: timestampSchema,
});

export const attachmentListSchema = z.object({
  attachments: z.array(attachmentSchema).describe("Oldest first; the last one is the current stamped copy"),
});
