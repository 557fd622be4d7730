// `tianbao audit` and `tianbao token` against a fake server (fetch stubbed), in-process: the query
// sent, every page read, the lines printed, and the token's expiry and revocation.
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import type { AuditPage } from "../../shared/api/api-client.ts";
import { describeFailure } from "../../cli/cli-error.ts";
import { auditCommand } from "../../cli/commands/audit.ts";
import { tokenCommand } from "../../cli/commands/token.ts";

const server = "http://fake.test";
let requests: { method: string; url: URL; body: unknown }[];
let answer: (request: { method: string; url: URL; body: unknown }) => Response;
let out: string[];

async function run(command: { run(args: string[]): Promise<number> }, args: string[]) {
  out = [];
  const exitCode = await command.run([...args, "--server", server, "--token", "t"]).catch((error: unknown) => {
    const failure = describeFailure(error);
    out.push(`ERROR ${failure.line}`);
    return failure.exitCode;
  });
  return { exitCode, stdout: out.join("\n") };
}

beforeEach(() => {
  requests = [];
  vi.spyOn(console, "log").mockImplementation((line: string) => void out.push(line));
  vi.stubGlobal("fetch", async (url: string, init: RequestInit) => {
    const request = { method: init.method ?? "GET", url: new URL(url), body: typeof init.body === "string" ? JSON.parse(init.body) : undefined };
    requests.push(request);
    return answer(request);
  });
});
afterEach(() => {
  vi.restoreAllMocks();
  vi.unstubAllGlobals();
});

const entry = (id: number, action: string, target: string): AuditPage["entries"][number] => ({
  id,
  at: `2026-12-0${id}T02:00:00.000Z`,
  tokenId: "tok-1",
  tokenName: "张三",
  action,
  target,
  detail: { revision: id },
});

describe("tianbao audit", () => {
  it("sends the filters, reads every page through nextCursor, prints one line an entry in Beijing time", async () => {
    const pages: Record<string, AuditPage> = {
      "": { entries: [entry(1, "submission.create", "period:2019/prefecture:370100")], nextCursor: "1" },
      "1": { entries: [entry(2, "submission.accept", "period:2019/prefecture:370100")], nextCursor: null },
    };
    answer = (request) => Response.json(pages[request.url.searchParams.get("cursor") ?? ""]);
    const result = await run(auditCommand, ["--from", "2026-12-01", "--to", "2026-12-07", "--unit", "370100", "--action", "submission"]);
    expect(result.exitCode).toBe(0);
    expect(requests.map((request) => `${request.method} ${request.url.pathname}${request.url.search}`)).toEqual([
      "GET /api/v1/audit?from=2026-12-01&to=2026-12-07&unit=370100&action=submission&limit=500",
      "GET /api/v1/audit?from=2026-12-01&to=2026-12-07&unit=370100&action=submission&limit=500&cursor=1",
    ]);
    expect(result.stdout.split("\n")).toEqual([
      '2026-12-01 10:00:00  submission.create  period:2019/prefecture:370100  张三 (tok-1)  {"revision":1}',
      '2026-12-02 10:00:00  submission.accept  period:2019/prefecture:370100  张三 (tok-1)  {"revision":2}',
    ]);
  });

  it("takes --prefecture as --unit's older name, and refuses both", async () => {
    answer = () => Response.json({ entries: [], nextCursor: null });
    expect((await run(auditCommand, ["--prefecture", "370102"])).exitCode).toBe(0);
    expect(requests.at(-1)?.url.search).toBe("?unit=370102&limit=500");
    expect((await run(auditCommand, ["--prefecture", "370102", "--unit", "370100"])).exitCode).toBe(2);
  });

  it("--json prints each entry as one JSON line", async () => {
    answer = () => Response.json({ entries: [entry(3, "sign-in.fail", "client:203.0.113.7")], nextCursor: null });
    const result = await run(auditCommand, ["--json"]);
    expect(JSON.parse(result.stdout)).toEqual(entry(3, "sign-in.fail", "client:203.0.113.7"));
  });

  it("a refusal is one line: a clerk's token gets the server's 403", async () => {
    answer = () =>
      Response.json(
        { type: "urn:tianbao:problem:forbidden", title: "无权执行此操作 / Forbidden", status: 403, detail: "此操作仅限：管理员 / Only for: administrator" },
        { status: 403 },
      );
    expect(await run(auditCommand, [])).toEqual({ exitCode: 1, stdout: "ERROR HTTP 403 此操作仅限：管理员 / Only for: administrator" });
  });
});

