// The triggers of migration 0010 keep the state rules in the database: they raise
// 'tianbao:<kind>: …', and the services turn that into the answer their own check gives first.

export type StateRuleKind = "period-locked" | "conflict" | "revision-not-attachable";

/** The state rule a failed write broke, or undefined when the failure is something else. */
export function brokenStateRule(error: unknown): StateRuleKind | undefined {
  const message = error instanceof Error ? error.message : String(error);
  return /tianbao:(period-locked|conflict|revision-not-attachable):/.exec(message)?.[1] as StateRuleKind | undefined;
}
