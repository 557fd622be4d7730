import { describe, expect, it } from "vitest";
import { demoReports } from "../../cli/demo/demo-reports.ts";
import { idempotencyKeyOf } from "../../cli/idempotency-key.ts";
import { currentFormSet } from "../../shared/forms/form-set.ts";
import { regionTable } from "../../shared/regions/region-table.ts";

const [report] = demoReports(currentFormSet, regionTable);

describe("the idempotency key of a submit", () => {
  it("is the same for the same content, whatever the key order, and accepted by the API (8–255 printable characters)", async () => {
    const reordered = JSON.parse(
      JSON.stringify({
        sheets: report!.sheets,
        explanations: report!.explanations,
        period: report!.period,
        prefectureCode: report!.prefectureCode,
        edition: report!.edition,
      }),
    );
    const key = await idempotencyKeyOf(report!, undefined);
    expect(await idempotencyKeyOf(reordered, undefined)).toBe(key);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes with any value, explanation or resubmission reason", async () => {
    const key = await idempotencyKeyOf(report!, undefined);
    const changed = structuredClone(report!);
    changed.sheets["教扶04"]![0]!.values.E04_VOL = 7;
    const explained = structuredClone(report!);
    explained.explanations![0]!.text += "。";
    expect(
      new Set([key, await idempotencyKeyOf(changed, undefined), await idempotencyKeyOf(explained, undefined), await idempotencyKeyOf(report!, "更正")]).size,
    ).toBe(4);
  });
});
