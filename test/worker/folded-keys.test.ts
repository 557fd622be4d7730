// Names compare the way people read them (issue 23 item 5), inside workerd on a real local D1: a
// submit whose 教扶06 rows differ only by NFC and NFD is refused by R06.1, and the stored fold's
// distinct counts (the pull) count a university once however each prefecture encoded its name.
import { beforeAll, describe, expect, it } from "vitest";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { sampleReportWithListRows } from "../support/sample-report.ts";
import { api, bearer, createToken, expectProblem } from "./api-client.ts";
import type { TestToken } from "./api-client.ts";
import { jinan, openPeriod, qingdao, submitOk, submitRequest } from "./submission-client.ts";

const composed = "Caf\u00e9大学";
const decomposed = "Cafe\u0301大学";

let province: TestToken;
let jinanClerk: TestToken;
let qingdaoClerk: TestToken;
beforeAll(async () => {
  await openPeriod("2019");
  province = await createToken("province");
  jinanClerk = await createToken("clerk", jinan.code);
  qingdaoClerk = await createToken("clerk", qingdao.code);
});

describe("教扶06 names on the server", () => {
  it("R06.1 refuses rows whose university, county and township read the same", async () => {
    const county = jinan.children[0]!.code;
    const refused = await expectProblem(
      await submitRequest(
        jinanClerk.token,
        sampleReportWithListRows(jinan, [
          [composed, county, "仲宫镇"],
          [decomposed, county, "仲宫镇"],
        ]),
      ),
      422,
    );
    expect((refused.issues as { ruleId: string }[]).filter((issue) => issue.ruleId === "R06.1")).toHaveLength(2);
  });

  it("the pull counts a university once, within a prefecture and across prefectures, whichever form its name came in", async () => {
    await submitOk(
      jinanClerk.token,
      sampleReportWithListRows(jinan, [
        [composed, jinan.children[0]!.code, "仲宫镇"],
        [decomposed, jinan.children[1]!.code, "党家街道"],
      ]),
    );
    await submitOk(qingdaoClerk.token, sampleReportWithListRows(qingdao, [[` ${decomposed}\u3000`, qingdao.children[0]!.code, "王哥庄街道"]]));
    const response = await api("/periods/2019/consolidated?wait=10", bearer(province.token));
    const { sheets, freshness } = (await response.json()) as {
      sheets: Record<string, { key: string; values: Record<string, number | null> }[]>;
      freshness: { pendingChanges: number };
    };
    expect(freshness.pendingChanges).toBe(0);
    const count = (unit: string) => sheets["教扶06"]?.find((row) => row.key === unit)?.values;
    expect(count(jinan.code)).toMatchObject({ E06_UNIV_COUNT: 1, E06_TOWN_COUNT: 2 });
    expect(count(qingdao.code)).toMatchObject({ E06_UNIV_COUNT: 1, E06_TOWN_COUNT: 1 });
    expect(count(reportingTree.root.code)).toMatchObject({ E06_UNIV_COUNT: 1, E06_TOWN_COUNT: 3 });
  });
});
