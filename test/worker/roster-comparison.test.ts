import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { PovertyListUpload, ProvinceComparison, RosterComparison } from "../../shared/api/roster-comparison.ts";
import type { RosterDetail, RosterFindings } from "../../shared/api/rosters.ts";
import { maskCitizenId } from "../../shared/roster/masked-id.ts";
import { readXlsx } from "../../shared/xlsx/read-xlsx.ts";
import { writeXlsx } from "../../shared/xlsx/write-xlsx.ts";
import { api, bearer, createToken, expectProblem } from "./api-client.ts";
import type { TestToken } from "./api-client.ts";
import { listCsv, listRowsOf, newPeople, uploadList } from "./poverty-list-client.ts";
import { countyRoster, submitRosterOk } from "./roster-client.ts";
import { jinan, openPeriod, reportOf, submitOk } from "./submission-client.ts";

// 比对 (issue 29): two counties' rosters, a list with known removals and additions, and what each reader sees.

const lixia = "370102";
const shizhong = "370103";
const lixiaRoster = countyRoster(lixia, 50, 41);
const shizhongRoster = countyRoster(shizhong, 30, 42);
// The list: 历下区 without its first 5 students and with 3 people on no roster; 市中区 whole; then an invalid ID and a repeat.
const removed = listRowsOf(lixiaRoster).slice(0, 5);
const added = newPeople(lixia, 3);
const listRows = [...listRowsOf(lixiaRoster).slice(5), ...added, ...listRowsOf(shizhongRoster)];
const withFaults = [...listRows, { id: "370102201001011234", county: lixia }, listRows[0]!];

const tokens: Record<string, TestToken> = {};
const comparisonPath = (unit: string) => `/periods/2019/units/${unit}/roster-comparison`;

async function read<T>(path: string, token: string): Promise<T> {
  const response = await api(path, bearer(token));
  if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
  return (await response.json()) as T;
}

beforeAll(async () => {
  await openPeriod("2019");
  for (const unit of [lixia, shizhong, "370100"]) tokens[unit] = await createToken("clerk", unit);
  tokens.province = await createToken("province");
  await submitRosterOk(tokens[lixia]!.token, lixiaRoster);
  await submitRosterOk(tokens[shizhong]!.token, shizhongRoster);
});

describe("POST /periods/{period}/poverty-list", () => {
  it("a dry run counts valid, invalid and repeated IDs and previews masked rows, keeping nothing", async () => {
    const response = await uploadList(tokens.province!.token, listCsv(withFaults), { dryRun: true });
    expect(response.status).toBe(200);
    const text = await response.text();
    const upload = JSON.parse(text) as PovertyListUpload;
    expect(upload).toMatchObject({ dryRun: true, rows: listRows.length + 2, valid: listRows.length, invalid: 1, duplicates: 1 });
    expect(upload.headers).toEqual({ id: "身份证件号码", county: "户籍所在县(市、区)代码" });
    expect(upload.invalidRows).toEqual([listRows.length + 2]);
    expect(upload.preview[0]).toEqual({ rowNumber: 2, maskedId: maskCitizenId(listRows[0]!.id), countyCode: lixia });
    for (const row of withFaults) expect(text).not.toContain(row.id);
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM poverty_list_entries").first<{ n: number }>())!;
    expect(n).toBe(0);
  });

  it("reads an .xlsx list's first sheet by its headers", async () => {
    const cells = new Map<string, { value: string }>([
      ["A1", { value: "公民身份号码" }],
      ["B1", { value: "户籍县" }],
    ]);
    listRows.slice(0, 4).forEach((row, index) => {
      cells.set(`A${index + 2}`, { value: row.id });
      cells.set(`B${index + 2}`, { value: row.county });
    });
    const response = await uploadList(tokens.province!.token, writeXlsx({ sheets: [{ name: "名单", cells }] }), { dryRun: true });
    expect((await response.json()) as PovertyListUpload).toMatchObject({ rows: 4, valid: 4, invalid: 0, duplicates: 0 });
  });

  it("refuses a file without an ID column (422, naming the column) and a county clerk (403)", async () => {
    const problem = await expectProblem(await uploadList(tokens.province!.token, new TextEncoder().encode("姓名,县\n某某,370102\n")), 422);
    expect(problem.detail).toContain("身份证件号码");
    await expectProblem(await uploadList(tokens[lixia]!.token, listCsv(listRows)), 403);
  });

  it("stores the list hashed, replacing the period's, with an audit row of the counts", async () => {
    expect((await uploadList(tokens.province!.token, listCsv(listRows.slice(0, 10)))).status).toBe(201);
    const response = await uploadList(tokens.province!.token, listCsv(withFaults));
    expect(response.status).toBe(201);
    const { n } = (await env.DB.prepare("SELECT count(*) AS n FROM poverty_list_entries WHERE period_code = '2019'").first<{ n: number }>())!;
    expect(n).toBe(listRows.length);
    const { results } = await env.DB.prepare("SELECT detail FROM audit_log WHERE action = 'poverty-list.replace' ORDER BY id").all<{ detail: string }>();
    expect(results.map((row) => JSON.parse(row.detail))).toEqual([
      { rows: 10, valid: 10, invalid: 0, duplicates: 0 },
      { rows: listRows.length + 2, valid: listRows.length, invalid: 1, duplicates: 1 },
    ]);
  });
});

