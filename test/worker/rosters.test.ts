import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { rosterBodyOf } from "../../shared/api/rosters.ts";
import type { RosterDetail, RosterDuplicates, RosterReceipt } from "../../shared/api/rosters.ts";
import { maskCitizenId } from "../../shared/roster/masked-id.ts";
import { ROSTER_BODY_MAX_BYTES } from "../../worker/routes/rosters.ts";
import { rosterIdHasherOf } from "../../worker/services/roster-id-key.ts";
import { studentsCanonicalJson } from "../../worker/services/submit-roster.ts";
import { canonicalJson } from "../../shared/report/canonical-json.ts";
import { ProblemError } from "../../worker/http/problem.ts";
import { api, auditActions, bearer, createToken, expectProblem, jsonRequest } from "./api-client.ts";
import type { TestToken } from "./api-client.ts";
import { countyRoster, rostersPath, submitRosterOk, submitRosterRequest } from "./roster-client.ts";
import { syntheticRoster } from "../../scripts/demo/demo-rosters.ts";
import { openPeriod } from "./submission-client.ts";

const lixia = "370102";
const shizhong = "370103";
const shinan = "370202";
const tokens: Record<string, TestToken> = {};

beforeAll(async () => {
  await openPeriod("2019");
  for (const unit of [lixia, shizhong, shinan, "370100"]) tokens[unit] = await createToken("clerk", unit);
  tokens.province = await createToken("province");
});

const read = async <T>(path: string, token: string): Promise<T> => {
  const response = await api(path, bearer(token));
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
};

