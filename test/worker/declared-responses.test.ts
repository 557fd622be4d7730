// The check every Worker test's response goes through (api-client.ts → declared-responses.ts)
// does catch a body or status the route does not declare, so its silence means something.
import { describe, expect, it } from "vitest";
import { assertDeclared } from "./declared-responses.ts";

const url = "https://tianbao.test/api/v1/periods";
const json = (status: number, body: unknown, type = "application/json") => new Response(JSON.stringify(body), { status, headers: { "Content-Type": type } });

describe("responses held to their declarations", () => {
  it("accepts a body of the declared shape", async () => {
    await expect(assertDeclared("GET", url, json(200, { periods: [] }))).resolves.toBeUndefined();
  });

  it("refuses a body that does not match, an undeclared status, and an error that is not problem+json", async () => {
    await expect(assertDeclared("GET", url, json(200, { periods: [{ code: 2019 }] }))).rejects.toThrow(/does not match its declared schema/);
    await expect(assertDeclared("GET", url, json(202, { periods: [] }))).rejects.toThrow(/202 is not declared/);
    await expect(assertDeclared("GET", url, json(404, { message: "no" }))).rejects.toThrow(/not problem\+json/);
    await expect(assertDeclared("GET", `${url}/2019/units/370100/submissions/1`, json(404, { status: 404 }, "application/problem+json"))).rejects.toThrow(
      /malformed problem/,
    );
  });
});