describe("GET …/roster-comparison", () => {
  it("gives a county's clerk 核准 by stage, 名册有库无 and 库有名册无 with the list's row numbers", async () => {
    const comparison = await read<RosterComparison>(comparisonPath(lixia), tokens[lixia]!.token);
    expect(comparison).toMatchObject({ unitCode: lixia, roster: 50, list: 48, verified: 45, rosterOnly: 5, listOnly: 3, coverage: 45 / 48 });
    expect(comparison.stages.reduce((sum, stage) => sum + stage.verified, 0)).toBe(45);
    expect(comparison.stages.map((stage) => stage.roster)).toEqual([10, 10, 10, 10, 10]);
    expect(comparison.rosterOnlyStudents.map((student) => student.maskedId).sort()).toEqual(removed.map((row) => maskCitizenId(row.id)).sort());
    const firstAdded = 45 + 2;
    expect(comparison.listOnlyEntries).toEqual(
      added.map((row, index) => ({ rowNumber: firstAdded + index, maskedId: maskCitizenId(row.id), countyCode: lixia })),
    );
  });

  it("shows the prefecture and the province the counts and 名册有库无, not the county's 库有名册无; another county is refused", async () => {
    const byProvince = await read<RosterComparison>(comparisonPath(lixia), tokens.province!.token);
    expect(byProvince).toMatchObject({ verified: 45, listOnly: 3 });
    expect(byProvince.listOnlyEntries).toBeUndefined();
    const prefecture = await read<RosterComparison>(comparisonPath("370100"), tokens["370100"]!.token);
    expect(prefecture).toMatchObject({ roster: 80, list: 78, verified: 75, rosterOnly: 5, listOnly: 3 });
    expect(prefecture.listOnlyEntries).toBeUndefined();
    await expectProblem(await api(comparisonPath(lixia), bearer(tokens[shizhong]!.token)), 403);
  });

  it("gives the province every county and prefecture, counts only, the verified count beside 教扶01 as reported", async () => {
    // 济南's report, folded into the stored totals: 历下区's 教扶01 row is what its verified counts stand beside.
    const report = reportOf(jinan);
    await submitOk(tokens["370100"]!.token, report);
    expect((await api("/periods/2019/consolidated?wait=10", bearer(tokens.province!.token))).status).toBe(200);
    const lixiaRow = report.sheets["教扶01"]!.find((row) => row.key === lixia)!;
    const response = await api("/periods/2019/roster-comparison", bearer(tokens.province!.token));
    const text = await response.text();
    const comparison = JSON.parse(text) as ProvinceComparison;
    const county = (code: string) => comparison.counties.find((row) => row.unitCode === code);
    expect(county(lixia)).toMatchObject({ prefectureCode: "370100", verified: 45, rosterOnly: 5, listOnly: 3 });
    expect(county(shizhong)).toMatchObject({ verified: 30, rosterOnly: 0, listOnly: 0, coverage: 1 });
    expect(county(lixia)!.stages.map((stage) => stage.reported)).toEqual(county(lixia)!.stages.map((stage) => lixiaRow.values[stage.countField]));
    expect(county(lixia)!.stages.every((stage) => typeof stage.reported === "number")).toBe(true);
    expect(comparison.prefectures.find((row) => row.unitCode === "370100")).toMatchObject({ verified: 75 });
    expect(comparison.prefectures.find((row) => row.unitCode === "370200")!.stages[0]!.reported).toBeNull();
    expect(comparison.province).toMatchObject({ unitCode: "370000", roster: 80, list: 78, verified: 75 });
    expect(comparison.listUploadedAt).not.toBeNull();
    expect(text).not.toContain("********");
    await expectProblem(await api("/periods/2019/roster-comparison", bearer(tokens[lixia]!.token)), 403);
  });

  it("puts 核准比对 in the consolidated workbook: the province, each prefecture and its counties, counts only", async () => {
    const response = await api("/periods/2019/consolidated.xlsx", bearer(tokens.province!.token));
    expect(response.status).toBe(200);
    const sheet = readXlsx(new Uint8Array(await response.arrayBuffer())).sheets.find((candidate) => candidate.name === "核准比对");
    expect(sheet).toBeDefined();
    const cells = sheet!.cells;
    const rowOf = (code: string) => [...cells].find(([address, cell]) => address.startsWith("A") && cell.value === code)![0].slice(1);
    const value = (column: string, code: string) => cells.get(`${column}${rowOf(code)}`)?.value;
    expect(["A1", "C1", "D1", "M1", "O1", "P1", "Q1", "R1", "S1"].map((address) => cells.get(address)?.value)).toEqual([
      "代码",
      "学前教育核准",
      "学前教育(教扶01)",
      "名册人数",
      "核准人数",
      "名册有、库无",
      "其中已说明",
      "库有、名册无",
      "核准率",
    ]);
    expect(["M", "N", "O", "P", "Q", "R", "S"].map((column) => value(column, lixia))).toEqual([50, 48, 45, 5, 0, 3, "93.8%"]);
    expect(value("O", "370000")).toBe(75);
    expect(Number(rowOf("370100"))).toBeLessThan(Number(rowOf(lixia)));
    for (const [, cell] of cells) expect(String(cell.value)).not.toContain("********");
  });

  it("follows a county's new roster revision on the next read (no stale stored figure served)", async () => {
    const again = countyRoster(lixia, 50, 41);
    again.rows = again.rows.slice(5);
    await submitRosterOk(tokens[lixia]!.token, again);
    const comparison = await read<RosterComparison>(comparisonPath(lixia), tokens[lixia]!.token);
    expect(comparison).toMatchObject({ roster: 45, verified: 45, rosterOnly: 0, listOnly: 3 });
  });
});

