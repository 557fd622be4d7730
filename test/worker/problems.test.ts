import { env } from "cloudflare:workers";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { maxRequestBodyBytes } from "../../worker/http/body-limit.ts";
import { api, createToken, expectProblem, jsonRequest } from "./api-client.ts";

// Bad input always gets a problem+json answer with a 4xx status, never a 500.

let admin: string;
beforeAll(async () => {
  admin = (await createToken("admin")).token;
});

describe("problem details for bad requests", () => {
  it("malformed JSON → 400", async () => {
    const problem = await expectProblem(await api("/periods", jsonRequest("POST", '{"code": "2020",', admin)), 400);
    expect(problem.type).toBe("urn:tianbao:problem:malformed-json");
    expect(problem.title).toBe("请求体不是有效的 JSON / Malformed JSON");
  });

  it("an empty JSON body → 400", async () => {
    await expectProblem(await api("/periods", jsonRequest("POST", "", admin)), 400);
  });

  it("unknown fields → 400 naming them", async () => {
    const response = await api("/periods", jsonRequest("POST", { code: "2020", colour: "red", extra: 1 }, admin));
    const problem = await expectProblem(response, 400);
    expect(problem.title).toBe("请求无效 / Invalid request");
    expect(problem.errors?.map((issue) => issue.field).sort()).toEqual(["colour", "extra"]);
    expect(problem.errors?.[0]).toMatchObject({ location: "body", code: "unrecognized_keys" });
  });

  it("wrong types and formats → 400 listing every bad field", async () => {
    const response = await api("/periods", jsonRequest("POST", { code: 2020, deadline: "31/01/2020" }, admin));
    const problem = await expectProblem(response, 400);
    expect(problem.errors?.map((issue) => issue.field).sort()).toEqual(["code", "deadline"]);
    expect(problem.detail).toContain("code");
  });

  it("a bad path parameter → 400 at location path", async () => {
    const problem = await expectProblem(await api("/periods/20x9/lock", { method: "POST", headers: { Authorization: `Bearer ${admin}` } }), 400);
    expect(problem.errors?.[0]).toMatchObject({ location: "path", field: "period" });
  });

  it("a body that is not JSON → 415", async () => {
    const response = await api("/periods", { method: "POST", headers: { Authorization: `Bearer ${admin}`, "Content-Type": "text/plain" }, body: "code=2020" });
    expect((await expectProblem(response, 415)).type).toBe("urn:tianbao:problem:unsupported-media-type");
    const noType = await api("/periods", { method: "POST", headers: { Authorization: `Bearer ${admin}` }, body: new Blob(['{"code":"2020"}']) });
    await expectProblem(noType, 415);
  });

  it(`a body over ${maxRequestBodyBytes} bytes → 413, judged by Content-Length`, async () => {
    const body = JSON.stringify({ code: "2020", padding: "x".repeat(maxRequestBodyBytes) });
    const problem = await expectProblem(await api("/periods", jsonRequest("POST", body, admin)), 413);
    expect(problem.maxBytes).toBe(maxRequestBodyBytes);
  });

  it("a declared Content-Length over the limit → 413 before the body is read", async () => {
    const request = new Request("https://tianbao.test/api/v1/periods", {
      method: "POST",
      headers: { "Content-Type": "application/json", "Content-Length": String(maxRequestBodyBytes + 1), Authorization: `Bearer ${admin}` },
      body: '{"code":"2020"}',
    });
    await expectProblem(await api("/periods", request), 413);
  });

  it("a body over the limit → 413, judged by the bytes received when there is no Content-Length", async () => {
    const chunk = new Uint8Array(64 * 1024).fill(0x20);
    let sent = 0;
    const stream = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > maxRequestBodyBytes) return controller.close();
        sent += chunk.byteLength;
        controller.enqueue(chunk);
      },
    });
    const request = new Request("https://tianbao.test/api/v1/periods", {
      method: "POST",
      headers: { "Content-Type": "application/json", Authorization: `Bearer ${admin}` },
      body: stream,
    });
    expect(request.headers.has("Content-Length")).toBe(false);
    await expectProblem(await api("/periods", request), 413);
  });

  it("a body just under the limit is read", async () => {
    const body = JSON.stringify({ code: "2020", padding: "x".repeat(maxRequestBodyBytes - 100) });
    const problem = await expectProblem(await api("/periods", jsonRequest("POST", body, admin)), 400);
    expect(problem.errors?.map((issue) => issue.field)).toEqual(["padding"]);
  });

  it("an unknown route → 404", async () => {
    expect((await expectProblem(await api("/no/such/thing"), 404)).type).toBe("urn:tianbao:problem:not-found");
    await expectProblem(await api("/../../etc/passwd"), 404);
  });

  it("a wrong method → 405 with Allow", async () => {
    const response = await api("/periods", { method: "PUT" });
    await expectProblem(response, 405);
    expect(response.headers.get("Allow")).toBe("GET, HEAD, POST");
    await expectProblem(await api("/health", { method: "DELETE" }), 405);
  });
});

