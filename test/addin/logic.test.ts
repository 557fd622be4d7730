// The pane's pure logic: issue grouping, explanations, the submit queue and its retries, strings.
import { afterEach, describe, expect, it, vi } from "vitest";
import { currentFormSet } from "../support/current-form-set.ts";
import type { ValidationIssue } from "../../shared/validate/validate-report.ts";
import { ApiError, NetworkError } from "../../shared/api/api-client.ts";
import type { ApiClient, Receipt } from "../../shared/api/api-client.ts";
import { cellReferenceFromText, cellReferenceOf } from "../../addin/logic/cell-reference.ts";
import { Explanations } from "../../addin/logic/explanations.ts";
import { formatTime, languageOf, text } from "../../addin/logic/i18n.ts";
import { groupIssues, messageOf } from "../../addin/logic/issue-list.ts";
import { outcomeOfFailure, parseQueue, queueAfter, retryDelayMs, serializeQueue } from "../../addin/logic/submit-queue.ts";
import type { QueuedSubmit } from "../../addin/logic/submit-queue.ts";
import { Submitter } from "../../addin/logic/submitter.ts";
import { tokenExpiryNotice } from "../../addin/logic/token-expiry-notice.ts";
import { idempotencyKeyOf } from "../../shared/api/idempotency-key.ts";
import { MemoryWorkbook } from "../support/memory-workbook.ts";
import { layout, prefecture } from "./support/filled-workbook.ts";

const issue = (ruleId: string, severity: "error" | "warning", sheetCode: string, cell: string): ValidationIssue => ({
  ruleId,
  severity,
  sheetCode,
  sheetName: `${sheetCode} 表`,
  cell,
  address: `${sheetCode}!${cell}`,
  rowKey: "370102",
  fieldCode: "F",
  messageZh: `${sheetCode}!${cell} 中文`,
  messageEn: `${sheetCode}!${cell} English`,
});

describe("groupIssues", () => {
  it("groups by sheet in form order, errors before warnings, cells in reading order", () => {
    const order = currentFormSet.sheets.map((sheet) => sheet.code);
    const groups = groupIssues(
      [
        issue("R05.2", "warning", "教扶05", "D7"),
        issue("R04.1", "error", "教扶04", "E10"),
        issue("T01", "error", "教扶04", "E7"),
        issue("R04.2", "warning", "教扶04", "C7"),
        issue("T01", "error", "教扶04", "AA7"),
      ],
      order,
    );
    expect(groups.map((group) => [group.sheetCode, group.errorCount, group.warningCount])).toEqual([
      ["教扶04", 3, 1],
      ["教扶05", 0, 1],
    ]);
    expect(groups[0]?.issues.map((entry) => entry.cell)).toEqual(["E7", "AA7", "E10", "C7"]);
  });
});

describe("cellReferenceOf", () => {
  it("names a cell selected on a form by its sheet code; nothing for a cell off the forms", () => {
    const sheetLayout = layout.sheet("教扶04")!;
    const a1 = sheetLayout.cellOf(prefecture.children[0]!.code, "E04_PRIN")!;
    expect(cellReferenceOf(layout, { sheetName: sheetLayout.name, a1 })).toEqual({ sheetCode: "教扶04", cell: a1 });
    expect(cellReferenceOf(layout, { sheetName: sheetLayout.name, a1: "ZZ900" })).toBeUndefined();
    expect(cellReferenceOf(layout, { sheetName: "说明", a1: "A2" })).toBeUndefined();
    expect(cellReferenceOf(layout, { sheetName: "Sheet1", a1 })).toBeUndefined();
  });

  it("reads a cell typed on the web page by sheet code, short or full or quoted sheet name, in any case; nothing for a cell off the forms", () => {
    const sheetLayout = layout.sheet("教扶04")!;
    const a1 = sheetLayout.cellOf(prefecture.children[0]!.code, "E04_PRIN")!;
    const expected = { sheetCode: "教扶04", cell: a1 };
    for (const typed of [`教扶04!${a1}`, ` 教扶04 ! ${a1.toLowerCase()} `, `${sheetLayout.name}!${a1}`, `'${sheetLayout.name}'!${a1}`, `教扶04！${a1}`])
      expect(cellReferenceFromText(layout, typed), typed).toEqual(expected);
    for (const typed of [a1, "教扶04!ZZ900", "教扶99!E7", `说明!A2`, "教扶04!E", "=SUM(A1)"])
      expect(cellReferenceFromText(layout, typed), typed).toBeUndefined();
  });
});

