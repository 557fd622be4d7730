import { z } from "zod";

/** A problem the validation engine found (shared/validate), as the API reports it. */
export const validationIssueSchema = z.object({
  ruleId: z.string().describe("规则编号 / Rule id, e.g. R05.1; T01–T04 are the engine's own checks"),
  severity: z.enum(["error", "warning"]),
  sheetCode: z.string(),
  sheetName: z.string(),
  cell: z.string().describe("A1 of the cell at fault; empty when not one cell"),
  address: z.string().describe("e.g. 教扶04!E7"),
  rowKey: z.string(),
  fieldCode: z.string(),
  messageZh: z.string(),
  messageEn: z.string(),
  explanation: z.string().optional().describe("说明 given for a warning"),
});
