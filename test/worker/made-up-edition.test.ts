// A made-up edition (test/support/made-up-edition.ts: 323/2020, 支教教师 in 教扶04 and rule R04.3) that
// no product code knows, through the Worker on a real local D1: its row is inserted as a migration
// would insert a real edition's, a period is opened in it, and the Worker follows from the data — the
// template, the submit and its rule, the stored totals and the consolidated workbook.
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { consolidate } from "../../shared/consolidate/consolidate.ts";
import type { IncludedSubmission } from "../../shared/consolidate/consolidate.ts";
import { formSetOf } from "../../shared/forms/form-set.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { readReportWorkbookContents } from "../../shared/workbook/read-report.ts";
import { readXlsx } from "../../shared/xlsx/read-xlsx.ts";
import {
  aidTeachersField,
  aidTeachersRule,
  madeUpEdition,
  madeUpEditionData,
  madeUpFormSet,
  madeUpSampleReport,
  withMadeUpEdition,
} from "../support/made-up-edition.ts";
import { sampleReport, withValue } from "../support/sample-report.ts";
import { api, bearer, createToken, expectProblem, jsonRequest } from "./api-client.ts";
import type { TestToken } from "./api-client.ts";
import { jinan, qingdao, submitOk, submitRequest } from "./submission-client.ts";
import type { Receipt } from "./submission-client.ts";

const period = "2020";
let province: TestToken;
const clerks = new Map<string, TestToken>();

beforeAll(async () => {
  // What a new edition's migration does: its row, with the form set as JSON.
  await env.DB.prepare("INSERT INTO editions (id, title, definition) VALUES (?, ?, ?)")
    .bind(madeUpEdition, "323 统计报表（2020 年版，测试） / 323 forms, made-up 2020 edition", JSON.stringify(madeUpEditionData))
    .run();
  province = await createToken("province");
  for (const prefecture of [jinan, qingdao]) clerks.set(prefecture.code, await createToken("clerk", prefecture.code));
});

const bytesOf = async (path: string, token: string) => {
  const response = await api(path, bearer(token));
  expect(response.status).toBe(200);
  return new Uint8Array(await response.arrayBuffer());
};

describe("a made-up edition through the Worker", () => {
  it("is no edition built into the Worker, yet a period opens in it from its row, which GET /editions/{edition} serves", async () => {
    expect(formSetOf(madeUpEdition)).toBeUndefined();
    const admin = await createToken("admin");
    const response = await api("/periods", jsonRequest("POST", { code: period, editionId: madeUpEdition }, admin.token));
    expect(response.status).toBe(201);
    expect(((await response.json()) as { editionId: string }).editionId).toBe(madeUpEdition);
    // What the pane and the page learn it from when a clerk connects.
    const edition = await api(`/editions/${encodeURIComponent(madeUpEdition)}`, bearer(clerks.get(jinan.code)!.token));
    expect(((await edition.json()) as { definition: unknown }).definition).toEqual(JSON.parse(JSON.stringify(madeUpEditionData)));
  });

  it("opens no period in an edition whose row holds no definition that loads (400 naming editionId), writing nothing", async () => {
    await env.DB.prepare("INSERT INTO editions (id, title) VALUES ('323/2021', '占位 / placeholder')").run();
    const admin = await createToken("admin");
    const problem = await expectProblem(await api("/periods", jsonRequest("POST", { code: "2021", editionId: "323/2021" }, admin.token)), 400);
    expect(problem.errors).toEqual([expect.objectContaining({ field: "editionId", code: "unusable_edition" })]);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM periods WHERE code = '2021'").first("n")).toBe(0);
  });

  it("serves the period's template in that edition: 支教教师 on 教扶04", async () => {
    const bytes = await bytesOf(`/periods/${period}/units/${jinan.code}/template.xlsx`, clerks.get(jinan.code)!.token);
    expect(readReportWorkbookContents(bytes, { formSetOf: withMadeUpEdition }).report.edition).toBe(madeUpEdition);
    const sheet = readXlsx(bytes).sheets.find((candidate) => candidate.name.startsWith("教扶04"))!;
    expect([...sheet.cells.values()].some((cell) => String(cell.value).includes("支教教师"))).toBe(true);
  });

  const receipts = new Map<string, Receipt>();
  const reports = new Map<string, ReportData>();

  it("checks the edition's rule on submit (422 naming R04.3 at its cell), refuses a report of another edition, and stores a valid one", async () => {
    const report = madeUpSampleReport(jinan);
    const county = jinan.children[0]!.code;
    const exchanged = Number(report.sheets["教扶04"]!.find((row) => row.key === county)!.values.E04_EXCH);
    const token = clerks.get(jinan.code)!.token;
    const refused = await expectProblem(await submitRequest(token, withValue(report, "教扶04", county, aidTeachersField, exchanged + 1), { period }), 422);
    expect((refused.issues as { ruleId: string }[]).map((issue) => issue.ruleId)).toEqual([aidTeachersRule]);
    await expectProblem(await submitRequest(token, sampleReport(jinan, { period }), { period }), 400);
    for (const [index, prefecture] of [jinan, qingdao].entries()) {
      const valid = madeUpSampleReport(prefecture, index + 1);
      reports.set(prefecture.code, valid);
      receipts.set(prefecture.code, await submitOk(clerks.get(prefecture.code)!.token, valid, { period }));
    }
  });

  it("stores totals of the new field, equal to consolidate() in that edition, and the consolidated workbook shows them", async () => {
    const response = await api(`/periods/${period}/consolidated?wait=10`, bearer(province.token));
    expect(response.status).toBe(200);
    const result = (await response.json()) as { edition: string; sheets: Record<string, unknown> };
    const included: IncludedSubmission[] = [...receipts].map(([code, receipt]) => ({
      report: reports.get(code)!,
      provenance: {
        unitCode: code,
        submissionId: receipt.submissionId,
        revision: receipt.revision,
        status: "submitted",
        submittedAt: receipt.submittedAt,
      },
    }));
    const expected = consolidate(madeUpFormSet, reportingTree.root, period, included);
    expect(result.edition).toBe(madeUpEdition);
    expect(result.sheets).toEqual(JSON.parse(JSON.stringify(expected.sheets)));
    const aidTeachers = [...reports.values()]
      .flatMap((report) => report.sheets["教扶04"] ?? [])
      .reduce((sum, row) => sum + Number(row.values[aidTeachersField]), 0);
    expect(aidTeachers).toBeGreaterThan(0);
    expect(JSON.stringify(result.sheets["教扶04"])).toContain(`"${aidTeachersField}":${aidTeachers}`);

    const workbook = readXlsx(await bytesOf(`/periods/${period}/consolidated.xlsx`, province.token));
    const sheet = workbook.sheets.find((candidate) => candidate.name.startsWith("教扶04"))!;
    const values = [...sheet.cells.values()].map((cell) => cell.value);
    expect(values.some((value) => String(value).includes("支教教师"))).toBe(true);
    expect(values).toContain(aidTeachers);
  });
});