describe("hostile text is stored verbatim", () => {
  const hostile = [
    "'; DROP TABLE periods; --",
    '" OR 1=1 --',
    "Robert'); DELETE FROM audit_log WHERE ('1'='1",
    "%_\\ \t tab and 🚀 and عربي right-to-left script",
    "理由：数据有误'\"\n第二行",
    "长".repeat(10_000),
  ];

  it.each(hostile.map((reason, index) => [index, reason] as const))("unlock reason %i round-trips", async (index, reason) => {
    const code = String(2100 + index);
    await api("/periods", jsonRequest("POST", { code }, admin));
    await api(`/periods/${code}/lock`, { method: "POST", headers: { Authorization: `Bearer ${admin}` } });
    const response = await api(`/periods/${code}/unlock`, jsonRequest("POST", { unitCode: "370100", reason }, admin));
    expect(response.status).toBe(200);
    const period = (await response.json()) as { openUnlocks: { reason: string }[] };
    expect(period.openUnlocks[0]?.reason).toBe(reason);
    const stored = await env.DB.prepare("SELECT reason FROM period_unlocks WHERE period_code = ?").bind(code).first<{ reason: string }>();
    expect(stored?.reason).toBe(reason);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM periods").first("n")).toBeGreaterThan(0);
  });

  it("an unlock reason with NUL or a right-to-left override → 422 text-not-clean naming the field, not stored", async () => {
    await api("/periods", jsonRequest("POST", { code: "2199" }, admin));
    await api("/periods/2199/lock", { method: "POST", headers: { Authorization: `Bearer ${admin}` } });
    for (const reason of ["NUL \u0000 here", "\u202Egnissim"]) {
      const problem = await expectProblem(await api("/periods/2199/unlock", jsonRequest("POST", { unitCode: "370100", reason }, admin)), 422);
      expect(problem).toMatchObject({
        type: "urn:tianbao:problem:text-not-clean",
        errors: [expect.objectContaining({ field: "reason", code: "unclean-text" })],
      });
    }
    expect(await env.DB.prepare("SELECT count(*) AS n FROM period_unlocks WHERE period_code = '2199'").first("n")).toBe(0);
  });

  it("a 10,000-character token name is refused with 400, not stored", async () => {
    const problem = await expectProblem(await api("/tokens", jsonRequest("POST", { role: "admin", name: "名".repeat(10_000) }, admin)), 400);
    expect(problem.errors?.[0]).toMatchObject({ field: "name", code: "too_big" });
  });

  it("SQL in path parameters is just a value", async () => {
    const response = await api(`/tokens/${encodeURIComponent("x' OR '1'='1")}`, { method: "DELETE", headers: { Authorization: `Bearer ${admin}` } });
    await expectProblem(response, 404);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM tokens WHERE revoked_at IS NOT NULL").first("n")).toBe(0);
  });
});

describe("no input makes a 500", () => {
  it("arbitrary JSON bodies to every write endpoint get 2xx or 4xx", async () => {
    const writes = ["POST /periods", "PATCH /periods/2019", "POST /periods/2019/lock", "POST /periods/2019/unlock", "POST /tokens"];
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...writes), fc.jsonValue(), async (write, body) => {
        const [method, path] = write.split(" ") as [string, string];
        const response = await api(path, jsonRequest(method, body, admin));
        await response.arrayBuffer();
        return response.status < 500;
      }),
      { numRuns: 60 },
    );
  });
});
