import { describe, expect, expectTypeOf, it } from "vitest";
import type { z } from "zod";
import { reportDataSchema } from "../../../shared/api/report-data.ts";
import { reportingTree } from "../../../shared/units/reporting-tree.ts";
import type { ReportData } from "../../../shared/report/report-data.ts";
import { sampleReport } from "../../support/sample-report.ts";

describe("the submit payload's schema", () => {
  it("describes exactly the ReportData type", () => {
    expectTypeOf<z.input<typeof reportDataSchema>>().toEqualTypeOf<ReportData>();
  });

  it("accepts a report and rejects unknown fields and oversized text", () => {
    const report = sampleReport(reportingTree.unit("370100")!);
    expect(reportDataSchema.parse(report)).toEqual(report);
    expect(reportDataSchema.safeParse({ ...report, extra: 1 }).success).toBe(false);
    const long = structuredClone(report);
    long.sheets["封面"]![0]!.values.C_HEAD = "长".repeat(2001);
    expect(reportDataSchema.safeParse(long).success).toBe(false);
  });
});
