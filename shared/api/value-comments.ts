import { z } from "zod";
import { humanTextSchema, timestampSchema } from "./common.ts";
import { revisionNumberSchema } from "./submissions.ts";

// A thread per value (issue 30, item 3): what the unit's clerk and its reviewers say about one cell of
// the unit's report, across revisions and periods; the return (and acceptance) comments pinned to the
// cell are part of it.

/** The longest comment, in characters (the table checks it too: migration 0019). */
export const COMMENT_MAX_LENGTH = 1000;

export const valueCommentsQuerySchema = z.strictObject({
  cell: z.string().min(3).max(100).optional().describe("单元格 / The cell, e.g. 教扶04!E7: its thread only; without it, every cell's thread of the unit"),
});

export const valueCommentBodySchema = z.strictObject({
  cell: z.string().min(3).max(100).describe("单元格 / The value's cell, e.g. 教扶04!E7"),
  text: humanTextSchema(COMMENT_MAX_LENGTH).describe("留言 / What is said, e.g. 已按学籍系统核对，数字无误"),
});

export const commentKindSchema = z
  .enum(["comment", "return", "accept"])
  .describe("comment: written to the thread; return / accept: a review's comment pinned to this cell");

export const valueCommentSchema = z.object({
  kind: commentKindSchema,
  id: z.number().int().describe("The comment's id, or the review's (with kind return or accept)"),
  unitCode: z.string(),
  sheetCode: z.string(),
  cell: z.string().describe("A1, as the comment named it"),
  address: z.string().describe("e.g. 教扶04!E7"),
  period: z.string().describe("The period it was written in"),
  revision: revisionNumberSchema.nullable().describe("The unit's latest revision in that period when written (null: none yet)"),
  role: z.enum(["clerk", "reviewer"]).describe("clerk: the unit's own clerk; reviewer: a unit above it or the province"),
  authorName: z.string(),
  at: timestampSchema,
  text: z.string(),
});

export const valueCommentsSchema = z.object({
  comments: z.array(valueCommentSchema).describe("Oldest first (a unit's threads interleaved: group them by address)"),
});
