// The county demo over `wrangler dev`: 137 county clerks submit their workbooks, each of the 16
// prefecture clerks accepts its counties and submits the report merged from them with its own cover,
// the province accepts; every province total equals the published 2019 figure and consolidate() of
// the 16 demo prefecture reports. The province's consolidation counts the prefectures only.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createLocalToken } from "../../cli/commands/token.ts";
import { runCountyCycle } from "../../scripts/demo/county-cycle.ts";
import type { CountyCycleResult } from "../../scripts/demo/county-cycle.ts";
import { demoReports } from "../../scripts/demo/demo-reports.ts";
import { compareWithPublished } from "../../scripts/demo/published-comparison.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { consolidatedAsRevisionOne } from "../support/consolidated-reports.ts";
import { tianbao } from "./run-tianbao.ts";
import { useWranglerDev } from "./wrangler-dev-fixture.ts";

const dev = useWranglerDev();
const dir = mkdtempSync(join(tmpdir(), "tianbao-county-cycle-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let cycle: CountyCycleResult;

describe("the counties report: county → prefecture → province over wrangler dev", () => {
  it("all 137 counties submit, the 16 prefectures merge and submit, the province accepts: every total equals the published figure", async () => {
    const adminToken = (await createLocalToken({ role: "admin", name: "e2e 管理员" }, { persistTo: dev.persistTo })).token;
    const started = performance.now();
    cycle = await runCountyCycle({ baseUrl: dev.baseUrl, adminToken, workbookDir: dir });
    console.log(`county cycle: ${cycle.countyWorkbooks} counties, ${((performance.now() - started) / 1000).toFixed(1)} s`);
    expect(cycle.countyWorkbooks).toBe(137);

    const figures = compareWithPublished(currentFormSet, cycle.consolidated.sheets);
    expect(figures.length).toBeGreaterThan(50);
    expect(figures.filter((figure) => !figure.equal)).toEqual([]);

    const reports = demoReports(currentFormSet, reportingTree);
    const expected = consolidatedAsRevisionOne(reports, "accepted");
    for (const sheet of currentFormSet.sheets.filter((candidate) => candidate.kind !== "cover"))
      expect(cycle.consolidated.sheets[sheet.code], sheet.code).toEqual(expected.sheets[sheet.code]);
    // The province counts the prefectures' merged revisions, never the counties' own.
    expect(cycle.consolidated.provenance.map((entry) => [entry.unitCode, entry.revision, entry.status])).toEqual(
      reportingTree.root.children.map((prefecture) => [prefecture.code, 1, "accepted"]),
    );
    expect(cycle.consolidated.missingPrefectures).toEqual([]);
    for (const [code, merged] of cycle.merges) {
      expect(merged.missingUnits, code).toEqual([]);
      expect(merged.provenance.map((entry) => entry.unitCode)).toEqual(reportingTree.unit(code)!.children.map((county) => county.code));
    }
  });

  it("tianbao status --unit lists a prefecture's counties for its clerk: all accepted; a county's clerk sees the county against the county deadline; without --unit, the prefectures as before", async () => {
    const jinan = reportingTree.unit("370100")!;
    const clerk = { TIANBAO_SERVER: dev.baseUrl, TIANBAO_TOKEN: cycle.tokens.clerks.get(jinan.code)! };
    const counties = await tianbao(["status", "--period", "2019", "--unit", jinan.code, "--json"], clerk);
    expect(counties.exitCode, counties.stderr).toBe(0);
    expect(JSON.parse(counties.stdout)).toEqual(
      // Submitted now, after the county deadline of 2020-01-15: 通过, and 迟报 beside it.
      jinan.children.map((county) => ({
        unit: county.code,
        status: "通过",
        overdue: false,
        late: true,
        revision: 1,
        submittedAt: expect.any(String),
        stampedCopy: "未盖章",
        reminders: { count: 0, lastAt: null },
        waitingOn: [],
      })),
    );
    const table = await tianbao(["status", "--period", "2019", "--unit", jinan.code], clerk);
    expect(table.stdout.split("\n")[0]).toContain("截止 / deadline 2020-01-15");
    // A county's clerk sees the county against the county deadline, not the period's (2020-01-31).
    const lixia = { TIANBAO_SERVER: dev.baseUrl, TIANBAO_TOKEN: cycle.tokens.clerks.get("370102")! };
    const own = await tianbao(["status", "--period", "2019"], lixia);
    expect(own.exitCode, own.stderr).toBe(0);
    expect(own.stdout.split("\n")[0]).toContain("截止 / deadline 2020-01-15");
    // Its own line, the time in Beijing time as the page shows it, and 迟报.
    expect(own.stdout.split("\n")[1]).toMatch(/^370102 {2}历下区.* {2}通过 迟报 {2}修订 \/ revisions 1 {2}未盖章 {2}\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$/);
    expect(JSON.parse((await tianbao(["status", "--period", "2019", "--json"], lixia)).stdout)).toEqual([
      {
        prefecture: "370102",
        status: "通过",
        overdue: false,
        late: true,
        revision: 1,
        submittedAt: expect.any(String),
        stampedCopy: "未盖章",
        reminders: { count: 0, lastAt: null },
        waitingOn: [],
      },
    ]);
    // --unit of the county itself, for its own clerk (its parent's completeness is not theirs to read).
    const ownUnit = await tianbao(["status", "--period", "2019", "--unit", "370102"], lixia);
    expect(ownUnit.exitCode, ownUnit.stderr).toBe(0);
    expect(ownUnit.stdout.split("\n")[0]).toBe("报告期 / period 2019  370102 历下区  截止 / deadline 2020-01-15");
    const prefectures = await tianbao(["status", "--period", "2019", "--json"], { TIANBAO_SERVER: dev.baseUrl, TIANBAO_TOKEN: cycle.tokens.province });
    expect(JSON.parse(prefectures.stdout).map((row: { prefecture: string; status: string }) => [row.prefecture, row.status])).toEqual(
      reportingTree.root.children.map((prefecture) => [prefecture.code, "通过"]),
    );
  });

  it("tianbao period deadline sets the county deadline (admin), and the counties' lateness follows it", async () => {
    const admin = {
      TIANBAO_SERVER: dev.baseUrl,
      TIANBAO_TOKEN: (await createLocalToken({ role: "admin", name: "e2e 管理员 2" }, { persistTo: dev.persistTo })).token,
    };
    // The county deadline may not pass the period's: the prefectures' first, then the counties'.
    expect((await tianbao(["period", "deadline", "2999-12-31", "--period", "2019"], admin)).exitCode).toBe(0);
    const moved = await tianbao(["period", "deadline", "--level", "county", "2999-12-30", "--period", "2019"], admin);
    expect(moved.exitCode, moved.stderr).toBe(0);
    expect(moved.stdout).toContain("县(市、区) / county 2999-12-30");
    const clerk = { TIANBAO_SERVER: dev.baseUrl, TIANBAO_TOKEN: cycle.tokens.clerks.get("370100")! };
    const counties = JSON.parse((await tianbao(["status", "--period", "2019", "--unit", "370100", "--json"], clerk)).stdout) as { late: boolean }[];
    expect(counties.map((county) => county.late)).toEqual(counties.map(() => false));
  });
});
