import { z } from "zod";
import { cellChangeSchema, revisionNumberSchema } from "./submissions.ts";
import { cellWarningSchema } from "./value-history.ts";

// Changed since acceptance (issue 30, item 5): when a unit whose revision was accepted submits again,
// the reviewer sees exactly what changed since that accepted revision, with the reasons, before deciding.

export const sinceAcceptedSchema = z.object({
  revision: revisionNumberSchema,
  accepted: revisionNumberSchema.nullable().describe("The newest accepted revision before this one in the period; null when none was accepted"),
  changes: z
    .array(
      cellChangeSchema.extend({
        explanations: z.array(cellWarningSchema).describe("This revision's warnings on the cell, each with the clerk's 说明"),
      }),
    )
    .describe("Every input cell that differs between the accepted revision and this one (empty when none was accepted)"),
  reasons: z
    .array(z.object({ revision: revisionNumberSchema, reason: z.string() }))
    .describe("The resubmission reasons of the revisions after the accepted one, up to this one, oldest first"),
});
