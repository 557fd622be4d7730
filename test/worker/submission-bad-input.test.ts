import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { maxRequestBodyBytes } from "../../worker/http/body-limit.ts";
import { maxStoredRowBytes } from "../../worker/services/submit-report.ts";
import { withValue } from "../support/sample-report.ts";
import { api, bearer, createToken, expectProblem, jsonRequest } from "./api-client.ts";
import { jinan, reportOf, review, rowCounts, submissionsPath, submitOk, submitRequest, usePeriod2019 } from "./submission-client.ts";

// Bad input to the submission endpoints gets a 4xx problem and changes nothing in D1.

const { clerk, province } = usePeriod2019();

beforeAll(async () => {
  await submitOk(clerk.token, reportOf(jinan));
});

const rawSubmit = (body: string, headers: Record<string, string> = { "Idempotency-Key": crypto.randomUUID() }) =>
  api(submissionsPath("2019", "370100"), {
    method: "POST",
    headers: { "Content-Type": "application/json", Authorization: `Bearer ${clerk.token}`, ...headers },
    body,
  });

const valid = () => ({ report: reportOf(jinan, 2), basedOnRevision: 1 });

/** Runs a refused request and checks status, problem type (when given) and that no table changed. */
async function refused(response: Promise<Response>, status: number, type?: string) {
  const before = await rowCounts();
  const problem = await expectProblem(await response, status);
  if (type) expect(problem.type).toBe(`urn:tianbao:problem:${type}`);
  expect(await rowCounts()).toEqual(before);
  return problem;
}