describe("Explanations", () => {
  it("keys an explanation like its warning, removes it when blanked, and writes 说明 rows in the layout's column order", () => {
    const warning = issue("R05.2", "warning", "教扶05", "D7");
    const explanations = new Explanations();
    explanations.set(warning, "  两所学校已撤并  ");
    expect(explanations.textFor(warning)).toBe("两所学校已撤并");
    expect(explanations.rows(layout, [warning])).toEqual([["R05.2", "教扶05", "D7", "370102", "F", "教扶05!D7 中文", "两所学校已撤并", ""]]);
    explanations.set(warning, "两所学校已撤并", "actual");
    expect(explanations.rows(layout, [warning])[0]?.at(-1)).toBe("实际变化");
    explanations.set(warning, " ");
    expect(explanations.list).toEqual([]);
  });
});

describe("i18n", () => {
  it("is Chinese unless Office says otherwise, and fills placeholders", () => {
    expect(languageOf("zh-CN")).toBe("zh");
    expect(languageOf(undefined)).toBe("zh");
    expect(languageOf("en-US")).toBe("en");
    expect(text("zh", "receipt", { revision: 2, time: "t", sha: "ab" })).toBe("已报送：第 2 版 · t · SHA-256 ab");
    expect(text("en", "more", { count: 3 })).toBe("3 more");
  });

  it("puts English counts in the right number and says the workbook's checks as 校验", () => {
    expect(text("en", "errorCount", { count: 1 })).toBe("1 error");
    expect(text("en", "nextErrors", { errors: 2 })).toBe("fix the 2 errors below.");
    expect(text("en", "nextBlanks", { blanks: 1 })).toBe("1 blank cell left to fill; then submit.");
    expect(text("zh", "errorCount", { count: 1 })).toBe("1 个错误");
    expect(text("zh", "noIssues")).toContain("校验通过");
    expect(text("zh", "stateReady")).not.toContain("审核");
  });
});

describe("submit queue", () => {
  const entry = (key: string): QueuedSubmit => ({
    idempotencyKey: key,
    period: "2019",
    unitCode: "370100",
    body: { report: { edition: "323/2019", unitCode: "370100", period: "2019", sheets: {} }, basedOnRevision: null },
    queuedAt: "t",
    attempts: 0,
  });

  it("retries offline, timeouts and 5xx; takes 409, 422 and 423 as final", () => {
    expect(outcomeOfFailure(new NetworkError("fetch failed")).kind).toBe("retry");
    expect(outcomeOfFailure(new ApiError(503, {})).kind).toBe("retry");
    for (const status of [409, 422, 423]) expect(outcomeOfFailure(new ApiError(status, {})).kind).toBe("refused");
    expect(() => outcomeOfFailure(new TypeError("bug"))).toThrow("bug");
  });

  it("backs off to a minute, keeps a retried entry with its key, drops a landed one, survives a round trip", () => {
    expect([1, 2, 3, 10].map(retryDelayMs)).toEqual([1000, 2000, 4000, 60000]);
    const queue = [entry("a"), entry("b")];
    const retried = queueAfter(queue, "a", { kind: "retry", reason: "HTTP 503" });
    expect(retried[0]).toMatchObject({ idempotencyKey: "a", attempts: 1, lastFailure: "HTTP 503" });
    expect(queueAfter(retried, "a", { kind: "refused", error: new ApiError(423, {}) }).map((candidate) => candidate.idempotencyKey)).toEqual(["b"]);
    expect(parseQueue(serializeQueue(retried))).toEqual(retried);
    expect(serializeQueue([])).toBe("");
    expect(parseQueue("not json")).toEqual([]);
  });

  it("reads an entry a pane queued before issue 24, under prefectureCode, as the same unit's", () => {
    const [entry] = parseQueue(
      JSON.stringify([
        { idempotencyKey: "old", period: "2019", prefectureCode: "370102", body: { report: {}, basedOnRevision: null }, queuedAt: "", attempts: 2 },
      ]),
    );
    expect(entry).toMatchObject({ idempotencyKey: "old", unitCode: "370102", attempts: 2 });
    expect(entry).not.toHaveProperty("prefectureCode");
  });
});

