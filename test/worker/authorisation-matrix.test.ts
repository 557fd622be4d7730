import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { api, createToken, jsonRequest } from "./api-client.ts";
import { jinan, openPeriod, reportOf, submitOk } from "./submission-client.ts";
import { childReportOf } from "../../shared/consolidate/merge-unit-reports.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";

import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { pdfBytes } from "../support/stamped-copy-files.ts";
import { rosterBodyOf } from "../../shared/api/rosters.ts";
import { syntheticRoster } from "../../scripts/demo/demo-rosters.ts";

// Every endpoint × every kind of caller: anonymous, the clerk of the prefecture in the path, a clerk
// of another prefecture, the clerk of a county below it, a province reviewer, an admin. Then every
// endpoint that names a unit, on a county's path, × the county's own clerk, its parent prefecture's
// clerk, a sibling county's clerk, another prefecture's and another prefecture's county's clerks,
// the province, an admin. "ok" is any 2xx; denials are 401 / 403; 404 where the unit has no such thing.

type Caller = "anonymous" | "clerkOwn" | "clerkOther" | "clerkCountyBelow" | "province" | "admin";
type Expected = "ok" | 401 | 403 | 404 | 409;

const callers: Caller[] = ["anonymous", "clerkOwn", "clerkOther", "clerkCountyBelow", "province", "admin"];
const tokens = {} as Record<Exclude<Caller, "anonymous">, string>;
let revocableTokenId: string;

beforeAll(async () => {
  await openPeriod("2019");
  await openPeriod("2040");
  tokens.clerkOwn = (await createToken("clerk", "370100")).token;
  tokens.clerkOther = (await createToken("clerk", "370200")).token;
  tokens.clerkCountyBelow = (await createToken("clerk", "370102")).token;
  tokens.province = (await createToken("province")).token;
  tokens.admin = (await createToken("admin")).token;
  revocableTokenId = (await createToken("clerk", "370300")).id;
  await submitOk(tokens.clerkOwn, reportOf(jinan));
  await submitOk(tokens.clerkOwn, reportOf(jinan, 2), { basedOnRevision: 1 });
});

interface Endpoint {
  name: string;
  request: (token: string | undefined) => Promise<Response>;
  /** By caller; "ok" for everyone not listed. */
  expect: Partial<Record<Caller, Expected>>;
}

