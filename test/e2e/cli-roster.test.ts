// `tianbao roster submit|status` against `wrangler dev`, as clerks would run them: 历下区's roster
// filled with ExcelJS, 市中区's written as openpyxl writes (not by our writer), two students on both;
// the rows go up without names, the answers name students by masked ID and the other unit only,
// and nothing printed holds a raw ID or a name. Then a county's 10,000 students, timed; then the
// poverty office's list uploaded and compared (issue 29); a 250,000-row list's upload is timed in
// `npm run bench` (bench/poverty-list.bench.ts).
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { rosterBodyOf } from "../../shared/api/rosters.ts";
import { maskCitizenId } from "../../shared/roster/masked-id.ts";
import { renderRosterTemplate } from "../../shared/roster/render-roster-template.ts";
import type { RosterData } from "../../shared/roster/roster-data.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { syntheticRoster } from "../../scripts/demo/demo-rosters.ts";
import { povertyListCsv } from "../../scripts/demo/demo-poverty-list.ts";
import { withCheckCharacter } from "../../shared/roster/citizen-id.ts";
import { fillRosterWithExcelJS, openpyxlStyleRoster } from "../support/roster-files.ts";
import { tianbao } from "./run-tianbao.ts";
import { adminTokenFromScript, useWranglerDev } from "./wrangler-dev-fixture.ts";

