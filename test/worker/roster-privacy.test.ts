import { env } from "cloudflare:workers";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { rosterBodyOf } from "../../shared/api/rosters.ts";
import { api, bearer, createToken } from "./api-client.ts";
import type { TestToken } from "./api-client.ts";
import { listCsv, listRowsOf, newPeople, uploadList } from "./poverty-list-client.ts";
import { countyRoster, rostersPath, submitRosterOk, submitRosterRequest } from "./roster-client.ts";
import { openPeriod } from "./submission-client.ts";

// The spec's promise (../shared/spec/roster.md, "What the server may know"): after a roster is
// submitted — and after attempts the Worker refuses — no raw ID and no name of it is anywhere the
// server keeps or says anything: every column of every row of every D1 table (the audit log
// included), every R2 object, every answer and the Worker's log output.

const roster = countyRoster("370102", 400, 28);
// A student also on another county's roster, so duplicates are computed and answered too.
const shared = roster.rows[0]!;
const neighbour = countyRoster("370103", 20, 29);
neighbour.rows.push({ position: 20, values: { ...shared.values, E10_COUNTY: "370103" } });
const ids = [...roster.rows, ...neighbour.rows].map((row) => String(row.values.E10_ID));
const names = [...roster.rows, ...neighbour.rows].map((row) => String(row.values.E10_NAME));
// The poverty office's list (issue 29): most of the rosters' students, people on no roster, an invalid ID and a repeat.
const listRows = [...listRowsOf(roster, neighbour).slice(3), ...newPeople("370102", 7)];
const invalidId = `${ids[5]!.slice(0, 17)}${ids[5]!.endsWith("0") ? "1" : "0"}`;
const listFile = listCsv([...listRows, { id: invalidId, county: "370102" }, listRows[0]!]);
const secrets = [...new Set([...ids, ...names, ...listRows.map((row) => row.id), invalidId])];

const logged: string[] = [];
const answers: string[] = [];
const methods = ["log", "info", "warn", "error", "debug"] as const;

/** The first secret found in the text, if any. */
const leakIn = (text: string) => secrets.find((secret) => text.includes(secret));

/** A D1 value as text: blobs both as bytes read as text and as hex. */
function asText(value: unknown): string {
  if (value instanceof ArrayBuffer || ArrayBuffer.isView(value) || Array.isArray(value)) {
    const bytes =
      value instanceof ArrayBuffer ? new Uint8Array(value) : ArrayBuffer.isView(value) ? new Uint8Array(value.buffer) : Uint8Array.from(value as number[]);
    return `${new TextDecoder("latin1").decode(bytes)} ${[...bytes].map((byte) => byte.toString(16).padStart(2, "0")).join("")}`;
  }
  return String(value);
}

let malformed = "";
let lixia: TestToken;
let shizhong: TestToken;
let province: TestToken;