const get = (path: string) => (token: string | undefined) => api(path, token ? { headers: { Authorization: `Bearer ${token}` } } : {});
const send =
  (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  (token: string | undefined) => {
    const init = body === undefined ? { method, headers: {} as Record<string, string> } : jsonRequest(method, body, token);
    const allHeaders = { ...(init.headers as Record<string, string>), ...headers, ...(token && { Authorization: `Bearer ${token}` }) };
    return api(path, { ...init, headers: allHeaders });
  };

/** The newest follow-up of a unit (the matrix's own mark), open or cleared since. */
const openFollowUpOf = async (unitCode: string) =>
  env.DB.prepare("SELECT max(id) AS id FROM follow_ups WHERE period_code = '2019' AND unit_code = ?").bind(unitCode).first<number>("id");

const clerksDenied = { anonymous: 401, clerkOwn: 403, clerkOther: 403, clerkCountyBelow: 403 } as const;
const onlyAdmin = { ...clerksDenied, province: 403 } as const;
/** Read access to a prefecture: its clerk (and those above: the province, admins), not another prefecture's nor a county's below it. */
const ownPrefectureOnly = { anonymous: 401, clerkOther: 403, clerkCountyBelow: 403 } as const;
const submissions = "/periods/2019/units/370100/submissions";
const rosters = "/periods/2019/units/370100/rosters";
/** A poverty list of one person, uploaded as a dry run. */
const povertyListCsv = new TextEncoder().encode("身份证件号码,户籍所在县\n11010519491231002X,370102\n");
/** A prefecture's roster of two students of its county 历下区 (as it may submit for counties that do not report themselves). */
const rosterBody = (unitCode: string) => rosterBodyOf(syntheticRoster(unitCode, "370102", { E01_CMP: 2 }, "2019", Number(unitCode)));

const endpoints: Endpoint[] = [
  { name: "GET /health", request: get("/health"), expect: {} },
  { name: "GET /openapi.json", request: get("/openapi.json"), expect: {} },
  { name: "GET /me", request: get("/me"), expect: { anonymous: 401 } },
  { name: "GET /regions", request: get("/regions"), expect: { anonymous: 401 } },
  { name: "GET /editions", request: get("/editions"), expect: { anonymous: 401 } },
  { name: "GET /editions/{edition}", request: get("/editions/323%2F2019"), expect: { anonymous: 401 } },
  { name: "GET /periods", request: get("/periods"), expect: { anonymous: 401 } },
  { name: "POST /periods", request: send("POST", "/periods", { code: "2041" }), expect: onlyAdmin },
  { name: "PATCH /periods/{period}", request: send("PATCH", "/periods/2040", { deadline: "2041-01-31" }), expect: onlyAdmin },
  { name: "POST /periods/{period}/lock", request: send("POST", "/periods/2040/lock"), expect: onlyAdmin },
  { name: "POST /periods/{period}/unlock", request: send("POST", "/periods/2040/unlock", { unitCode: "370100", reason: "矩阵测试" }), expect: onlyAdmin },
  { name: "GET /periods/{period}/units/{unit}", request: get("/periods/2019/units/370100"), expect: ownPrefectureOnly },
  {
    name: "POST …/submissions",
    request: send("POST", submissions, { report: reportOf(jinan, 3), basedOnRevision: 2 }, { "Idempotency-Key": "matrix-submit-1" }),
    expect: { anonymous: 401, clerkOther: 403, clerkCountyBelow: 403, province: 403, admin: 403 },
  },
  { name: "GET …/submissions", request: get(submissions), expect: ownPrefectureOnly },
  { name: "GET …/submissions/{revision}", request: get(`${submissions}/1`), expect: ownPrefectureOnly },
  { name: "GET …/submissions/{revision}/workbook.xlsx", request: get(`${submissions}/1/workbook.xlsx`), expect: ownPrefectureOnly },
  { name: "GET …/submissions/{revision}/diff", request: get(`${submissions}/2/diff?against=1`), expect: ownPrefectureOnly },
  { name: "GET …/submissions/{revision}/since-accepted", request: get(`${submissions}/2/since-accepted`), expect: ownPrefectureOnly },
  {
    name: "POST …/submissions/{revision}/attachments",
    // Before the review below: an accepted revision takes no stamped copy.
    request: (token) =>
      api(`${submissions}/3/attachments`, {
        method: "POST",
        headers: token ? { Authorization: `Bearer ${token}` } : {},
        body: pdfBytes,
      }),
    expect: { anonymous: 401, clerkOther: 403, clerkCountyBelow: 403, province: 403, admin: 403 },
  },
  {
    name: "POST …/submissions/{revision}/review",
    request: send("POST", `${submissions}/3/review`, { action: "accept" }),
    expect: { ...clerksDenied, admin: 403 },
  },
  { name: "GET …/submissions/{revision}/attachments", request: get(`${submissions}/3/attachments`), expect: ownPrefectureOnly },
  { name: "GET …/submissions/{revision}/attachments/{sequence}", request: get(`${submissions}/3/attachments/1`), expect: ownPrefectureOnly },
  { name: "GET /periods/{period}/completeness", request: get("/periods/2019/completeness"), expect: { anonymous: 401 } },
  { name: "GET /periods/{period}/consolidated", request: get("/periods/2019/consolidated"), expect: clerksDenied },
  { name: "GET /periods/{period}/consolidated.xlsx", request: get("/periods/2019/consolidated.xlsx"), expect: clerksDenied },
  { name: "GET …/template.xlsx", request: get("/periods/2019/units/370100/template.xlsx"), expect: ownPrefectureOnly },
  { name: "GET …/completeness", request: get("/periods/2019/units/370100/completeness"), expect: ownPrefectureOnly },
  { name: "GET …/merged", request: get("/periods/2019/units/370100/merged"), expect: ownPrefectureOnly },
  { name: "GET …/merged.xlsx", request: get("/periods/2019/units/370100/merged.xlsx"), expect: ownPrefectureOnly },
  // 催报 in period 2040, where Jinan owes its report: only whoever Jinan reports to (the province).
  { name: "POST …/reminders", request: send("POST", "/periods/2040/units/370100/reminders", { note: "矩阵测试" }), expect: { ...clerksDenied, admin: 403 } },
  {
    name: "POST /periods/{period}/reminders",
    request: send("POST", "/periods/2040/reminders", { unitCodes: ["370100"] }),
    expect: { ...clerksDenied, admin: 403 },
  },
  { name: "GET …/reminders", request: get("/periods/2040/units/370100/reminders"), expect: ownPrefectureOnly },
  { name: "GET …/history", request: get(`/periods/2019/units/370100/history?cell=${encodeURIComponent("教扶04!E7")}`), expect: ownPrefectureOnly },
  // A value's thread: read by whoever reads the unit; written by its own clerk and those above it (not admins).
  { name: "GET …/comments", request: get(`/periods/2019/units/370100/comments?cell=${encodeURIComponent("教扶04!E7")}`), expect: ownPrefectureOnly },
  {
    name: "POST …/comments",
    request: send("POST", "/periods/2019/units/370100/comments", { cell: "教扶04!E7", text: "矩阵留言" }),
    expect: { ...ownPrefectureOnly, admin: 403 },
  },
  // 跟进: marked by whoever reviews the unit; cleared by its clerk or its reviewer, once (after that, 409: nothing changes).
  {
    name: "POST …/follow-ups",
    request: send("POST", "/periods/2019/units/370100/follow-ups", { cell: "教扶04!E7", note: "矩阵" }),
    expect: { ...clerksDenied, admin: 403 },
  },
  { name: "GET …/follow-ups", request: get("/periods/2019/units/370100/follow-ups"), expect: ownPrefectureOnly },
  {
    name: "POST …/follow-ups/{id}/clear",
    request: async (token) => send("POST", `/periods/2019/units/370100/follow-ups/${await openFollowUpOf("370100")}/clear`, { note: "矩阵解除" })(token),
    expect: { anonymous: 401, clerkOther: 403, clerkCountyBelow: 403, province: 409, admin: 403 },
  },
  { name: "GET /periods/{period}/follow-ups", request: get("/periods/2019/follow-ups"), expect: clerksDenied },
  { name: "GET …/rosters", request: get(rosters), expect: ownPrefectureOnly },
  {
    name: "POST …/rosters",
    request: send("POST", rosters, rosterBody("370100"), { "Idempotency-Key": "matrix-roster-1" }),
    expect: { anonymous: 401, clerkOther: 403, clerkCountyBelow: 403, province: 403, admin: 403 },
  },
  { name: "GET …/rosters/{revision}", request: get(`${rosters}/1`), expect: ownPrefectureOnly },
  { name: "GET …/rosters/{revision}/not-on-list", request: get(`${rosters}/latest/not-on-list`), expect: ownPrefectureOnly },
  { name: "GET /periods/{period}/roster-duplicates", request: get("/periods/2019/roster-duplicates"), expect: clerksDenied },
  { name: "GET /periods/{period}/roster-coverage", request: get("/periods/2019/roster-coverage"), expect: clerksDenied },
  { name: "GET /periods/{period}/warning-analysis", request: get("/periods/2019/warning-analysis?wait=0"), expect: clerksDenied },
  {
    name: "PUT …/outlier-ranges",
    request: send("PUT", "/periods/2019/units/370100/outlier-ranges", { fieldCode: "E01_PRE", rowKey: "370102", low: 10, high: 20, note: "矩阵测试设定" }),
    expect: clerksDenied,
  },
  { name: "GET …/outlier-ranges", request: get("/periods/2019/units/370100/outlier-ranges"), expect: ownPrefectureOnly },
  {
    name: "POST /periods/{period}/poverty-list",
    request: (token) =>
      api("/periods/2019/poverty-list?dryRun=1", { method: "POST", headers: { ...(token && { Authorization: `Bearer ${token}` }) }, body: povertyListCsv }),
    expect: clerksDenied,
  },
  { name: "GET …/roster-comparison", request: get("/periods/2019/units/370100/roster-comparison"), expect: ownPrefectureOnly },
  { name: "GET /periods/{period}/roster-comparison", request: get("/periods/2019/roster-comparison"), expect: clerksDenied },
  { name: "GET /tokens", request: get("/tokens"), expect: onlyAdmin },
  { name: "POST /tokens", request: send("POST", "/tokens", { role: "province", name: "矩阵" }), expect: onlyAdmin },
  { name: "DELETE /tokens/{id}", request: (token) => send("DELETE", `/tokens/${revocableTokenId}`)(token), expect: onlyAdmin },
  { name: "GET /audit", request: get("/audit?action=token&limit=10"), expect: onlyAdmin },
];

describe("authorisation matrix", () => {
  // Sequential: the allowed write of each row (one caller) must find the state the row before left.
  it.each(endpoints.map((endpoint) => [endpoint.name, endpoint] as const))("%s", async (_name, endpoint) => {
    const outcomes: Record<string, Expected | number> = {};
    for (const caller of callers) {
      const response = await endpoint.request(caller === "anonymous" ? undefined : tokens[caller]);
      await response.arrayBuffer();
      outcomes[caller] = response.status >= 200 && response.status < 300 ? "ok" : response.status;
    }
    expect(outcomes).toEqual(Object.fromEntries(callers.map((caller) => [caller, endpoint.expect[caller] ?? "ok"])));
  });

  it("covers every documented operation", async () => {
    const document = (await (await api("/openapi.json")).json()) as { paths: Record<string, Record<string, { deprecated?: boolean }>> };
    // The deprecated /prefectures/{unit} aliases are the same routes (test/worker/prefecture-aliases.test.ts).
    const documented = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods)
        .filter(([, operation]) => !operation.deprecated)
        .map(([method]) => `${method.toUpperCase()} ${path.replace("/api/v1", "")}`),
    );
    const names = endpoints.map((endpoint) =>
      endpoint.name
        .replace("…/submissions", "/periods/{period}/units/{unit}/submissions")
        .replace("…/template", "/periods/{period}/units/{unit}/template")
        .replace("…/completeness", "/periods/{period}/units/{unit}/completeness")
        .replace("…/merged", "/periods/{period}/units/{unit}/merged")
        .replace("…/reminders", "/periods/{period}/units/{unit}/reminders")
        .replace("…/history", "/periods/{period}/units/{unit}/history")
        .replace("…/comments", "/periods/{period}/units/{unit}/comments")
        .replace("…/follow-ups", "/periods/{period}/units/{unit}/follow-ups")
        .replace("…/rosters", "/periods/{period}/units/{unit}/rosters")
        .replace("…/roster-comparison", "/periods/{period}/units/{unit}/roster-comparison")
        .replace("…/outlier-ranges", "/periods/{period}/units/{unit}/outlier-ranges"),
    );
    expect(new Set(names)).toEqual(new Set(documented));
  });
});

