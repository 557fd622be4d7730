// A county clerk's token as the README makes it, `tianbao token create --role clerk --unit 370102
// --local`, written into the local D1 of `wrangler dev` and used with the real command: the county's
// clerk takes the county's template from the server and submits it, cannot read its prefecture's;
// Jinan's clerk (made with --prefecture, the older name) accepts it with `tianbao review --unit`.
// The local writer refuses a name the API refuses.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { demoCountyReports } from "../../scripts/demo/demo-workbooks.ts";
import { fillTemplateWithExcelJS } from "../support/exceljs-fill.ts";
import { tianbao } from "./run-tianbao.ts";
import { adminTokenFromScript, useWranglerDev } from "./wrangler-dev-fixture.ts";

const dev = useWranglerDev();
const dir = mkdtempSync(join(tmpdir(), "tianbao-county-token-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const period = "2019";
const as = (token: string) => ({ TIANBAO_SERVER: dev.baseUrl, TIANBAO_TOKEN: token });
const dayMs = 86_400_000;

/** `tianbao token create … --local` into the server's D1; the created token as --json prints it. */
async function localToken(args: string[]) {
  const created = await tianbao(["token", "create", ...args, "--local", "--persist-to", dev.persistTo, "--json"]);
  expect(created.exitCode, created.stderr).toBe(0);
  return JSON.parse(created.stdout) as { id: string; role: string; unitCode: string | null; name: string; expiresAt: string | null; token: string };
}

describe("tianbao token create --role clerk --unit 370102 --local", () => {
  it("gives Lixia's clerk a working token: the county's template from the server, a submit, no read of Jinan; Jinan's clerk reviews it", async () => {
    const admin = await adminTokenFromScript(dev, "e2e 管理员");
    const opened = await tianbao(["period", "open", period, "--deadline", "2999-12-31"], as(admin.token));
    expect(opened.exitCode, opened.stderr).toBe(0);

    const before = Date.now();
    const lixia = await localToken(["--role", "clerk", "--unit", "370102"]);
    expect(lixia).toMatchObject({ role: "clerk", unitCode: "370102", name: "济南市历下区填报员" });
    expect(Date.parse(lixia.expiresAt ?? "")).toBeGreaterThanOrEqual(before + 400 * dayMs);
    const jinan = await localToken(["--role", "clerk", "--prefecture", "370100"]);
    expect(jinan).toMatchObject({ unitCode: "370100", name: "济南市填报员" });

    const template = join(dir, "lixia-template.xlsx");
    const made = await tianbao(["template", "--unit", "370102", "--period", period, "-o", template], as(lixia.token));
    expect(made.exitCode, made.stderr).toBe(0);
    expect(made.stderr).toContain(`取自服务器 ${dev.baseUrl}`);
    const [{ countyReports }] = demoCountyReports(["370100"]) as [ReturnType<typeof demoCountyReports>[number]];
    const report = countyReports.find((candidate) => candidate.unitCode === "370102")!;
    const workbook = join(dir, "lixia.xlsx");
    writeFileSync(workbook, await fillTemplateWithExcelJS(new Uint8Array(readFileSync(template)), report));
    const submitted = await tianbao(["submit", workbook, "--json"], as(lixia.token));
    expect(submitted.exitCode, submitted.stderr).toBe(0);
    expect(JSON.parse(submitted.stdout)).toMatchObject({ revision: 1, status: "submitted" });

    const notOwn = await tianbao(["template", "--unit", "370100", "--period", period, "-o", join(dir, "jinan.xlsx")], as(lixia.token));
    expect(notOwn.exitCode).toBe(1);
    expect(notOwn.stderr).toMatch(/^HTTP 403 370102 的填报员不能查看济南市（370100）的报表/);

    const accepted = await tianbao(["review", "--period", period, "--unit", "370102", "accept"], as(jinan.token));
    expect(accepted).toMatchObject({ exitCode: 0, stdout: `已通过 / accepted: 370102 ${period} 修订 / revision 1\n` });
  });

  it("refuses what POST /tokens refuses: a name with a bidi override, a county code on a province token; nothing is written", async () => {
    const bidi = await tianbao(["token", "create", "--role", "clerk", "--unit", "370102", "--name", "张三\u202e", "--local", "--persist-to", dev.persistTo]);
    expect(bidi.exitCode).toBe(2);
    expect(bidi.stderr.trim()).toMatch(/^令牌未创建:name 含有不允许的字符/);
    const province = await tianbao(["token", "create", "--role", "province", "--unit", "370102", "--local", "--persist-to", dev.persistTo]);
    expect(province.exitCode).toBe(2);
    const list = await tianbao(["token", "list", "--local", "--persist-to", dev.persistTo]);
    expect(list.exitCode, list.stderr).toBe(0);
    expect(list.stdout).not.toContain("张三");
  });
});
