import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api } from "./api-client.ts";

// The pane and the page are same-origin with the API; ALLOWED_ORIGIN (set for these tests in vitest.config.ts) lets one other origin in.
const addInOrigin = env.ALLOWED_ORIGIN;

describe("CORS", () => {
  it("answers the add-in's preflight with the headers it needs", async () => {
    const response = await api("/periods/2019/unlock", {
      method: "OPTIONS",
      headers: {
        Origin: addInOrigin,
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "authorization, content-type, idempotency-key, if-match",
      },
    });
    expect(response.status).toBe(204);
    expect(response.headers.get("Access-Control-Allow-Origin")).toBe(addInOrigin);
    const allowedHeaders = response.headers.get("Access-Control-Allow-Headers")?.toLowerCase().split(",");
    expect(allowedHeaders).toEqual(expect.arrayContaining(["authorization", "content-type", "idempotency-key", "if-match"]));
    expect(response.headers.get("Access-Control-Allow-Methods")).toContain("PATCH");
  });

  it("lets the add-in read responses, including ETag and errors", async () => {
    const ok = await api("/health", { headers: { Origin: addInOrigin } });
    expect(ok.headers.get("Access-Control-Allow-Origin")).toBe(addInOrigin);
    expect(ok.headers.get("Access-Control-Expose-Headers")).toContain("ETag");
    const unauthorised = await api("/me", { headers: { Origin: addInOrigin } });
    expect(unauthorised.status).toBe(401);
    expect(unauthorised.headers.get("Access-Control-Allow-Origin")).toBe(addInOrigin);
  });

  it("gives other origins nothing", async () => {
    const evil = "https://evil.example";
    const preflight = await api("/periods", { method: "OPTIONS", headers: { Origin: evil, "Access-Control-Request-Method": "POST" } });
    expect(preflight.headers.get("Access-Control-Allow-Origin")).toBeNull();
    const simple = await api("/health", { headers: { Origin: evil } });
    expect(simple.headers.get("Access-Control-Allow-Origin")).toBeNull();
  });
});