// The same operations on a county's path (历下区 370102, in 济南 370100).
type CountyCaller = "countyOwn" | "parentPrefecture" | "siblingCounty" | "otherPrefecture" | "otherCounty" | "province" | "admin";
const countyCallers: CountyCaller[] = ["countyOwn", "parentPrefecture", "siblingCounty", "otherPrefecture", "otherCounty", "province", "admin"];
const countyTokens = {} as Record<CountyCaller, string>;
const county = reportingTree.unit("370102") as ReportingUnit;
const countySubmissions = "/periods/2019/units/370102/submissions";
const countyReport = () => childReportOf(currentFormSet, reportOf(jinan), county, { cover: reportOf(jinan).sheets["封面"]?.[0] });

beforeAll(async () => {
  countyTokens.countyOwn = (await createToken("clerk", "370102")).token;
  countyTokens.parentPrefecture = tokens.clerkOwn;
  countyTokens.siblingCounty = (await createToken("clerk", "370103")).token;
  countyTokens.otherPrefecture = tokens.clerkOther;
  countyTokens.otherCounty = (await createToken("clerk", "370202")).token;
  countyTokens.province = tokens.province;
  countyTokens.admin = tokens.admin;
  await submitOk(countyTokens.countyOwn, countyReport(), { unitCode: "370102" });
});

