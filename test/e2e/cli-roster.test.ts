// `tianbao roster submit|status` against `wrangler dev`, as clerks would run them: 历下区's roster
// filled with ExcelJS, 市中区's written as openpyxl writes (not by our writer), two students on both;
// the rows go up without names, the answers name students by masked ID and the other unit only,
// and nothing printed holds a raw ID or a name. Then a county's 10,000 students, timed.
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
});
