import { describe, expect, it } from "vitest";
import { api, bearer, createToken, expectProblem } from "./api-client.ts";
import { jinan, qingdao, reportOf, review, submissionsPath, submitOk, usePeriod2019 } from "./submission-client.ts";
import { withValue } from "../support/sample-report.ts";

// Changed since acceptance (issue 30, item 5) on D1: after an accepted revision, the reviewer of a
// later one sees exactly the cells that differ from the accepted one — not those changed and changed
// back on the way — each with this revision's warning and 说明 there, and every reason given since.

const { clerk, province } = usePeriod2019();
const sinceAccepted = async (token: string, unitCode: string, revision: number) =>
  (await api(`${submissionsPath("2019", unitCode)}/${revision}/since-accepted`, bearer(token))).json() as Promise<Record<string, unknown>>;
const county = "370102";

describe("GET …/submissions/{revision}/since-accepted", () => {
  it("lists what differs from the accepted revision, with the warnings' 说明 and the reasons since", async () => {
    const accepted = reportOf(jinan);
    const value = (sheetCode: string, fieldCode: string) => accepted.sheets[sheetCode]!.find((row) => row.key === county)!.values[fieldCode] as number;
    await submitOk(clerk.token, accepted);
    expect(await sinceAccepted(province.token, "370100", 1)).toEqual({ revision: 1, accepted: null, changes: [], reasons: [] });
    await review(province.token, "2019", "370100", 1, { action: "accept" });

    // Revision 2: more new rural teachers, and one more volunteer; returned.
    const second = withValue(
      withValue(accepted, "教扶04", county, "E04_NEW_RURAL", value("教扶04", "E04_NEW_RURAL") + 5),
      "教扶04",
      county,
      "E04_VOL",
      value("教扶04", "E04_VOL") + 1,
    );
    await submitOk(clerk.token, second, { basedOnRevision: 1, resubmissionReason: "补报新增乡村教师" });
    await review(province.token, "2019", "370100", 2, { action: "return", comment: "志愿者数请核实" });
    // Revision 3: the volunteer back as accepted, and a key-village school unpaired (R05.2, explained).
    const third = {
      ...withValue(withValue(second, "教扶04", county, "E04_VOL", value("教扶04", "E04_VOL")), "教扶05", county, "E05_COVERED", 0),
      explanations: [{ ruleId: "R05.2", sheetCode: "教扶05", rowKey: county, fieldCode: "E05_COVERED", text: "结对学校撤并，待重新结对" }],
    };
    await submitOk(clerk.token, third, { basedOnRevision: 2, resubmissionReason: "志愿者数已更正；结对情况更新" });

    const answer = await sinceAccepted(province.token, "370100", 3);
    expect(answer).toEqual({
      revision: 3,
      accepted: 1,
      changes: [
        {
          sheetCode: "教扶04",
          rowKey: county,
          fieldCode: "E04_NEW_RURAL",
          cell: "C7",
          before: value("教扶04", "E04_NEW_RURAL"),
          after: value("教扶04", "E04_NEW_RURAL") + 5,
          explanations: [],
        },
        {
          sheetCode: "教扶05",
          rowKey: county,
          fieldCode: "E05_COVERED",
          cell: "D7",
          before: value("教扶05", "E05_COVERED"),
          after: 0,
          explanations: [{ ruleId: "R05.2", messageZh: expect.any(String), messageEn: expect.any(String), explanation: "结对学校撤并，待重新结对" }],
        },
      ],
      reasons: [
        { revision: 2, reason: "补报新增乡村教师" },
        { revision: 3, reason: "志愿者数已更正；结对情况更新" },
      ],
    });
    // Since the previous revision, the volunteer's change back shows too: that is not what was accepted.
    const sincePrevious = (await (await api(`${submissionsPath("2019", "370100")}/3/diff?against=2`, bearer(province.token))).json()) as {
      changes: { fieldCode: string }[];
    };
    expect(sincePrevious.changes.map((change) => change.fieldCode).sort()).toEqual(["E04_VOL", "E05_COVERED"]);
    // The clerk reads the same.
    expect(await sinceAccepted(clerk.token, "370100", 3)).toEqual(answer);
  });

  it("the same figures resubmitted after acceptance: no change, the reason stands", async () => {
    const qingdaoClerk = await createToken("clerk", "370200");
    await submitOk(qingdaoClerk.token, reportOf(qingdao));
    await review(province.token, "2019", "370200", 1, { action: "accept" });
    await submitOk(qingdaoClerk.token, reportOf(qingdao, 2), { basedOnRevision: 1, resubmissionReason: "全面更正" });
    await submitOk(qingdaoClerk.token, reportOf(qingdao), { basedOnRevision: 2, resubmissionReason: "恢复为已通过的数" });
    expect(await sinceAccepted(province.token, "370200", 3)).toMatchObject({
      accepted: 1,
      changes: [],
      reasons: [
        { revision: 2, reason: "全面更正" },
        { revision: 3, reason: "恢复为已通过的数" },
      ],
    });
  });

  it("no such revision: 404", async () => {
    await expectProblem(await api(`${submissionsPath("2019", "370100")}/9/since-accepted`, bearer(province.token)), 404);
  });
});