beforeAll(async () => {
  for (const method of methods) vi.spyOn(console, method).mockImplementation((...args: unknown[]) => void logged.push(args.map(String).join(" ")));
  await openPeriod("2019");
  lixia = await createToken("clerk", "370102");
  shizhong = await createToken("clerk", "370103");
  province = await createToken("province");
  const keep = async (response: Response) => answers.push(await response.text());

  // Refused: a body with names (400), a roster the engine refuses (422), an over-long ID, an ID as county, malformed JSON; then stored.
  const body = rosterBodyOf(roster);
  await keep(
    await submitRosterRequest(
      lixia.token,
      { ...body, rows: roster.rows.map((row, index) => ({ ...body.rows[index], name: row.values.E10_NAME })) },
      { unitCode: "370102" },
    ),
  );
  await keep(await submitRosterRequest(lixia.token, { ...body, rows: body.rows.map((row) => ({ ...row, county: "370202" })) }, { unitCode: "370102" }));
  await keep(await submitRosterRequest(lixia.token, { ...body, rows: [{ ...body.rows[0], id: `${ids[0]}${ids[1]}${ids[2]}` }] }, { unitCode: "370102" }));
  // A name as the explanation of a warning (too short to count): the 422 lists the warning, not its text.
  const notAided = roster.rows.findIndex((row) => row.values.E10_AIDED === "否");
  const unexplained = { ...body, explanations: [{ ruleId: "R10.5", id: ids[notAided]!, text: names[0]! }] };
  await keep(await submitRosterRequest(lixia.token, unexplained, { unitCode: "370102" }));
  // An ID typed in the county column (a column shifted): the engine's county message would quote it.
  await keep(await submitRosterRequest(lixia.token, { ...body, rows: [{ ...body.rows[0], county: ids[1] }] }, { unitCode: "370102" }));
  // Malformed JSON right after an ID: the parser's message quotes the body around the error; the answer may not.
  malformed = await (await submitRosterRequest(lixia.token, `{"rows":["${ids[0]}",u]}`, { unitCode: "370102" })).text();
  answers.push(malformed);
  answers.push(JSON.stringify(await submitRosterOk(lixia.token, roster, "privacy-roster-0001")));
  answers.push(JSON.stringify(await submitRosterOk(shizhong.token, neighbour)));
  for (const path of [
    rostersPath("2019", "370102"),
    `${rostersPath("2019", "370102")}/1`,
    `${rostersPath("2019", "370103")}/1`,
    "/periods/2019/roster-duplicates",
    "/periods/2019/roster-comparison",
    "/periods/2019/units/370102/roster-comparison",
  ])
    await keep(await api(path, bearer(province.token)));
  // The list: a dry run, a file the Worker refuses (no county column), then stored; the county's clerk reads its differences.
  await keep(await uploadList(province.token, listFile, { dryRun: true }));
  await keep(await uploadList(province.token, new TextEncoder().encode(`身份证件号码\n${ids[0]}\n`)));
  await keep(await uploadList(province.token, listFile));
  await keep(await api("/periods/2019/units/370102/roster-comparison", bearer(lixia.token)));
  await keep(await api("/periods/2019/roster-comparison", bearer(province.token)));
  // 名册有、库无 alone, as the pane asks it: its second and third students are off the list (its first is on it as 市中区's).
  const findings = await api(`${rostersPath("2019", "370102")}/latest/not-on-list`, bearer(lixia.token));
  await keep(findings.clone());
  expect(((await findings.json()) as { notOnList: unknown[] }).notOnList).toHaveLength(2);
});

afterAll(() => vi.restoreAllMocks());

describe("a submitted roster's and an uploaded list's raw IDs and names", () => {
  it("were stored (the test has something to look for): 400 and 420 students, one shared", async () => {
    expect(ids).toHaveLength(421);
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM roster_students").first<{ n: number }>())!;
    expect(n).toBe(421);
    const { entries } = (await env.DB.prepare("SELECT count(*) AS entries FROM poverty_list_entries").first<{ entries: number }>())!;
    expect(entries).toBe(listRows.length);
    expect(answers[11]).toContain('"students":1');
    expect(answers.at(-6)).toContain('"invalid":1,"duplicates":1');
    expect(answers.at(-5)).toContain("report-invalid");
    expect(answers.at(-3)).toContain('"listOnlyEntries"');
    expect(answers.at(-1)).toContain('"notOnList"');
  });

  it("are in no column of any row of any D1 table, the audit log included", async () => {
    const { results: tables } = await env.DB.prepare(
      "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '_cf_%'",
    ).all<{ name: string }>();
    expect(tables.map((table) => table.name)).toEqual(
      expect.arrayContaining([
        "roster_revisions",
        "roster_students",
        "poverty_list_items",
        "poverty_list_uploads",
        "roster_comparison_changes",
        "roster_comparison_counties",
        "roster_comparison_stages",
        "audit_log",
      ]),
    );
    let values = 0;
    for (const { name } of tables) {
      const { results } = await env.DB.prepare(`SELECT * FROM "${name}"`).all<Record<string, unknown>>();
      for (const row of results)
        for (const [column, value] of Object.entries(row)) {
          values++;
          const leak = leakIn(asText(value));
          if (leak) throw new Error(`${name}.${column} holds a raw ID or name`);
        }
    }
    expect(values).toBeGreaterThan(421 * 9);
  });

  it("are in no R2 object", async () => {
    for (const bucket of [env.ATTACHMENTS, env.WORKBOOKS]) {
      const listing = await bucket.list();
      for (const object of listing.objects) {
        const body = await bucket.get(object.key);
        const text = asText(new Uint8Array(await body!.arrayBuffer()));
        expect(leakIn(`${object.key} ${text}`)).toBeUndefined();
      }
    }
  });

  it("are in no answer of the Worker, refusals included, and in none of its log output", () => {
    expect(answers).toHaveLength(20);
    for (const answer of answers) expect(leakIn(answer)).toBeUndefined();
    for (const line of logged) expect(leakIn(line)).toBeUndefined();
  });

  it("are not even in part in the answer to a malformed body (V8's message quotes the text before the error)", () => {
    expect(malformed).toContain("urn:tianbao:problem:malformed-json");
    expect(malformed).not.toContain(ids[0]!.slice(-8));
  });
});