describe("POST …/rosters", () => {
  it("stores revision 1: masked rows, counts by county and stage, the audit row naming the revision; no raw ID in the answer", async () => {
    const roster = countyRoster(lixia, 250, 1);
    const response = await submitRosterRequest(tokens[lixia]!.token, rosterBodyOf(roster), { unitCode: lixia });
    expect(response.status).toBe(201);
    const text = await response.text();
    const receipt = JSON.parse(text) as RosterReceipt;
    expect(receipt).toMatchObject({ revision: 1, students: 250, duplicates: [] });
    expect(response.headers.get("Location")).toBe(`/api/v1${rostersPath("2019", lixia)}/1`);
    for (const row of roster.rows) expect(text).not.toContain(String(row.values.E10_ID));

    const detail = await read<RosterDetail>(`${rostersPath("2019", lixia)}/1`, tokens[lixia]!.token);
    expect(detail.rows.map((row) => row.maskedId)).toEqual(roster.rows.map((row) => maskCitizenId(String(row.values.E10_ID))));
    expect(detail.counts.map((count) => [count.countyCode, count.countField, count.students])).toEqual([
      [lixia, "E01_CMP", 50],
      [lixia, "E01_GHS", 50],
      [lixia, "E01_HED", 50],
      [lixia, "E01_PRE", 50],
      [lixia, "E01_SVE", 50],
    ]);
    const notAided = roster.rows.filter((row) => row.values.E10_AIDED === "否").length;
    expect(detail.counts.reduce((sum, count) => sum + count.aided, 0)).toBe(250 - notAided);
    expect(detail.rows.filter((row) => row.explained.includes("R10.5"))).toHaveLength(notAided);
    expect(await auditActions(`period:2019/prefecture:${lixia}`)).toEqual(["roster.create"]);
    const audit = await env.DB.prepare("SELECT detail FROM audit_log WHERE action = 'roster.create'").first<{ detail: string }>();
    expect(JSON.parse(audit!.detail)).toMatchObject({ revision: 1, students: 250 });
    const list = await read<{ rosters: { revision: number }[] }>(rostersPath("2019", lixia), tokens.province!.token);
    expect(list.rosters.map((revision) => revision.revision)).toEqual([1]);
  });

  it("is idempotent: the same key and roster → the first receipt (200), nothing stored; the key with another roster → 422", async () => {
    const roster = countyRoster(lixia, 20, 2);
    const first = await submitRosterOk(tokens[lixia]!.token, roster, "roster-retry-0001");
    const count = async () => (await env.DB.prepare("SELECT count(*) AS n FROM roster_students").first<{ n: number }>())!.n;
    const before = await count();
    const retry = await submitRosterRequest(tokens[lixia]!.token, rosterBodyOf(roster), { unitCode: lixia, idempotencyKey: "roster-retry-0001" });
    expect(retry.status).toBe(200);
    expect(await retry.json()).toEqual(first);
    const other = countyRoster(lixia, 21, 2);
    const reused = await expectProblem(
      await submitRosterRequest(tokens[lixia]!.token, rosterBodyOf(other), { unitCode: lixia, idempotencyKey: "roster-retry-0001" }),
      422,
    );
    expect(reused.type).toBe("urn:tianbao:problem:idempotency-key-reused");
    expect(await count()).toBe(before);
  });

  it("refuses a name field (name or 姓名) with 400 naming it, and stores nothing", async () => {
    const body = rosterBodyOf(countyRoster(lixia, 3, 3));
    for (const field of ["name", "姓名"]) {
      const named = { ...body, rows: body.rows.map((row, index) => (index === 1 ? { ...row, [field]: "张三" } : row)) };
      const problem = await expectProblem(await submitRosterRequest(tokens[lixia]!.token, named, { unitCode: lixia }), 400);
      expect(problem.errors).toEqual([expect.objectContaining({ field: `rows.1.${field}` })]);
      expect(problem.errors?.[0]?.message).toContain("姓名只留在工作簿中");
      expect(JSON.stringify(problem)).not.toContain("张三");
    }
  });

  it("checks the roster with the shared engine: 422 naming cells and rules, students by masked ID", async () => {
    const roster = countyRoster(lixia, 5, 4);
    const body = rosterBodyOf(roster);
    const good = body.rows[0]!.id;
    const badCheck = good.slice(0, 17) + (good[17] === "0" ? "1" : "0");
    body.rows[1] = { ...body.rows[0]!, county: shinan };
    body.rows[2] = { ...body.rows[2]!, id: badCheck };
    const problem = await expectProblem(await submitRosterRequest(tokens[lixia]!.token, body, { unitCode: lixia }), 422);
    const issues = problem.issues as { ruleId: string; cell: string; rowKey: string }[];
    expect(issues.map((issue) => [issue.ruleId, issue.cell])).toEqual(
      expect.arrayContaining([
        ["R10.2", "A6"],
        ["R10.3", "C6"],
        ["R10.1", "A7"],
      ]),
    );
    expect(JSON.stringify(problem)).not.toContain(good);
    expect(issues.find((issue) => issue.ruleId === "R10.2")?.rowKey).toBe(maskCitizenId(good));
  });

  it("only the unit's clerk submits; its clerk, the prefecture's and the province read; a neighbour reads nothing", async () => {
    const body = rosterBodyOf(countyRoster(lixia, 2, 5));
    await expectProblem(await submitRosterRequest(tokens["370100"]!.token, body, { unitCode: lixia }), 403);
    await expectProblem(await submitRosterRequest(tokens.province!.token, body, { unitCode: lixia }), 403);
    for (const reader of [lixia, "370100", "province"]) await read(`${rostersPath("2019", lixia)}/1`, tokens[reader]!.token);
    await expectProblem(await api(`${rostersPath("2019", lixia)}/1`, bearer(tokens[shizhong]!.token)), 403);
    await expectProblem(await api(`${rostersPath("2019", lixia)}/99`, bearer(tokens[lixia]!.token)), 404);
    await expectProblem(await api("/periods/2019/roster-duplicates", bearer(tokens[lixia]!.token)), 403);
  });
});