describe("X10.3 名册有、库无 in a roster's receipt", () => {
  it("names each student in no entry of the list by masked ID and row, and keeps only that the clerk explained it", async () => {
    const licheng = "370112";
    tokens[licheng] = await createToken("clerk", licheng);
    // 历城区's students are on no list row; two of them explained on the 说明 sheet, a third too briefly.
    const roster = countyRoster(licheng, 12, 43);
    const idOf = (position: number) => String(roster.rows[position]!.values.E10_ID);
    const secret = "该生户籍已迁入本区，扶贫部门名单尚未更新";
    roster.explanations = [
      { ruleId: "X10.3", rowKey: idOf(3), text: secret },
      { ruleId: "X10.3", rowKey: idOf(7), text: "新识别的建档立卡学生" },
      { ruleId: "X10.3", rowKey: idOf(9), text: "待查" },
    ];
    const receipt = await submitRosterOk(tokens[licheng]!.token, roster);
    expect(receipt.listUploaded).toBe(true);
    expect(receipt.notOnList.map((student) => student.position)).toEqual(roster.rows.map((row) => row.position));
    expect(receipt.notOnList.map((student) => student.maskedId)).toEqual(roster.rows.map((row) => maskCitizenId(String(row.values.E10_ID))));
    expect(receipt.notOnList.filter((student) => student.explained).map((student) => student.position)).toEqual([3, 7]);
    // The revision's detail says the same; 历下区's latest roster (all of it on the list) names none.
    const detail = await read<{ notOnList: unknown[] }>(`/periods/2019/units/${licheng}/rosters/${receipt.revision}`, tokens[licheng]!.token);
    expect(detail.notOnList).toEqual(receipt.notOnList);
    const lixiaLatest = await read<{ notOnList: unknown[]; listUploaded: boolean }>(`/periods/2019/units/${lixia}/rosters/2`, tokens[lixia]!.token);
    expect(lixiaLatest).toMatchObject({ listUploaded: true, notOnList: [] });
    // Only the marks are kept: no explanation text anywhere, and a mark never changes.
    const dump = JSON.stringify((await env.DB.prepare("SELECT * FROM roster_unlisted_explained").all()).results);
    expect(dump).not.toContain(secret);
    await expect(env.DB.prepare("DELETE FROM roster_unlisted_explained").run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("UPDATE roster_unlisted_explained SET position = position + 100").run()).rejects.toThrow(/append-only/);
  });

  it("says there is no list yet in a period without one", async () => {
    await openPeriod("2018");
    const receipt = await submitRosterOk(tokens[shizhong]!.token, countyRoster(shizhong, 5, 44, "2018"));
    expect(receipt).toMatchObject({ listUploaded: false, notOnList: [] });
  });
});

