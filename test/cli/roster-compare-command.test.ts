// `tianbao roster compare|list-upload` in-process against a fake server (fetch stubbed, as in
// county-commands.test.ts): what goes up (the file's bytes, the dry run), what is printed, and that
// the fake answers are what the Worker declares (its zod schemas). The real Worker's side:
// test/worker/roster-comparison.test.ts.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { describeFailure } from "../../cli/cli-error.ts";
import { rosterCommand } from "../../cli/commands/roster.ts";
import { meSchema } from "../../shared/api/me.ts";
import { povertyListUploadSchema, provinceComparisonSchema, rosterComparisonSchema } from "../../shared/api/roster-comparison.ts";
import type { UnitComparison } from "../../shared/api/roster-comparison.ts";

const dir = mkdtempSync(join(tmpdir(), "tianbao-roster-compare-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

let requests: { method: string; url: URL; body: unknown }[];
let answers: Record<string, unknown>;
let out: string[];

async function run(args: string[]) {
  out = [];
  const exitCode = await rosterCommand.run([...args, "--server", "http://fake.test", "--token", "t"]).catch((error: unknown) => {
    const failure = describeFailure(error);
    out.push(failure.line);
    return failure.exitCode;
  });
  return { exitCode, stdout: out.join("\n") };
}

beforeEach(() => {
  requests = [];
  answers = {};
  vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(line));
  vi.spyOn(console, "error").mockImplementation((line: string) => void out.push(line));
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    const parsed = new URL(url);
    requests.push({ method: init.method ?? "GET", url: parsed, body: init.body });
    const answer = answers[`${init.method ?? "GET"} ${parsed.pathname.replace(/^\/api\/v1/, "")}`];
    return answer === undefined ? Response.json({ title: "not found", detail: "no fake answer" }, { status: 404 }) : Response.json(answer);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const stages = [
  { stage: "学前教育", countField: "E01_PRE", roster: 10, verified: 9, reported: 11 },
  { stage: "义务教育", countField: "E01_CMP", roster: 40, verified: 36, reported: null },
];
const figures = (unitCode: string, unitName: string): UnitComparison => ({
  unitCode,
  unitName,
  stages,
  roster: 50,
  list: 48,
  verified: 45,
  rosterOnly: 5,
  rosterOnlyExplained: 2,
  listOnly: 3,
  coverage: 45 / 48,
});

describe("tianbao roster list-upload", () => {
  it("sends the file's bytes as they are, with dryRun=1 for --dry-run, and prints the counts and the masked preview", async () => {
    const file = join(dir, "list.csv");
    const bytes = new TextEncoder().encode("身份证件号码,户籍所在县\n");
    writeFileSync(file, bytes);
    answers["POST /periods/2019/poverty-list"] = povertyListUploadSchema.parse({
      period: "2019",
      dryRun: true,
      headers: { id: "身份证件号码", county: "户籍所在县" },
      rows: 5,
      valid: 3,
      invalid: 1,
      duplicates: 1,
      invalidRows: [4],
      preview: [{ rowNumber: 2, maskedId: "370102********0015", countyCode: "370102" }],
    });
    const result = await run(["list-upload", file, "--period", "2019", "--dry-run"]);
    expect(result.exitCode).toBe(0);
    expect(requests[0]!.url.search).toBe("?dryRun=1");
    expect(new Uint8Array(requests[0]!.body as Uint8Array)).toEqual(bytes);
    expect(result.stdout.split("\n")).toEqual([
      "试运行,未保存 / dry run, nothing kept: 2019",
      "  列 / columns: 身份证件号码, 户籍所在县",
      "  5 行 / rows: 有效 / valid 3, 无效 / invalid 1, 重复 / duplicates 1",
      "  无效行 / invalid rows: 4",
      "  第 2 行 / row 2  370102********0015  370102",
    ]);
  });

  it("refuses a missing file argument or period as a usage error (exit 2)", async () => {
    expect((await run(["list-upload", "--period", "2019"])).exitCode).toBe(2);
    expect((await run(["list-upload", join(dir, "list.csv")])).exitCode).toBe(2);
  });
});

describe("tianbao roster compare", () => {
  it("prints a county's comparison: counts by stage, 名册有库无 masked, 库有名册无 with the list's row numbers", async () => {
    answers["GET /periods/2019/units/370102/roster-comparison"] = rosterComparisonSchema.parse({
      ...figures("370102", "济南市历下区"),
      period: "2019",
      listUploadedAt: "2019-10-08T02:00:00.000Z",
      rosterOnlyStudents: [{ maskedId: "370102********0015", countyCode: "370102", stage: "义务教育" }],
      listOnlyEntries: [{ rowNumber: 47, maskedId: "370102********901X", countyCode: "370102" }],
    });
    const result = await run(["compare", "--period", "2019", "--unit", "370102"]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout).toContain(
      "370102 济南市历下区: 名册 / roster 50, 名单 / list 48, 核准 / verified 45, 名册有库无 / roster only 5 (已说明 / explained 2), 库有名册无 / list only 3, 覆盖 / coverage 93.8%",
    );
    expect(result.stdout).toContain("  义务教育 (E01_CMP): 名册 / roster 40, 核准 / verified 36, 教扶01 —");
    expect(result.stdout).toContain("  学前教育 (E01_PRE): 名册 / roster 10, 核准 / verified 9, 教扶01 11");
    expect(result.stdout).toContain("  370102********0015  370102 义务教育");
    expect(result.stdout).toContain("  第 47 行 / row 47  370102********901X");
    const json = await run(["compare", "--period", "2019", "--unit", "370102", "--json"]);
    expect(JSON.parse(json.stdout)).toMatchObject({ verified: 45, listOnly: 3 });
  });

  it("prints the province's comparison by prefecture and county when the token has no unit and --unit is not given", async () => {
    answers["GET /me"] = meSchema.parse({
      tokenId: "t",
      tokenName: "省级",
      role: "province",
      unitCode: null,
      unitName: null,
      unitLevel: null,
      expiresAt: null,
    });
    answers["GET /periods/2019/roster-comparison"] = provinceComparisonSchema.parse({
      period: "2019",
      listUploadedAt: null,
      counties: [{ ...figures("370102", "济南市历下区"), prefectureCode: "370100" }],
      prefectures: [figures("370100", "济南市"), { ...figures("370200", "青岛市"), roster: 0, list: 0 }],
      province: figures("370000", "山东省"),
    });
    const result = await run(["compare", "--period", "2019"]);
    expect(result.exitCode).toBe(0);
    const lines = result.stdout.split("\n");
    expect(lines[0]).toContain("尚未上传扶贫部门名单");
    expect(lines.slice(1).map((line) => line.split(":")[0])).toEqual(["370000 山东省", "370100 济南市", "  370102 济南市历下区"]);
  });
});
