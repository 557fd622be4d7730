import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { formSet2019 } from "../../shared/forms/form-set-2019.ts";
import { api, bearer, createToken, expectProblem } from "./api-client.ts";

describe("editions", () => {
  it("GET /editions lists 323/2019; GET /editions/{edition} gives its definition, equal to the compiled-in form set", async () => {
    const clerk = await createToken("clerk", "370100");
    expect(await (await api("/editions", bearer(clerk.token))).json()).toEqual({
      editions: [{ id: "323/2019", title: expect.stringContaining("2019"), createdAt: expect.any(String) }],
    });
    const response = await api(`/editions/${encodeURIComponent("323/2019")}`, bearer(clerk.token));
    expect(response.status).toBe(200);
    const edition = (await response.json()) as { id: string; definition: unknown };
    expect(edition.id).toBe("323/2019");
    expect(edition.definition).toEqual(JSON.parse(JSON.stringify(formSet2019)));
    await expectProblem(await api(`/editions/${encodeURIComponent("323/2099")}`, bearer(clerk.token)), 404);
    await expectProblem(await api("/editions/bad", bearer(clerk.token)), 400);
  });

  it("the migrated definition is the one scripts/generate-edition-seed.ts writes (after editing the form set, generate a new migration with it)", async () => {
    const stored = await env.DB.prepare("SELECT definition FROM editions WHERE id = '323/2019'").first<string>("definition");
    expect(stored).toBe(JSON.stringify(formSet2019));
  });
});
