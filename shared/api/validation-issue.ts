import { z } from "zod";
import { explanationReasonCodes } from "../report/explanation-reasons.ts";

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
  explanationReason: z
    .enum(explanationReasonCodes)
    .optional()
    .describe("Its reason code: actual 实际变化 · definition 口径调整 · correction 更正前期数据 · other 其他"),
});
