import { describe, expect, it } from "vitest";
import { ApiError, NetworkError } from "../../shared/api/api-client.ts";
import { CliError, describeFailure } from "../../cli/cli-error.ts";
import { WorkbookReadError } from "../../shared/workbook/read-report.ts";

describe("a failure as one line and an exit code", () => {
  it("says what a refused submit means and what to do", () => {
    const stale = describeFailure(
      new ApiError(409, { type: "urn:tianbao:problem:stale-revision", detail: "当前最新修订为 3，本次基于 2 / The latest revision is 3" }),
    );
    expect(stale).toEqual({ line: expect.stringMatching(/^HTTP 409 当前最新修订为 3.*请重新运行 submit/), exitCode: 1 });
    const invalid = describeFailure(
      new ApiError(422, {
        type: "urn:tianbao:problem:report-invalid",
        detail: "报表有 1 个错误",
        issues: [{ address: "教扶04!E7", ruleId: "R04.1", messageZh: "教扶04!E7 其中…" }],
      }),
    );
    expect(invalid.line).toBe("HTTP 422 报表有 1 个错误;首个问题 / first issue: 教扶04!E7 其中…");
    expect(describeFailure(new ApiError(423, { type: "urn:tianbao:problem:period-locked", detail: "报告期 2019 已锁定" })).line).toContain("请联系管理员解锁");
  });

  it("names unreadable workbooks (exit 2), unreachable servers and usage errors", () => {
    expect(describeFailure(new WorkbookReadError("missing-sheet", "缺少工作表“教扶04 教师队伍提升”", "sheet “教扶04 教师队伍提升” is missing"))).toEqual({
      line: "不是可读取的报表模板:缺少工作表“教扶04 教师队伍提升” / not a readable report template: sheet “教扶04 教师队伍提升” is missing",
      exitCode: 2,
    });
    expect(describeFailure(new NetworkError("fetch failed"))).toEqual({ line: "无法连接服务器 / cannot reach the server: fetch failed", exitCode: 1 });
    expect(describeFailure(new CliError("缺少 --period", "--period is required", 2))).toEqual({ line: "缺少 --period / --period is required", exitCode: 2 });
  });
});
