// The editions the pane and the page know: the bundle's, and on connecting the server's that the
// bundle lacks, each checked as the built-in ones are. The server here answers from a table: the
// real one is in test/browser/made-up-edition.test.ts.
import { describe, expect, it } from "vitest";
import { EditionCatalog } from "../../addin/logic/edition-catalog.ts";
import type { ApiClient } from "../../shared/api/api-client.ts";
import { formSet2019 } from "../../shared/forms/form-set-2019.ts";
import { newPeriodEdition } from "../../shared/forms/form-set.ts";
import { aidTeachersField, madeUpEdition, madeUpEditionData } from "../support/made-up-edition.ts";

/** A server with these editions' rows; records which definitions were asked for. */
function serverWith(definitions: Record<string, unknown>) {
  const asked: string[] = [];
  const api = {
    editions: async () => Object.keys(definitions).map((id) => ({ id, title: id, createdAt: "2026-12-07T00:00:00.000Z" })),
    edition: async (id: string) => (asked.push(id), { id, title: id, createdAt: "2026-12-07T00:00:00.000Z", definition: definitions[id] }),
  } as unknown as ApiClient;
  return { api, asked };
}

describe("EditionCatalog", () => {
  it("knows the built-in editions, and learns the server's others on connecting, fetching only those", async () => {
    const catalog = new EditionCatalog();
    expect(catalog.formSetOf(newPeriodEdition)?.edition).toBe(newPeriodEdition);
    expect(catalog.formSetOf(madeUpEdition)).toBeUndefined();
    const { api, asked } = serverWith({ [formSet2019.edition]: formSet2019, [madeUpEdition]: madeUpEditionData });
    await catalog.learn(api);
    expect(asked).toEqual([madeUpEdition]);
    expect(catalog.formSetOf(madeUpEdition)?.sheet("教扶04")?.field(aidTeachersField)?.labelZh).toBe("支教教师");
    await catalog.learn(api);
    expect(asked).toEqual([madeUpEdition]);
  });

  it("leaves an edition whose definition does not load unknown (its workbooks are refused by name), and learns the rest", async () => {
    const catalog = new EditionCatalog();
    const { api } = serverWith({ "323/2021": {}, [madeUpEdition]: madeUpEditionData });
    await catalog.learn(api);
    expect(catalog.formSetOf("323/2021")).toBeUndefined();
    expect(catalog.formSetOf(madeUpEdition)?.edition).toBe(madeUpEdition);
  });
});