describe("roster D1: append-only, never a raw ID, locked periods", () => {
  it("refuses UPDATE and DELETE of revisions and students, and a masked ID that is not masked", async () => {
    for (const sql of [
      "UPDATE roster_revisions SET students = 0",
      "DELETE FROM roster_revisions",
      "UPDATE roster_students SET aided = 1",
      "DELETE FROM roster_students",
    ])
      await expect(env.DB.prepare(sql).run()).rejects.toThrow(/append-only/);
    const { id } = (await env.DB.prepare("SELECT id FROM roster_revisions LIMIT 1").first<{ id: number }>())!;
    const insert = (maskedId: string, hash: string) =>
      env.DB.prepare(
        "INSERT INTO roster_students (roster_id, position, period_code, id_hash, masked_id, county_code, stage, aided, explained) VALUES (?, 99999, '2019', unhex(?), ?, '370102', 1, 1, 0)",
      )
        .bind(id, hash, maskedId)
        .run();
    await expect(insert("370102200801011234", "00".repeat(16))).rejects.toThrow(/CHECK constraint failed/);
    await expect(insert("370102********1234", "333730313032323030383031303131323334")).rejects.toThrow(/CHECK constraint failed/);
  });

  it("a locked period takes no roster revision (423), unless unlocked for the unit; the trigger refuses any writer", async () => {
    await openPeriod("2021");
    await env.DB.prepare("UPDATE periods SET status = 'locked', locked_at = '2021-12-31T00:00:00.000Z' WHERE code = '2021'").run();
    const roster = countyRoster(lixia, 3, 6, "2021");
    const problem = await expectProblem(await submitRosterRequest(tokens[lixia]!.token, rosterBodyOf(roster), { unitCode: lixia, period: "2021" }), 423);
    expect(problem.type).toBe("urn:tianbao:problem:period-locked");
    await expect(
      env.DB.prepare(
        "INSERT INTO roster_revisions (period_code, unit_code, revision, submitted_by, submitted_at, idempotency_key, content_sha256, students) VALUES ('2021', ?, 1, ?, '2021-12-31T00:00:00Z', 'k-locked-01', ?, 0)",
      )
        .bind(lixia, tokens[lixia]!.id, "0".repeat(64))
        .run(),
    ).rejects.toThrow(/tianbao:period-locked/);
  });

  it("the missing key is a 503 in words, not a 500", async () => {
    let refusal: unknown;
    try {
      rosterIdHasherOf({});
    } catch (error) {
      refusal = error;
    }
    expect(refusal).toBeInstanceOf(ProblemError);
    expect((refusal as ProblemError).body).toMatchObject({ status: 503, type: "urn:tianbao:problem:roster-key-missing" });
    expect((refusal as ProblemError).body.detail).toContain("wrangler secret put ROSTER_ID_KEY");
    expect(() => rosterIdHasherOf({ ROSTER_ID_KEY: "too-short" })).toThrow(ProblemError);
  });
});

describe("cross-unit duplicates (X10.2)", () => {
  it("lists a student in two units' latest rosters for both clerks (naming the other unit only) and the province (pairs, counts)", async () => {
    await openPeriod("2023");
    const mine = countyRoster(shizhong, 30, 7, "2023");
    const theirs = countyRoster(shinan, 30, 8, "2023");
    // Three of 市中区's students also on 市南区's roster (moved during the period).
    theirs.rows.push(...mine.rows.slice(0, 3).map((row, index) => ({ position: 30 + index, values: { ...row.values, E10_COUNTY: shinan } })));
    theirs.explanations.push(...mine.explanations.filter((explanation) => mine.rows.slice(0, 3).some((row) => row.values.E10_ID === explanation.rowKey)));
    const first = await submitRosterOk(tokens[shizhong]!.token, mine);
    expect(first.duplicates).toEqual([]);
    const second = await submitRosterOk(tokens[shinan]!.token, theirs);
    expect(second.duplicates).toEqual(
      mine.rows.slice(0, 3).map((row) => ({
        maskedId: maskCitizenId(String(row.values.E10_ID)),
        otherUnitCode: shizhong,
        otherUnitName: expect.stringContaining("市中区"),
        explained: false,
      })),
    );
    const detail = await read<RosterDetail>(`${rostersPath("2023", shizhong)}/1`, tokens[shizhong]!.token);
    expect(detail.duplicates.map((duplicate) => [duplicate.otherUnitCode, duplicate.maskedId])).toEqual(
      mine.rows.slice(0, 3).map((row) => [shinan, maskCitizenId(String(row.values.E10_ID))]),
    );
    const pairs = await read<RosterDuplicates>("/periods/2023/roster-duplicates", tokens.province!.token);
    expect(pairs.pairs).toEqual([
      { unitCodes: [shizhong, shinan], unitNames: [expect.stringContaining("市中区"), expect.stringContaining("市南区")], students: 3 },
    ]);

    // 市中区's next revision without them, explained: only latest rosters count, and the explanation is kept as a flag.
    const next = { ...mine, rows: mine.rows.slice(3).map((row, position) => ({ ...row, position })) };
    await submitRosterOk(tokens[shizhong]!.token, next);
    expect((await read<RosterDuplicates>("/periods/2023/roster-duplicates", tokens.province!.token)).pairs).toEqual([]);
    expect((await read<RosterDetail>(`${rostersPath("2023", shinan)}/1`, tokens[shinan]!.token)).duplicates).toEqual([]);
  });
});

