import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { includedRevision, inclusions } from "../../shared/consolidate/inclusion.ts";
import type { RevisionStatus } from "../../shared/consolidate/inclusion.ts";
import { childReportOf } from "../../shared/consolidate/merge-unit-reports.ts";
import { currentFormSet } from "../support/current-form-set.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { includedRevisionIdSql } from "../../worker/db/included-revision.ts";
import { api, bearer, createToken } from "./api-client.ts";
import type { TestToken } from "./api-client.ts";
import { jinan, openPeriod, reportOf, review, submitOk } from "./submission-client.ts";

// The one inclusion rule (forms-323.md, "Inclusion"): the SQL every path reads and folds by is the
// domain core's function, and a revision replaced before anyone reviewed it never comes back.

const statuses: RevisionStatus[] = ["submitted", "returned", "accepted"];

/** Every sequence of review states of up to `length` revisions (each reachable: only the newest is ever reviewed, but it may be replaced later). */
function histories(length: number): RevisionStatus[][] {
  if (length === 0) return [[]];
  const shorter = histories(length - 1);
  return [...shorter, ...shorter.filter((history) => history.length === length - 1).flatMap((history) => statuses.map((status) => [...history, status]))];
}

describe("the SQL and the domain core agree", () => {
  it("for every history of up to four revisions, under both inclusions", async () => {
    const all = histories(4);
    expect(all.length).toBe(1 + 3 + 9 + 27 + 81);
    const token = await createToken("clerk", "370100");
    await env.DB.batch(all.map((_, index) => env.DB.prepare("INSERT INTO periods (code, edition_id) VALUES (?, '323/2019')").bind(`H${index}`)));
    const rows = all.flatMap((history, index) => history.map((status, at) => ({ period: `H${index}`, revision: at + 1, status })));
    await env.DB.batch(
      rows.map((row) =>
        env.DB.prepare(
          `INSERT INTO submissions (period_code, unit_code, revision, edition_id, submitted_by, payload, payload_sha256, status, idempotency_key)
           VALUES (?1, '370100', ?2, '323/2019', ?3, '{}', ?4, ?5, ?1 || '-' || ?2)`,
        ).bind(row.period, row.revision, token.id, "0".repeat(64), row.status),
      ),
    );
    for (const inclusion of inclusions) {
      const sql = `SELECT p.code AS period, (SELECT revision FROM submissions WHERE id = ${includedRevisionIdSql(inclusion, "p.code", "'370100'")}) AS revision
                   FROM periods p WHERE p.code LIKE 'H%'`;
      const { results } = await env.DB.prepare(sql).all<{ period: string; revision: number | null }>();
      const fromSql = Object.fromEntries(results.map((row) => [row.period, row.revision]));
      const fromCore = Object.fromEntries(
        all.map((history, index) => [
          `H${index}`,
          includedRevision(
            history.map((status, at) => ({ revision: at + 1, status })),
            inclusion,
          )?.revision ?? null,
        ]),
      );
      expect(fromSql).toEqual(fromCore);
    }
  });
});

describe("a revision replaced before anyone reviewed it never stands in", () => {
  const zaozhuang = reportingTree.unit("370400") as ReportingUnit;
  const weifang = reportingTree.unit("370700") as ReportingUnit;
  let province: TestToken;
  let zaozhuangClerk: TestToken;
  let weifangClerk: TestToken;
  beforeAll(async () => {
    await openPeriod("2019");
    province = await createToken("province");
    zaozhuangClerk = await createToken("clerk", zaozhuang.code);
    weifangClerk = await createToken("clerk", weifang.code);
  });

  const pull = async (include: "latest" | "accepted") =>
    (await (await api(`/periods/2019/consolidated?include=${include}`, bearer(province.token))).json()) as {
      provenance: { unitCode: string; revision: number; status: string }[];
      missingPrefectures: string[];
    };

  it("枣庄 submits 1, then 2; 2 is returned: 枣庄 is missing from the totals, not back at revision 1", async () => {
    await submitOk(zaozhuangClerk.token, reportOf(zaozhuang, 1));
    await submitOk(zaozhuangClerk.token, reportOf(zaozhuang, 2), { basedOnRevision: 1 });
    expect((await review(province.token, "2019", zaozhuang.code, 2, { action: "return", comment: "请核实教扶01" })).status).toBe(200);
    const latest = await pull("latest");
    expect(latest.provenance.find((entry) => entry.unitCode === zaozhuang.code)).toBeUndefined();
    expect(latest.missingPrefectures).toContain(zaozhuang.code);
  });

  it("潍坊 has revision 1 accepted, revision 2 returned: the totals keep the accepted figures", async () => {
    await submitOk(weifangClerk.token, reportOf(weifang, 1));
    expect((await review(province.token, "2019", weifang.code, 1, { action: "accept" })).status).toBe(200);
    await submitOk(weifangClerk.token, reportOf(weifang, 2), { basedOnRevision: 1, resubmissionReason: "更正教扶02" });
    expect((await review(province.token, "2019", weifang.code, 2, { action: "return", comment: "更正有误" })).status).toBe(200);
    for (const include of ["latest", "accepted"] as const)
      expect((await pull(include)).provenance.find((entry) => entry.unitCode === weifang.code)).toMatchObject({ revision: 1, status: "accepted" });
  });

  it("a county's superseded revision does not come back into its prefecture's merged report", async () => {
    const lixia = reportingTree.unit("370102") as ReportingUnit;
    const countyClerk = await createToken("clerk", lixia.code);
    const prefectureClerk = await createToken("clerk", jinan.code);
    const countyReport = (seed: number) => childReportOf(currentFormSet, reportOf(jinan, seed), lixia, { cover: reportOf(jinan).sheets["封面"]?.[0] });
    await submitOk(countyClerk.token, countyReport(1));
    await submitOk(countyClerk.token, countyReport(2), { basedOnRevision: 1 });
    expect((await review(prefectureClerk.token, "2019", lixia.code, 2, { action: "return", comment: "请核实" })).status).toBe(200);
    const merged = (await (await api(`/periods/2019/units/${jinan.code}/merged`, bearer(prefectureClerk.token))).json()) as {
      provenance: { unitCode: string }[];
      missingUnits: string[];
    };
    expect(merged.provenance.map((entry) => entry.unitCode)).not.toContain(lixia.code);
    expect(merged.missingUnits).toContain(lixia.code);
  });
});