/** Read access to a county: its clerk, its prefecture's clerk, the province, admins. */
const countyReaders = { siblingCounty: 403, otherPrefecture: 403, otherCounty: 403 } as const;
const countyOwnOnly = { parentPrefecture: 403, siblingCounty: 403, otherPrefecture: 403, otherCounty: 403, province: 403, admin: 403 } as const;

const countyEndpoints: { name: string; request: (token: string) => Promise<Response>; expect: Partial<Record<CountyCaller, Expected>> }[] = [
  { name: "GET /periods/{period}/units/{unit}", request: get("/periods/2019/units/370102"), expect: countyReaders },
  {
    name: "POST …/submissions",
    request: send("POST", countySubmissions, { report: countyReport(), basedOnRevision: 1 }, { "Idempotency-Key": "matrix-county-1" }),
    // The county's own clerk: its report is identical to revision 1, answered with that receipt (200).
    expect: countyOwnOnly,
  },
  { name: "GET …/submissions", request: get(countySubmissions), expect: countyReaders },
  { name: "GET …/submissions/{revision}", request: get(`${countySubmissions}/1`), expect: countyReaders },
  { name: "GET …/submissions/{revision}/since-accepted", request: get(`${countySubmissions}/1/since-accepted`), expect: countyReaders },
  { name: "GET …/submissions/{revision}/workbook.xlsx", request: get(`${countySubmissions}/1/workbook.xlsx`), expect: countyReaders },
  { name: "GET …/template.xlsx", request: get("/periods/2019/units/370102/template.xlsx"), expect: countyReaders },
  {
    name: "POST …/rosters",
    request: send("POST", "/periods/2019/units/370102/rosters", rosterBody("370102"), { "Idempotency-Key": "matrix-county-roster-1" }),
    expect: countyOwnOnly,
  },
  { name: "GET …/rosters", request: get("/periods/2019/units/370102/rosters"), expect: countyReaders },
  { name: "GET …/rosters/{revision}", request: get("/periods/2019/units/370102/rosters/1"), expect: countyReaders },
  { name: "GET …/rosters/{revision}/not-on-list", request: get("/periods/2019/units/370102/rosters/1/not-on-list"), expect: countyReaders },
  { name: "GET …/roster-comparison", request: get("/periods/2019/units/370102/roster-comparison"), expect: countyReaders },
  { name: "GET …/history", request: get(`/periods/2019/units/370102/history?cell=${encodeURIComponent("教扶04!E6")}`), expect: countyReaders },
  { name: "GET …/comments", request: get(`/periods/2019/units/370102/comments?cell=${encodeURIComponent("教扶04!E6")}`), expect: countyReaders },
  {
    name: "POST …/comments",
    request: send("POST", "/periods/2019/units/370102/comments", { cell: "教扶04!E6", text: "矩阵留言" }),
    expect: { ...countyReaders, admin: 403 },
  },
  {
    name: "POST …/follow-ups",
    request: send("POST", "/periods/2019/units/370102/follow-ups", { cell: "教扶04!E6", note: "矩阵" }),
    expect: { countyOwn: 403, siblingCounty: 403, otherPrefecture: 403, otherCounty: 403, province: 403, admin: 403 },
  },
  { name: "GET …/follow-ups", request: get("/periods/2019/units/370102/follow-ups"), expect: countyReaders },
  {
    name: "POST …/follow-ups/{id}/clear",
    request: async (token) => send("POST", `/periods/2019/units/370102/follow-ups/${await openFollowUpOf("370102")}/clear`, { note: "矩阵解除" })(token),
    expect: { parentPrefecture: 409, siblingCounty: 403, otherPrefecture: 403, otherCounty: 403, province: 403, admin: 403 },
  },
  {
    name: "POST …/submissions/{revision}/attachments",
    request: (token) =>
      api(`${countySubmissions}/1/attachments`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}` },
        body: pdfBytes,
      }),
    expect: countyOwnOnly,
  },
  { name: "GET …/submissions/{revision}/attachments", request: get(`${countySubmissions}/1/attachments`), expect: countyReaders },
  // A county has no units reporting to it: those who may read it learn so (404), the others are refused first.
  {
    name: "GET …/completeness",
    request: get("/periods/2019/units/370102/completeness"),
    expect: { ...countyReaders, countyOwn: 404, parentPrefecture: 404, province: 404, admin: 404 },
  },
  {
    name: "GET …/merged",
    request: get("/periods/2019/units/370102/merged"),
    expect: { ...countyReaders, countyOwn: 404, parentPrefecture: 404, province: 404, admin: 404 },
  },
  // The county reports to its prefecture: only the prefecture's clerk reviews it; the province reviews prefectures.
  {
    name: "POST …/submissions/{revision}/review",
    request: send("POST", `${countySubmissions}/1/review`, { action: "return", comment: "请核实" }),
    expect: { countyOwn: 403, siblingCounty: 403, otherPrefecture: 403, otherCounty: 403, province: 403, admin: 403 },
  },
];

describe("authorisation matrix on a county's path", () => {
  it.each(countyEndpoints.map((endpoint) => [endpoint.name, endpoint] as const))("%s", async (_name, endpoint) => {
    const outcomes: Record<string, Expected | number> = {};
    for (const caller of countyCallers) {
      const response = await endpoint.request(countyTokens[caller]);
      await response.arrayBuffer();
      outcomes[caller] = response.status >= 200 && response.status < 300 ? "ok" : response.status;
    }
    expect(outcomes).toEqual(Object.fromEntries(countyCallers.map((caller) => [caller, endpoint.expect[caller] ?? "ok"])));
  });
});