describe("Submitter", () => {
  afterEach(() => vi.useRealTimers());
  const receipt: Receipt = { submissionId: "1", revision: 1, submittedAt: "2020-01-15T00:00:00.000Z", sha256: "ab".repeat(32), status: "submitted" };
  const body = { report: { edition: "323/2019", unitCode: "370100", period: "2019", sheets: {} }, basedOnRevision: null };

  it("saves before sending, retries with the same key after a failure until it lands, and the queue survives a new pane", async () => {
    vi.useFakeTimers();
    const workbook = new MemoryWorkbook(() => []);
    const keys: string[] = [];
    let down = true;
    const api = {
      submit: async (_period: string, _prefecture: string, _body: unknown, key: string) => {
        keys.push(key);
        if ((await workbook.readSubmitQueue()) === "") throw new Error("sent before it was saved");
        if (down) throw new NetworkError("offline");
        return receipt;
      },
    } as unknown as ApiClient;
    const submitter = new Submitter(
      workbook,
      () => api,
      () => {},
    );
    const outcome = await submitter.submit("2019", "370100", body);
    expect(outcome?.kind).toBe("retry");
    const key = await idempotencyKeyOf(body.report, undefined, null);
    expect(parseQueue(await workbook.readSubmitQueue())).toMatchObject([{ idempotencyKey: key, attempts: 1 }]);
    submitter.stop();

    // The pane is closed and opened again: the new one finds the queue in the workbook.
    down = false;
    const reopened = new Submitter(
      workbook,
      () => api,
      () => {},
    );
    await reopened.resume();
    expect(reopened.state.last).toEqual({ kind: "landed", receipt });
    expect(keys).toEqual([key, key]);
    expect(await workbook.readSubmitQueue()).toBe("");
  });

  it("derives the key from the content, as the CLI does: a second click while the first is on its way is queued once and sent once", async () => {
    const workbook = new MemoryWorkbook(() => []);
    const keys: string[] = [];
    let answer: () => void = () => {};
    const api = {
      submit: (_period: string, _prefecture: string, _body: unknown, key: string) => {
        keys.push(key);
        return new Promise((resolve) => (answer = () => resolve(receipt)));
      },
    } as unknown as ApiClient;
    const submitter = new Submitter(
      workbook,
      () => api,
      () => {},
    );
    const first = submitter.submit("2019", "370100", body);
    await vi.waitFor(() => expect(keys).toHaveLength(1));
    // The second click finds the same submission queued and on its way: it adds nothing and sends nothing.
    await submitter.submit("2019", "370100", structuredClone(body));
    expect(parseQueue(await workbook.readSubmitQueue())).toHaveLength(1);
    answer();
    await first;
    expect(keys).toEqual([await idempotencyKeyOf(body.report, undefined, null)]);
    expect(submitter.state).toMatchObject({ queue: [], last: { kind: "landed", receipt } });
  });

  it("retries on its own after the back-off", async () => {
    vi.useFakeTimers();
    const workbook = new MemoryWorkbook(() => []);
    let calls = 0;
    const api = { submit: async () => (++calls < 3 ? Promise.reject(new ApiError(502, {})) : receipt) } as unknown as ApiClient;
    const submitter = new Submitter(
      workbook,
      () => api,
      () => {},
    );
    await submitter.submit("2019", "370100", body);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(calls).toBe(2);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(calls).toBe(3);
    expect(submitter.state).toMatchObject({ queue: [], last: { kind: "landed" } });
  });

  it("drops a refused submission from the queue and reports why", async () => {
    const workbook = new MemoryWorkbook(() => []);
    const api = { submit: async () => Promise.reject(new ApiError(423, { type: "urn:tianbao:problem:period-locked" })) } as unknown as ApiClient;
    const submitter = new Submitter(
      workbook,
      () => api,
      () => {},
    );
    const outcome = await submitter.submit("2019", "370100", body);
    expect(outcome).toMatchObject({ kind: "refused", error: { status: 423 } });
    expect(await workbook.readSubmitQueue()).toBe("");
  });
});