describe("the stored rows' SHA-256", () => {
  it("is taken of the same text as canonicalJson gives, written without its generic sort", () => {
    const hash = rosterIdHasherOf({ ROSTER_ID_KEY: "tianbao-tests-roster-id-key-not-a-secret" });
    const roster = syntheticRoster("370102", "370102", { E01_PRE: 3, E01_CMP: 20, E01_GHS: 4, E01_SVE: 2, E01_HED: 1 }, "2019", 5);
    const students = roster.rows.map(({ position, values }, index) => ({
      position,
      idHash: hash(String(values.E10_ID)).slice(0, 32),
      maskedId: maskCitizenId(String(values.E10_ID)),
      countyCode: String(values.E10_COUNTY),
      stage: index % 5,
      aided: index % 3 !== 0,
      explained: index % 4,
    }));
    expect(studentsCanonicalJson(students)).toBe(canonicalJson(students));
  });
});

describe("size", () => {
  it("a county's 10,000 students: the request fits the route's limit, and D1 keeps ≤ 120 bytes a student", async () => {
    await openPeriod("2025");
    const roster = countyRoster(shinan, 10_000, 9, "2025");
    const body = JSON.stringify(rosterBodyOf(roster));
    const bytesPerRow = new TextEncoder().encode(body).length / roster.rows.length;
    const size = async () => (await env.DB.prepare("SELECT 1").run()).meta.size_after;
    const before = await size();
    const receipt = await submitRosterOk(tokens[shinan]!.token, roster);
    expect(receipt.students).toBe(10_000);
    const perStudent = ((await size()) - before) / roster.rows.length;
    console.log(
      `roster size: request ${(body.length / 1024 / 1024).toFixed(2)} MiB for 10,000 rows (${bytesPerRow.toFixed(0)} B a row; 40,000 ≈ ${((bytesPerRow * 40_000) / 1024 / 1024).toFixed(1)} MiB, limit ${ROSTER_BODY_MAX_BYTES / 1024 / 1024} MiB); D1 ${perStudent.toFixed(1)} bytes a student`,
    );
    expect(bytesPerRow * 40_000 * 1.2).toBeLessThan(ROSTER_BODY_MAX_BYTES);
    expect(perStudent).toBeLessThanOrEqual(120);
  });

  it("a prefecture's 40,000 students (its counties' rows) fit the route's limit and are stored", async () => {
    const counties = ["370102", "370103", "370104", "370105"];
    const parts = counties.map((county, index) => syntheticRoster("370100", county, { E01_CMP: 8_000, E01_GHS: 2_000 }, "2025", 100 + index));
    const roster = {
      unitCode: "370100",
      period: "2025",
      rows: parts.flatMap((part) => part.rows).map((row, position) => ({ ...row, position })),
      explanations: parts.flatMap((part) => part.explanations),
    };
    const body = JSON.stringify(rosterBodyOf(roster));
    const started = performance.now();
    const receipt = await submitRosterOk(tokens["370100"]!.token, roster);
    console.log(
      `roster size: a prefecture's 40,000 rows, ${(body.length / 1024 / 1024).toFixed(2)} MiB, stored in ${(performance.now() - started).toFixed(0)} ms`,
    );
    expect(receipt.students).toBe(40_000);
    expect(body.length).toBeLessThan(ROSTER_BODY_MAX_BYTES);
  }, 60_000);

  it("a body over the route's limit is a 413 before it is read", async () => {
    const response = await api(rostersPath("2019", lixia), jsonRequest("POST", `{"rows":[${'"x",'.repeat(ROSTER_BODY_MAX_BYTES / 4)}]}`, tokens[lixia]!.token));
    await expectProblem(response, 413);
  });
});
