import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { api, bearer, createToken } from "./api-client.ts";

interface Regions {
  prefectures: { code: string; name: string; nameEn: string; counties: { code: string }[] }[];
}

describe("GET /api/v1/regions", () => {
  it("lists the 16 prefectures with their 137 counties", async () => {
    const clerk = await createToken("clerk", "370100");
    const regions = (await (await api("/regions", bearer(clerk.token))).json()) as Regions;
    expect(regions.prefectures).toHaveLength(16);
    expect(regions.prefectures.flatMap((prefecture) => prefecture.counties)).toHaveLength(137);
    expect(regions.prefectures[0]).toMatchObject({ code: "370100", name: "济南市", nameEn: "Jinan" });
    for (const prefecture of regions.prefectures) {
      for (const county of prefecture.counties) expect(county.code.slice(0, 4)).toBe(prefecture.code.slice(0, 4));
    }
  });
});

describe("the regions table in D1", () => {
  it("holds the same divisions as shared/regions (the seed migration is generated from the same CSV)", async () => {
    const { results } = await env.DB.prepare("SELECT code, name, name_en, level, parent_code FROM regions ORDER BY code").all<{
      code: string;
      name: string;
      name_en: string;
      level: string;
      parent_code: string | null;
    }>();
    const expected = [
      { code: reportingTree.root.code, name: reportingTree.root.name, name_en: reportingTree.root.nameEn, level: "province", parent_code: null },
      ...reportingTree.root.children.flatMap((prefecture) => [
        { code: prefecture.code, name: prefecture.name, name_en: prefecture.nameEn, level: "prefecture", parent_code: reportingTree.root.code },
        ...prefecture.children.map((county) => ({
          code: county.code,
          name: county.name,
          name_en: county.nameEn,
          level: "county",
          parent_code: prefecture.code,
        })),
      ]),
    ].sort((a, b) => a.code.localeCompare(b.code));
    expect(results).toEqual(expected);
  });
});