describe("tianbao token", () => {
  it("create --expires-at: a date is the end of that day in Beijing time; the expiry is printed", async () => {
    answer = (request) =>
      Response.json(
        {
          id: "tok-9",
          role: "clerk",
          unitCode: "370100",
          name: "张三",
          createdAt: "2026-12-07T00:00:00.000Z",
          createdBy: null,
          revokedAt: null,
          expiresAt: (request.body as { expiresAt: string }).expiresAt,
          token: "tb_x",
        },
        { status: 201 },
      );
    const result = await run(tokenCommand, ["create", "--role", "clerk", "--prefecture", "370100", "--name", "张三", "--expires-at", "2099-06-30", "--json"]);
    expect(result.exitCode).toBe(0);
    expect(requests[0]?.body).toEqual({ role: "clerk", unitCode: "370100", name: "张三", expiresAt: "2099-06-30T16:00:00.000Z" });
    expect(JSON.parse(result.stdout)).toMatchObject({ id: "tok-9", expiresAt: "2099-06-30T16:00:00.000Z" });
  });

  it("create --unit takes a county (the clerk named for it), --prefecture is its older name; both, or the province, is a usage error", async () => {
    answer = (request) =>
      Response.json(
        {
          id: "tok-7",
          createdAt: "2026-12-07T00:00:00.000Z",
          createdBy: "tok-1",
          revokedAt: null,
          expiresAt: null,
          token: "tb_x",
          ...(request.body as object),
        },
        { status: 201 },
      );
    expect((await run(tokenCommand, ["create", "--role", "clerk", "--unit", "370102"])).exitCode).toBe(0);
    expect((await run(tokenCommand, ["create", "--role", "clerk", "--prefecture", "370102", "--name", "李四"])).exitCode).toBe(0);
    expect(requests.map((request) => request.body)).toEqual([
      { role: "clerk", unitCode: "370102", name: "济南市历下区填报员" },
      { role: "clerk", unitCode: "370102", name: "李四" },
    ]);
    for (const args of [
      ["--unit", "370102", "--prefecture", "370102"],
      ["--unit", "370000"],
      ["--unit", "379999"],
    ])
      expect((await run(tokenCommand, ["create", "--role", "clerk", ...args])).exitCode, args.join(" ")).toBe(2);
    expect(await run(tokenCommand, ["create", "--role", "province", "--unit", "370102"])).toEqual({
      exitCode: 2,
      stdout: expect.stringMatching(/^ERROR 填报员令牌须有 --unit/),
    });
    expect(requests).toHaveLength(2);
  });

  it("create --expires-at in the past or unreadable is a usage error (exit 2), nothing sent", async () => {
    for (const expiry of ["2020-01-01", "next year"]) {
      const result = await run(tokenCommand, ["create", "--role", "clerk", "--prefecture", "370100", "--expires-at", expiry]);
      expect(result.exitCode).toBe(2);
      expect(result.stdout).toMatch(/^ERROR --expires-at .* \/ --expires-at /);
    }
    expect(requests).toEqual([]);
  });

  it("revoke <id> through the server; the last admin token's refusal says what to do", async () => {
    answer = () =>
      Response.json({
        id: "tok-1",
        role: "clerk",
        unitCode: "370100",
        name: "张三",
        createdAt: "2026-12-07T00:00:00.000Z",
        createdBy: null,
        revokedAt: "2026-12-07T01:00:00.000Z",
        expiresAt: null,
      });
    const revoked = await run(tokenCommand, ["revoke", "tok-1"]);
    expect(revoked).toEqual({ exitCode: 0, stdout: "已吊销 / revoked: clerk “张三” (id tok-1) at 2026-12-07 09:00:00" }); // Beijing time, as the page shows it
    expect(`${requests[0]?.method} ${requests[0]?.url.pathname}`).toBe("DELETE /api/v1/tokens/tok-1");

    answer = () =>
      Response.json(
        {
          type: "urn:tianbao:problem:last-admin-token",
          title: "不能吊销最后一个管理员令牌 / The last admin token cannot be revoked",
          status: 409,
          detail: "令牌 管理员（tok-2）是最后一个有效的管理员令牌 / last working admin token",
        },
        { status: 409 },
      );
    const refused = await run(tokenCommand, ["revoke", "tok-2"]);
    expect(refused.exitCode).toBe(1);
    expect(refused.stdout).toMatch(/^ERROR HTTP 409 令牌 管理员.*请先创建另一个管理员令牌 \/ create another admin token first$/);
  });
});