describe("GET …/rosters/{revision}/not-on-list: the findings without the rows", () => {
  const findingsPath = (unit: string, revision: number | "latest", period = "2019") => `/periods/${period}/units/${unit}/rosters/${revision}/not-on-list`;

  it("answers the detail's listUploaded and notOnList, explained marks included, for the latest revision or a numbered one", async () => {
    const changqing = "370113";
    tokens[changqing] = await createToken("clerk", changqing);
    // 长清区: its first 8 students on the list (uploaded again with them), the other 12 on no entry; two of those explained.
    const roster = countyRoster(changqing, 20, 45);
    const idOf = (position: number) => String(roster.rows[position]!.values.E10_ID);
    roster.explanations = [
      { ruleId: "X10.3", rowKey: idOf(10), text: "户籍已迁入本区，名单未更新" },
      { ruleId: "X10.3", rowKey: idOf(15), text: "新识别的建档立卡学生" },
    ];
    expect((await uploadList(tokens.province!.token, listCsv([...listRows, ...listRowsOf(roster).slice(0, 8)]))).status).toBe(201);
    const first = await submitRosterOk(tokens[changqing]!.token, roster);
    const detail = await read<RosterDetail>(`/periods/2019/units/${changqing}/rosters/${first.revision}`, tokens[changqing]!.token);
    const latest = await read<RosterFindings>(findingsPath(changqing, "latest"), tokens[changqing]!.token);
    expect(latest).toEqual({ revision: first.revision, students: 20, listUploaded: true, notOnList: detail.notOnList });
    expect(latest.notOnList.map((student) => student.position)).toEqual([8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19]);
    expect(latest.notOnList.filter((student) => student.explained).map((student) => student.position)).toEqual([10, 15]);
    // The students on the list are not in the answer, masked or otherwise.
    const text = JSON.stringify(latest);
    for (const position of [0, 7]) expect(text).not.toContain(maskCitizenId(idOf(position)));

    // A second revision all on the list: latest names none; the first, asked by number, still names its twelve.
    const second = countyRoster(changqing, 20, 45);
    second.rows = second.rows.slice(0, 8);
    const receipt = await submitRosterOk(tokens[changqing]!.token, second);
    expect(await read<RosterFindings>(findingsPath(changqing, "latest"), tokens[changqing]!.token)).toEqual({
      revision: receipt.revision,
      students: 8,
      listUploaded: true,
      notOnList: [],
    });
    expect(await read<RosterFindings>(findingsPath(changqing, first.revision), tokens.province!.token)).toEqual(latest);
  });

  it("says listUploaded false in a period without a list, 404 for a unit with no roster or no such revision, 403 for another unit's clerk", async () => {
    // 市中区's roster of 2018 (the test above): no list in 2018.
    expect(await read<RosterFindings>(findingsPath(shizhong, "latest", "2018"), tokens[shizhong]!.token)).toMatchObject({
      revision: 1,
      listUploaded: false,
      notOnList: [],
    });
    await expectProblem(await api(findingsPath("370100", "latest"), bearer(tokens["370100"]!.token)), 404);
    await expectProblem(await api(findingsPath(lixia, 99), bearer(tokens[lixia]!.token)), 404);
    await expectProblem(await api(findingsPath(lixia, "latest", "2017"), bearer(tokens[lixia]!.token)), 404);
    await expectProblem(await api(findingsPath(lixia, "latest"), bearer(tokens[shizhong]!.token)), 403);
    expect((await api(`/periods/2019/units/${lixia}/rosters/newest/not-on-list`, bearer(tokens[lixia]!.token))).status).toBe(400);
  });
});
