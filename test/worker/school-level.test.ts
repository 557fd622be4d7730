import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { consolidate } from "../../shared/consolidate/consolidate.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { createApp } from "../../worker/app.ts";
import { readFoldInput } from "../../worker/db/consolidation-store.ts";
import { foldPendingChanges } from "../../worker/services/fold-changes.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { sampleReport, withValue } from "../support/sample-report.ts";
import { insertRegionSql, sampleSchoolReport, schoolRegionRow, schoolTree } from "../support/synthetic-schools.ts";
import { createToken, jsonRequest, origin } from "./api-client.ts";
import { openPeriod, submitRequest } from "./submission-client.ts";

// Issue 31: the store's code paths over a tree with a fourth level, schools below the counties
// (test/support/synthetic-schools.ts), the Worker's app built over that tree: schools submit, the
// queue's fold takes their changes, and the province's pull equals a full consolidate() over the same
// tree of the prefectures' included revisions — schools reach the province only through their
// county's and prefecture's revisions, so a school's revision moves no total.

const tree = schoolTree(140);
const schools = tree.units.filter((unit) => unit.level.code === "school");
const prefectures = tree.root.children.slice(0, 2);
const app = createApp(tree);
const context = { waitUntil: () => {}, passThroughOnException: () => {}, props: {} } as unknown as ExecutionContext;
const tokens = new Map<string, string>();
let province: string;

beforeAll(async () => {
  await env.DB.batch(schools.map((school) => env.DB.prepare(insertRegionSql).bind(...schoolRegionRow(school))));
  province = (await createToken("province")).token;
  for (const unit of [...prefectures, ...schools.slice(0, 4), schools.at(-1) as ReportingUnit])
    tokens.set(unit.code, (await createToken("clerk", unit.code)).token);
});

/** A request to the app over the school tree. */
async function call(path: string, init: RequestInit): Promise<Response> {
  return app.fetch(new Request(`${origin}/api/v1${path}`, init), env, context);
}

async function submit(unit: ReportingUnit, report: ReportData, period: string, basedOnRevision: number | null = null): Promise<void> {
  const body = { report, basedOnRevision, ...(basedOnRevision !== null && { resubmissionReason: "学校重报 test" }) };
  const init = jsonRequest("POST", body, tokens.get(unit.code));
  (init.headers as Record<string, string>)["Idempotency-Key"] = crypto.randomUUID();
  const response = await call(`/periods/${period}/units/${unit.code}/submissions`, init);
  expect(response.status, await response.clone().text()).toBe(201);
}

async function foldAll(period: string): Promise<void> {
  for (let more = true; more; ) {
    const folded = await foldPendingChanges(env.DB, period);
    expect(folded.failed).toEqual([]);
    more = folded.more;
  }
}

async function pull(period: string, inclusion: "latest" | "accepted" = "latest") {
  const response = await call(`/periods/${period}/consolidated?include=${inclusion}&wait=0`, { headers: { Authorization: `Bearer ${province}` } });
  expect(response.status).toBe(200);
  return (await response.json()) as ReturnType<typeof consolidate> & { freshness: { pendingChanges: number } };
}

describe("a school level below the counties", () => {
  it("schools submit over the school tree, their changes are folded, and the pull equals consolidate() over the same tree", async () => {
    const period = "2019";
    await openPeriod(period);
    const reports = prefectures.map((prefecture, index) => sampleReport(prefecture, { seed: index + 3, period }));
    for (const [index, prefecture] of prefectures.entries()) await submit(prefecture, reports[index] as ReportData, period);
    // Schools under two counties of Jinan (370102, 370103) and the 140th under the first again.
    for (const [index, school] of [...schools.slice(0, 4), schools.at(-1) as ReportingUnit].entries())
      await submit(school, sampleSchoolReport(school, { seed: index + 1, period }), period);
    const before = await pull(period);
    expect(before.freshness.pendingChanges).toBe(7);
    await foldAll(period);
    const first = schools[0] as ReportingUnit;
    // D1's regions carry the fourth level: a school's chain runs through its county and prefecture to the province.
    expect((await readFoldInput(env.DB, period, first.code, [])).chain).toEqual([first.code, "370102", "370100", "370000"]);
    // A school's second revision, folded on its own: the totals do not move.
    await submit(first, withValue(sampleSchoolReport(first, { seed: 1, period }), "教扶04", first.code, "E04_NEW_RURAL", 901), period, 1);
    expect((await foldPendingChanges(env.DB, period)).folded).toBe(1);

    const stored = await pull(period);
    expect(stored.freshness.pendingChanges).toBe(0);
    const oracle = consolidate(
      currentFormSet,
      tree.root,
      period,
      prefectures.map((prefecture, index) => ({
        report: reports[index] as ReportData,
        provenance: { unitCode: prefecture.code, submissionId: "", revision: 1, status: "submitted", submittedAt: "" },
      })),
    );
    expect(stored.sheets).toEqual(oracle.sheets);
    expect(stored.missingPrefectures).toEqual(oracle.missingPrefectures);
    expect(stored.provenance.map((entry) => entry.unitCode)).toEqual(prefectures.map((prefecture) => prefecture.code));
    // Nothing accepted yet: the accepted totals are consolidate() of no revision, whatever the schools hold.
    const accepted = await pull(period, "accepted");
    expect(accepted.sheets).toEqual(consolidate(currentFormSet, tree.root, period, []).sheets);
    // Schools are kept: each revision stored under its own unit.
    const { results } = await env.DB.prepare(
      "SELECT unit_code, max(revision) AS revision FROM submissions WHERE period_code = ?1 AND unit_code >= '400000' GROUP BY unit_code",
    )
      .bind(period)
      .all<{ unit_code: string; revision: number }>();
    expect(Object.fromEntries(results.map((row) => [row.unit_code, row.revision]))).toEqual({
      [first.code]: 2,
      ...Object.fromEntries([...schools.slice(1, 4), schools.at(-1) as ReportingUnit].map((school) => [school.code, 1])),
    });
  });

  it("the Worker's own app (Shandong's tree) still refuses a school's code", async () => {
    const school = schools[0] as ReportingUnit;
    const response = await submitRequest(tokens.get(school.code) as string, sampleSchoolReport(school, { period: "2019" }), { period: "2019" });
    expect(response.status).toBe(400);
  });
});