const dev = useWranglerDev();
const dir = mkdtempSync(join(tmpdir(), "tianbao-roster-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const period = "2019";
const as = (token: string) => ({ TIANBAO_SERVER: dev.baseUrl, TIANBAO_TOKEN: token });

async function localToken(args: string[]): Promise<string> {
  const created = await tianbao(["token", "create", ...args, "--local", "--persist-to", dev.persistTo, "--json"]);
  expect(created.exitCode, created.stderr).toBe(0);
  return (JSON.parse(created.stdout) as { token: string }).token;
}

const lixia = syntheticRoster("370102", "370102", { E01_PRE: 10, E01_CMP: 40, E01_GHS: 10, E01_SVE: 10, E01_HED: 10 }, period, 11);
const shizhong = syntheticRoster("370103", "370103", { E01_CMP: 30 }, period, 12);
// Two of 历下区's students moved to 市中区 during the period: on both rosters.
const moved = lixia.rows.filter((row) => row.values.E10_STAGE === "义务教育").slice(0, 2);
shizhong.rows.push(...moved.map((row, index) => ({ position: 30 + index, values: { ...row.values, E10_COUNTY: "370103" } })));
shizhong.explanations.push(...lixia.explanations.filter((explanation) => moved.some((row) => row.values.E10_ID === explanation.rowKey)));

const secretsOf = (roster: RosterData) => roster.rows.flatMap((row) => [String(row.values.E10_ID), String(row.values.E10_NAME)]);
const leaks = (text: string, roster: RosterData) => secretsOf(roster).filter((secret) => text.includes(secret));

describe("tianbao roster submit|status", () => {
  it("submits two counties' rosters without names; both clerks see the shared students by masked ID, the province the pair", async () => {
    const admin = await adminTokenFromScript(dev, "e2e 管理员");
    expect((await tianbao(["period", "open", period, "--deadline", "2999-12-31"], as(admin.token))).exitCode).toBe(0);
    const lixiaToken = await localToken(["--role", "clerk", "--unit", "370102"]);
    const shizhongToken = await localToken(["--role", "clerk", "--unit", "370103"]);
    const provinceToken = await localToken(["--role", "province"]);

    const lixiaFile = join(dir, "lixia.xlsx");
    writeFileSync(lixiaFile, await fillRosterWithExcelJS(renderRosterTemplate(reportingTree.unit("370102")!, period), lixia));
    const shizhongFile = join(dir, "shizhong.xlsx");
    writeFileSync(shizhongFile, openpyxlStyleRoster(shizhong));

    const wrongUnit = await tianbao(["roster", "submit", lixiaFile, "--unit", "370103"], as(lixiaToken));
    expect(wrongUnit.exitCode).toBe(2);
    const first = await tianbao(["roster", "submit", lixiaFile, "--unit", "370102"], as(lixiaToken));
    expect(first.exitCode, first.stderr).toBe(0);
    expect(first.stdout).toContain("修订 / revision 1, 80 名学生");
    expect(first.stdout).toContain("无跨单位重复学生");
    const second = await tianbao(["roster", "submit", shizhongFile, "--json"], as(shizhongToken));
    expect(second.exitCode, second.stderr).toBe(0);
    expect(JSON.parse(second.stdout)).toMatchObject({
      revision: 1,
      students: 32,
      duplicates: moved.map((row) => ({ maskedId: maskCitizenId(String(row.values.E10_ID)), otherUnitCode: "370102", explained: false })),
    });

    const status = await tianbao(["roster", "status", "--period", period], as(lixiaToken));
    expect(status.exitCode, status.stderr).toBe(0);
    expect(status.stdout).toContain("80 名学生 / students");
    expect(status.stdout).toContain("370102 义务教育 (E01_CMP) 40");
    for (const row of moved) expect(status.stdout).toContain(`${maskCitizenId(String(row.values.E10_ID))}  370103`);
    const pairs = await tianbao(["roster", "status", "--period", period], as(provinceToken));
    expect(pairs.exitCode, pairs.stderr).toBe(0);
    expect(pairs.stdout).toMatch(/370102 .*历下区 — 370103 .*市中区: 2/);

    for (const run of [first, second, status, pairs])
      expect(leaks(run.stdout + run.stderr, lixia).concat(leaks(run.stdout + run.stderr, shizhong))).toEqual([]);
    expect(leaks(dev.output(), lixia)).toEqual([]);
  });

  it("a county's 10,000 students through wrangler dev: the command's time, printed", async () => {
    const big = syntheticRoster("370202", "370202", { E01_PRE: 800, E01_CMP: 6400, E01_GHS: 900, E01_SVE: 600, E01_HED: 1300 }, period, 13);
    const file = join(dir, "shinan.xlsx");
    writeFileSync(file, openpyxlStyleRoster(big));
    const token = await localToken(["--role", "clerk", "--unit", "370202"]);
    const started = performance.now();
    const run = await tianbao(["roster", "submit", file, "--json"], as(token));
    const seconds = (performance.now() - started) / 1000;
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({ students: 10_000 });
    // The request alone, three times (three revisions): its median.
    const body = JSON.stringify(rosterBodyOf(big));
    const times: number[] = [];
    for (let attempt = 0; attempt < 3; attempt++) {
      const start = performance.now();
      const response = await fetch(`${dev.baseUrl}/api/v1/periods/${period}/units/370202/rosters`, {
        method: "POST",
        headers: { Authorization: `Bearer ${token}`, "Content-Type": "application/json", "Idempotency-Key": crypto.randomUUID() },
        body,
      });
      expect(response.status).toBe(201);
      await response.arrayBuffer();
      times.push(performance.now() - start);
    }
    const median = times.sort((a, b) => a - b)[1] as number;
    console.log(
      `tianbao roster submit, 10,000 students through wrangler dev (read, check, send, store): ${seconds.toFixed(2)} s; the POST alone (${(body.length / 1024 / 1024).toFixed(2)} MiB): p50 ${median.toFixed(0)} ms`,
    );
  });

  it("the province uploads the poverty list (dry run, then kept); 历下区's clerk finds the differences by masked ID and row number", async () => {
    const provinceToken = await localToken(["--role", "province"]);
    const lixiaToken = await localToken(["--role", "clerk", "--unit", "370102"]);
    const idsOf = (roster: RosterData) => roster.rows.map((row) => ({ id: String(row.values.E10_ID), county: String(row.values.E10_COUNTY) }));
    // 历下区 without its first 3 students, 2 people on no roster, 市中区 whole (its 2 moved students registered in 370103).
    const added = [0, 1].map((sequence) => ({ id: withCheckCharacter(`37010220090615${String(sequence).padStart(3, "0")}`), county: "370102" }));
    const rows = [...idsOf(lixia).slice(3), ...added, ...idsOf(shizhong)];
    const file = join(dir, "list.csv");
    writeFileSync(file, povertyListCsv(rows));

    const dry = await tianbao(["roster", "list-upload", file, "--period", period, "--dry-run"], as(provinceToken));
    expect(dry.exitCode, dry.stderr).toBe(0);
    expect(dry.stdout).toContain("试运行,未保存 / dry run, nothing kept");
    expect(dry.stdout).toContain(`${rows.length} 行 / rows: 有效 / valid ${rows.length - 2}, 无效 / invalid 0, 重复 / duplicates 2`);
    const kept = await tianbao(["roster", "list-upload", file, "--period", period, "--json"], as(provinceToken));
    expect(kept.exitCode, kept.stderr).toBe(0);
    expect(JSON.parse(kept.stdout)).toMatchObject({ dryRun: false, valid: rows.length - 2 });

    const county = await tianbao(["roster", "compare", "--period", period], as(lixiaToken));
    expect(county.exitCode, county.stderr).toBe(0);
    expect(county.stdout).toContain(
      "370102 济南市历下区: 名册 / roster 80, 名单 / list 79, 核准 / verified 77, 名册有库无 / roster only 3 (已说明 / explained 0), 库有名册无 / list only 2",
    );
    for (const row of idsOf(lixia).slice(0, 3)) expect(county.stdout).toContain(maskCitizenId(row.id));
    expect(county.stdout).toContain(`第 ${80 - 3 + 2} 行 / row ${80 - 3 + 2}  ${maskCitizenId(added[0]!.id)}`);
    const province = await tianbao(["roster", "compare", "--period", period], as(provinceToken));
    expect(province.exitCode, province.stderr).toBe(0);
    expect(province.stdout).toMatch(/370103 济南市市中区: 名册 \/ roster 32, .*核准 \/ verified 32/);
    for (const run of [dry, kept, county, province]) for (const row of rows) expect(run.stdout + run.stderr).not.toContain(row.id);
    for (const row of rows) expect(dev.output()).not.toContain(row.id);
  });
});