describe("an issue as the pane says it", () => {
  const county = prefecture.children[0]!;
  const issueOf = (ruleId: string, fieldCode: string, messageZh: string, messageEn: string): ValidationIssue => ({
    ruleId,
    severity: "error",
    sheetCode: "教扶01",
    sheetName: "教扶01",
    cell: "C7",
    address: "教扶01!C7",
    rowKey: county.code,
    fieldCode,
    messageZh,
    messageEn,
  });

  it("names the county, the cell and each figure's unit; Chinese with full-width punctuation", () => {
    const issue = issueOf(
      "R01.9",
      "E01_PRE",
      "教扶01!C7 学前教育 (12) 大于 义务教育 (3) [R01.9 规则: 说明]",
      "教扶01!C7 Preschool (12) is greater than Compulsory education (3) [R01.9 rule]",
    );
    expect(messageOf(issue, currentFormSet, "zh")).toBe(
      `${county.name} 教扶01!C7\uff1a学前教育\uff0812 人\uff09大于 义务教育\uff083 人\uff09〔R01.9 规则\uff1a说明〕`,
    );
    expect(messageOf(issue, currentFormSet, "en")).toBe(
      `${county.nameEn} 教扶01!C7: Preschool (12 persons) is greater than Compulsory education (3 persons) [R01.9 rule]`,
    );
  });

  it("words a blank cell by its field's type: a count may be 0, a name or a date may not", () => {
    expect(messageOf(issueOf("T01", "E01_PRE", "", ""), currentFormSet, "zh")).toBe(
      `${county.name} 教扶01!C7\uff1a请填写学前教育\uff08人\uff09\uff1b没有的填 0。`,
    );
    const cover = currentFormSet.sheets.find((sheet) => sheet.kind === "cover")!;
    const name = cover.fields.find((field) => field.type === "text" && !field.prefill)!;
    const blankName = { ...issueOf("T01", name.code, "", ""), sheetCode: cover.code, rowKey: "", address: `${cover.code}!C5` };
    expect(messageOf(blankName, currentFormSet, "zh")).toBe(`${cover.code}!C5\uff1a请填写${name.labelZh}。`);
    expect(messageOf(blankName, currentFormSet, "en")).toBe(`${cover.code}!C5: Enter ${name.labelEn}.`);
  });
});

describe("times on the pane", () => {
  it("are Beijing time, whatever the machine's zone", () => {
    expect(formatTime("zh", "2020-01-15T16:30:05.123Z")).toBe("2020-01-16 00:30:05");
    expect(formatTime("en", "2020-01-15T16:30:05Z")).toBe("2020-01-16 00:30:05 (Beijing)");
    expect(formatTime("zh", "not a time")).toBe("not a time");
  });
});

describe("the token's expiry warning (pane and page)", () => {
  const now = new Date("2026-12-07T04:00:00.000Z");
  const inDays = (days: number) => new Date(now.getTime() + days * 86_400_000).toISOString();

  it("from 14 days before, it says when (Beijing time) and how many days are left, in the pane's language", () => {
    expect(tokenExpiryNotice("zh", inDays(14), now)).toBe(
      "访问令牌将于 2026-12-21 12:00:00 过期（还剩 14 天）：请向管理员要新令牌，过期后需断开并用新令牌连接。",
    );
    expect(tokenExpiryNotice("en", inDays(3.5), now)).toMatch(/^Your access token expires at 2026-12-11 00:00:00 \(Beijing\) \(3 days left\)/);
    expect(tokenExpiryNotice("zh", inDays(0.2), now)).toMatch(/^访问令牌将于 2026-12-07 16:48:00 过期（不到一天）/);
  });

  it("says nothing further off, or for a token that never expires", () => {
    expect(tokenExpiryNotice("zh", inDays(14.01), now)).toBeUndefined();
    expect(tokenExpiryNotice("zh", inDays(400), now)).toBeUndefined();
    expect(tokenExpiryNotice("zh", null, now)).toBeUndefined();
  });
});
