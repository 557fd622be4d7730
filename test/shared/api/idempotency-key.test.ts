import { describe, expect, it } from "vitest";
import { demoReports } from "../../../scripts/demo/demo-reports.ts";
import { idempotencyKeyOf } from "../../../shared/api/idempotency-key.ts";
import { currentFormSet } from "../../support/current-form-set.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";

const [report] = demoReports(currentFormSet, reportingTree);

describe("the idempotency key of a submit (the CLI's and the pane's)", () => {
  it("is the same for the same content, whatever the key order, and accepted by the API (8–255 printable characters)", async () => {
    const reordered = JSON.parse(
      JSON.stringify({
        sheets: report!.sheets,
        explanations: report!.explanations,
        period: report!.period,
        unitCode: report!.unitCode,
        edition: report!.edition,
      }),
    );
    const key = await idempotencyKeyOf(report!, undefined, null);
    expect(await idempotencyKeyOf(reordered, undefined, null)).toBe(key);
    expect(key).toMatch(/^[0-9a-f]{64}$/);
  });

  it("changes with any value, explanation, resubmission reason or the revision it replaces", async () => {
    const key = await idempotencyKeyOf(report!, undefined, null);
    const changed = structuredClone(report!);
    changed.sheets["教扶04"]![0]!.values.E04_VOL = 7;
    const explained = structuredClone(report!);
    explained.explanations![0]!.text += "。";
    const keys = [
      key,
      await idempotencyKeyOf(changed, undefined, null),
      await idempotencyKeyOf(explained, undefined, null),
      await idempotencyKeyOf(report!, "更正", null),
      await idempotencyKeyOf(report!, undefined, 2),
    ];
    expect(new Set(keys).size).toBe(5);
  });
});
