/**
 * Why a warned value is what it is (issue 30): a reason code beside an explanation's text, so the
 * province can count why warnings fire (实际变化 a real change, 口径调整 a change of definition,
 * 更正前期数据 a correction of an earlier period's figure, 其他 anything else). Optional: an
 * explanation without one still explains; the analysis counts it as 未选.
 */
export const EXPLANATION_REASONS = [
  { code: "actual", zh: "实际变化", en: "actual change" },
  { code: "definition", zh: "口径调整", en: "change of definition" },
  { code: "correction", zh: "更正前期数据", en: "correction of earlier data" },
  { code: "other", zh: "其他", en: "other" },
] as const;

export type ExplanationReason = (typeof EXPLANATION_REASONS)[number]["code"];

export const explanationReasonCodes = EXPLANATION_REASONS.map((reason) => reason.code) as [ExplanationReason, ...ExplanationReason[]];

/** A reason as a 说明 sheet holds it (its Chinese label from the drop-down, its English label or its code) → its code; anything else → undefined. */
export function explanationReasonOf(text: string): ExplanationReason | undefined {
  const wanted = text.trim().toLowerCase();
  return EXPLANATION_REASONS.find((reason) => reason.zh === wanted || reason.code === wanted || reason.en === wanted)?.code;
}

/** The Chinese label a 说明 sheet shows. */
export function explanationReasonLabel(code: ExplanationReason): { zh: string; en: string } {
  const reason = EXPLANATION_REASONS.find((candidate) => candidate.code === code) ?? EXPLANATION_REASONS[3];
  return { zh: reason.zh, en: reason.en };
}
