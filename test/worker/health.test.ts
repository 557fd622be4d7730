import { describe, expect, it } from "vitest";
import { api } from "./api-client.ts";

describe("GET /api/v1/health", () => {
  it("answers without a token", async () => {
    const response = await api("/health");
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: "ok" });
  });

  it("answers HEAD too", async () => {
    expect((await api("/health", { method: "HEAD" })).status).toBe(200);
  });
});