describe("bad submissions are refused and change nothing", () => {
  it("malformed JSON → 400", async () => {
    await refused(rawSubmit('{"report": {"edition": "323/2019",'), 400, "malformed-json");
  });

  it("no Idempotency-Key, or a malformed one → 400 at the header", async () => {
    const problem = await refused(rawSubmit(JSON.stringify(valid()), {}), 400);
    expect(problem.errors?.[0]).toMatchObject({ location: "header", field: "idempotency-key" });
    await refused(rawSubmit(JSON.stringify(valid()), { "Idempotency-Key": "short" }), 400);
  });

  it("wrong types → 400 naming the fields", async () => {
    const problem = await refused(rawSubmit(JSON.stringify({ report: { ...reportOf(jinan), sheets: [] }, basedOnRevision: "1" })), 400);
    expect(problem.errors?.map((issue) => issue.field).sort()).toEqual(["basedOnRevision", "report.sheets"]);
    await refused(
      rawSubmit(JSON.stringify({ report: withValue(reportOf(jinan), "教扶01", "370102", "E01_PRE", { nested: true } as never), basedOnRevision: 1 })),
      400,
    );
    await refused(rawSubmit(JSON.stringify({ ...valid(), extra: 1 })), 400);
  });

  it("an unknown sheet or field → 422 with a structure issue", async () => {
    const unknownSheet = { ...reportOf(jinan, 2), sheets: { ...reportOf(jinan, 2).sheets, 教扶99: [{ key: "370102", values: { X: 1 } }] } };
    const sheetProblem = await refused(submitRequest(clerk.token, unknownSheet, { basedOnRevision: 1 }), 422, "report-invalid");
    expect(sheetProblem.issues).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: "T03", sheetCode: "教扶99" })]));
    const unknownField = withValue(reportOf(jinan, 2), "教扶01", "370102", "E01_BOGUS", 5);
    const fieldProblem = await refused(submitRequest(clerk.token, unknownField, { basedOnRevision: 1 }), 422, "report-invalid");
    expect(fieldProblem.issues).toEqual(expect.arrayContaining([expect.objectContaining({ ruleId: "T03", fieldCode: "E01_BOGUS" })]));
  });

  it("a payload for another prefecture, period or edition than the URL → 400", async () => {
    const qingdaoReport = { ...reportOf(jinan, 2), unitCode: "370200" };
    const problem = await refused(submitRequest(clerk.token, qingdaoReport, { basedOnRevision: 1, unitCode: "370100" }), 400);
    expect(problem.errors).toEqual([expect.objectContaining({ field: "report.unitCode", code: "mismatch" })]);
    await refused(submitRequest(clerk.token, { ...reportOf(jinan, 2), period: "2018" }, { basedOnRevision: 1 }), 400);
    await refused(submitRequest(clerk.token, { ...reportOf(jinan, 2), edition: "323/2020" }, { basedOnRevision: 1 }), 400);
  });

  it(`a body over ${maxRequestBodyBytes} bytes → 413`, async () => {
    const huge = reportOf(jinan, 2);
    huge.sheets["教扶06"] = Array.from({ length: 9_000 }, (_, position) => ({
      key: "",
      position,
      values: { E06_UNIV: "大学".repeat(100), E06_COUNTY: "370102", E06_TOWN: `乡镇${position}` },
    }));
    const body = JSON.stringify({ report: huge, basedOnRevision: 1 });
    expect(new TextEncoder().encode(body).byteLength).toBeGreaterThan(maxRequestBodyBytes);
    await refused(rawSubmit(body), 413, "payload-too-large");
  });

  it(`a body within ${maxRequestBodyBytes} bytes whose revision would pass D1's ${maxStoredRowBytes}-byte row → 413, not 500`, async () => {
    const explanations = Array.from({ length: 340 }, (_, index) => ({
      ruleId: "R05.2",
      sheetCode: "教扶05",
      rowKey: "370102",
      fieldCode: "E05_COVERED",
      text: `${index}`.padEnd(2000, "说"),
    }));
    const body = JSON.stringify({ report: { ...reportOf(jinan, 2), explanations }, basedOnRevision: 1 });
    const bytes = new TextEncoder().encode(body).length;
    expect(bytes).toBeGreaterThan(maxStoredRowBytes);
    expect(bytes).toBeLessThanOrEqual(maxRequestBodyBytes);
    const problem = await refused(rawSubmit(body), 413, "payload-too-large");
    expect(problem.detail).toMatch(/超过可保存的 2000000 字节.*more than the 2000000 a revision can store/);
  });

  it("a 10,000-character text → 400; SQL metacharacters in a key field → 422", async () => {
    const long = withValue(reportOf(jinan, 2), "封面", "370100", "C_HEAD", "长".repeat(10_000));
    const problem = await refused(submitRequest(clerk.token, long, { basedOnRevision: 1 }), 400);
    expect(problem.errors?.[0]).toMatchObject({ code: "too_big" });
    const injected = withValue(reportOf(jinan, 2), "教扶06", 0, "E06_COUNTY", "370102' OR '1'='1");
    const injectedProblem = await refused(submitRequest(clerk.token, injected, { basedOnRevision: 1 }), 422);
    expect(injectedProblem.issues).toEqual([expect.objectContaining({ ruleId: "T02", fieldCode: "E06_COUNTY" })]);
  });

  it("a text longer than its field's maxLength → 422 T02 naming the cell and the length", async () => {
    const long = withValue(reportOf(jinan, 2), "封面", "370100", "C_HEAD", "名".repeat(51));
    const problem = await refused(submitRequest(clerk.token, long, { basedOnRevision: 1 }), 422, "report-invalid");
    expect(problem.issues).toEqual([
      expect.objectContaining({ ruleId: "T02", sheetCode: "封面", fieldCode: "C_HEAD", messageZh: expect.stringContaining("超过 50 个字符") }),
    ]);
  });

  it("a count or amount beyond its field's plausible range → 422 T02 naming each cell and the bound", async () => {
    const huge = withValue(withValue(reportOf(jinan, 2), "教扶04", "370102", "E04_EXCH", 1.7e308), "教扶04", "370103", "E04_NEW_RURAL", 1.7e308);
    const problem = await refused(submitRequest(clerk.token, huge, { basedOnRevision: 1 }), 422, "report-invalid");
    const issues = problem.issues as { ruleId: string; address: string; messageZh: string }[];
    expect(issues.map((issue) => `${issue.ruleId} ${issue.address}`)).toEqual(["T02 教扶04!D7", "T02 教扶04!C8"]);
    expect(issues[0]?.messageZh).toContain("超出合理范围:不能大于 1000000人");
    const money = withValue(reportOf(jinan, 2), "教扶02", "370102", "E02_INV_DONE", 1e307);
    const moneyProblem = await refused(submitRequest(clerk.token, money, { basedOnRevision: 1 }), 422, "report-invalid");
    expect(moneyProblem.issues).toEqual([expect.objectContaining({ ruleId: "T02", fieldCode: "E02_INV_DONE", rowKey: "370102" })]);
    const unsafe = rawSubmit(JSON.stringify(valid()).replace(/"E01_PRE":\d+/, '"E01_PRE":9007199254740993'));
    expect((await refused(unsafe, 422, "report-invalid")).issues).toEqual([expect.objectContaining({ ruleId: "T02", fieldCode: "E01_PRE" })]);
  });

  it.each(["__proto__", "prototype", "constructor"])("%s as a sheet or a field key → 422 T03 like any unknown key", async (key) => {
    const asSheet = JSON.stringify(valid()).replace('"sheets":{', `"sheets":{"${key}":[{"key":"370102","values":{}}],`);
    const sheetProblem = await refused(rawSubmit(asSheet), 422, "report-invalid");
    expect(sheetProblem.issues).toEqual([expect.objectContaining({ ruleId: "T03", sheetCode: key })]);
    const asField = JSON.stringify(valid()).replace('"E01_PRE":', `"${key}":1,"E01_PRE":`);
    const fieldProblem = await refused(rawSubmit(asField), 422, "report-invalid");
    expect(fieldProblem.issues).toEqual([expect.objectContaining({ ruleId: "T03", sheetCode: "教扶01", fieldCode: key })]);
  });

  it.each([
    ["NUL", "\u0000"],
    ["a bell", "\u0007"],
    ["a carriage return", "\r"],
    ["a lone surrogate", "\ud800"],
    ["a right-to-left override", "\u202e"],
    ["a left-to-right isolate", "\u2066"],
  ])("text with %s → 422 naming the field: cell text, explanation, reason, comment, token name", async (_what, character) => {
    const text = `王${character}五`;
    const cell = await refused(
      submitRequest(clerk.token, withValue(reportOf(jinan, 2), "封面", "370100", "C_HEAD", text), { basedOnRevision: 1 }),
      422,
      "report-invalid",
    );
    expect(cell.issues).toEqual([
      expect.objectContaining({ ruleId: "T02", sheetCode: "封面", fieldCode: "C_HEAD", address: expect.stringMatching(/^封面!C\d+$/) }),
    ]);
    const explained = { ...reportOf(jinan, 2), explanations: [{ ruleId: "R05.2", sheetCode: "教扶05", rowKey: "370102", fieldCode: "E05_COVERED", text }] };
    const explanation = await refused(submitRequest(clerk.token, explained, { basedOnRevision: 1 }), 422, "text-not-clean");
    expect(explanation.errors).toEqual([expect.objectContaining({ field: "report.explanations.0.text", code: "unclean-text" })]);
    const reason = await refused(submitRequest(clerk.token, reportOf(jinan, 2), { basedOnRevision: 1, resubmissionReason: text }), 422, "text-not-clean");
    expect(reason.errors).toEqual([expect.objectContaining({ field: "resubmissionReason" })]);
    const comment = await refused(review(province.token, "2019", "370100", 1, { action: "return", comment: text }), 422, "text-not-clean");
    expect(comment.errors).toEqual([expect.objectContaining({ field: "comment" })]);
    const admin = await createToken("admin");
    const name = await expectProblem(await api("/tokens", jsonRequest("POST", { role: "clerk", unitCode: "370100", name: text }, admin.token)), 422);
    expect(name).toMatchObject({ type: "urn:tianbao:problem:text-not-clean", errors: [expect.objectContaining({ field: "name" })] });
  });

  it("a bad revision in the path or query → 400; an unknown period → 404", async () => {
    await expectProblem(await api(`${submissionsPath("2019", "370100")}/0`, bearer(clerk.token)), 400);
    await expectProblem(await api(`${submissionsPath("2019", "370100")}/1%27%20OR%201=1`, bearer(clerk.token)), 400);
    await expectProblem(await api(`${submissionsPath("2019", "370100")}/1/diff?against=x`, bearer(clerk.token)), 400);
    await expectProblem(await api(`${submissionsPath("2019", "379900")}`, bearer(province.token)), 400);
    await refused(submitRequest(clerk.token, reportOf(jinan, 1, "2031"), { period: "2031" }), 404);
  });

  it("bad reviews → 400 / 404, nothing written", async () => {
    await refused(review(province.token, "2019", "370100", 1, { action: "approve" }), 400);
    await refused(review(province.token, "2019", "370100", 1, { action: "return", comment: "意".repeat(10_000) }), 400);
    await refused(review(province.token, "2019", "370100", 1, { action: "return", comment: "x", cells: [{ sheetCode: "教扶01'; --", cell: "C7" }] }), 400);
    await refused(review(province.token, "2019", "370100", 9, { action: "accept" }), 404);
  });

  it("arbitrary JSON bodies to submit and review never make a 500", async () => {
    await fc.assert(
      fc.asyncProperty(fc.boolean(), fc.jsonValue(), async (toReview, body) => {
        const response = toReview ? await review(province.token, "2019", "370100", 1, body) : await rawSubmit(JSON.stringify(body));
        await response.arrayBuffer();
        return response.status >= 400 && response.status < 500;
      }),
      { numRuns: 60 },
    );
  });
});

describe("hostile text in a valid report is stored verbatim", () => {
  it("SQL metacharacters in the cover's text round-trip through payload and values; the tables survive", async () => {
    const hostile = "王'); DROP TABLE submissions; -- \" OR 1=1 %_\\ 🚀";
    const report = withValue(reportOf(jinan, 2), "封面", "370100", "C_HEAD", hostile);
    const receipt = await submitOk(clerk.token, report, { basedOnRevision: 1 });
    const detail = (await (await api(`${submissionsPath("2019", "370100")}/${receipt.revision}`, bearer(clerk.token))).json()) as { report: typeof report };
    expect(detail.report.sheets["封面"]![0]!.values.C_HEAD).toBe(hostile);
    const stored = await env.DB.prepare("SELECT text_value FROM submission_values WHERE submission_id = ? AND field_code = 'C_HEAD'")
      .bind(Number(receipt.submissionId))
      .first("text_value");
    expect(stored).toBe(hostile.trim());
    expect(await env.DB.prepare("SELECT count(*) AS n FROM submissions").first("n")).toBe(2);
  });
});
