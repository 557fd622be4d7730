import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { maxStampedCopyBytes } from "../../shared/attachments/stamped-copy.ts";
import { htmlWithPdfHeader, jpegBytes, pdfBytes, pngBytes } from "../support/stamped-copy-files.ts";
import { sha256Hex } from "../../shared/values/sha256-hex.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import { STATUS_SHEET_NAME } from "../../shared/workbook/render-consolidated.ts";
import { readXlsx } from "../../shared/xlsx/read-xlsx.ts";
import { insertAttachmentStatement } from "../../worker/db/attachments-repository.ts";
import { api, auditActions, bearer, createToken, expectProblem, jsonRequest } from "./api-client.ts";
import type { TestToken } from "./api-client.ts";
import { jinan, openPeriod, qingdao, reportOf, review, rowCounts, submissionsPath, submitOk } from "./submission-client.ts";

// The stamped copy of a revision (盖章件) in workerd with the real local R2 and D1.

const ascii = (text: string) => new TextEncoder().encode(text);
const concat = (...parts: Uint8Array[]) => new Uint8Array(parts.flatMap((part) => [...part]));

/** A PDF one byte over the limit. */
function overLimit(): Uint8Array {
  const bytes = new Uint8Array(maxStampedCopyBytes + 1);
  bytes.set(pdfBytes);
  return bytes;
}

const attachmentsPath = (unitCode: string, revision: number) => `${submissionsPath("2019", unitCode)}/${revision}/attachments`;

function attach(
  token: string | undefined,
  unitCode: string,
  revision: number,
  bytes: Uint8Array,
  contentType = "application/pdf",
  fileName = "盖章件.pdf",
): Promise<Response> {
  return api(`${attachmentsPath(unitCode, revision)}?fileName=${encodeURIComponent(fileName)}`, {
    method: "POST",
    headers: { "Content-Type": contentType, ...(token && { Authorization: `Bearer ${token}` }) },
    body: bytes,
  });
}

async function storedState() {
  const rows = await env.DB.prepare("SELECT (SELECT count(*) FROM attachments) AS attachments, (SELECT count(*) FROM audit_log) AS audit").first<{
    attachments: number;
    audit: number;
  }>();
  const objects = await env.ATTACHMENTS.list();
  return { ...rows, objects: objects.objects.map((object) => object.key) };
}

let clerk: TestToken;
let otherClerk: TestToken;
let province: TestToken;
let admin: TestToken;
beforeAll(async () => {
  await openPeriod("2019");
  clerk = await createToken("clerk", "370100");
  otherClerk = await createToken("clerk", "370200");
  province = await createToken("province");
  admin = await createToken("admin");
  await submitOk(clerk.token, reportOf(jinan));
  await submitOk(otherClerk.token, reportOf(qingdao));
});

describe("attaching the stamped copy", () => {
  it("stores the file in R2 under the revision and its SHA-256, the record in D1, and an audit row", async () => {
    const response = await attach(clerk.token, "370100", 1, pdfBytes);
    expect(response.status).toBe(201);
    const sha256 = await sha256Hex(pdfBytes);
    const attachment = await response.json();
    expect(attachment).toMatchObject({
      revision: 1,
      sequence: 1,
      sha256,
      sizeBytes: pdfBytes.length,
      mediaType: "application/pdf",
      fileName: "盖章件.pdf",
      uploadedBy: clerk.id,
    });
    expect(response.headers.get("Location")).toMatch(/\/attachments\/1$/);

    const object = await env.ATTACHMENTS.get(`2019/370100/r1/${sha256}.pdf`);
    expect(new Uint8Array(await object!.arrayBuffer())).toEqual(pdfBytes);
    const row = await env.DB.prepare("SELECT sha256, size_bytes, media_type, uploaded_by FROM attachments").first();
    expect(row).toEqual({ sha256, size_bytes: pdfBytes.length, media_type: "application/pdf", uploaded_by: clerk.id });
    expect(await auditActions("period:2019/prefecture:370100")).toEqual(["submission.create", "attachment.create"]);
  });

  it("a new copy supersedes; the old one stays readable; the type comes from the bytes, not the name or header", async () => {
    const png = await attach(clerk.token, "370100", 1, pngBytes, "application/pdf", "scan.pdf");
    expect(png.status).toBe(201);
    expect(await png.json()).toMatchObject({ sequence: 2, mediaType: "image/png" });

    const list = await api(attachmentsPath("370100", 1), bearer(province.token));
    const { attachments } = (await list.json()) as { attachments: { sequence: number; mediaType: string }[] };
    expect(attachments.map((attachment) => [attachment.sequence, attachment.mediaType])).toEqual([
      [1, "application/pdf"],
      [2, "image/png"],
    ]);

    const first = await api(`${attachmentsPath("370100", 1)}/1`, bearer(province.token));
    expect(first.headers.get("Content-Type")).toBe("application/pdf");
    expect(first.headers.get("X-Content-Type-Options")).toBe("nosniff");
    expect(first.headers.get("ETag")).toBe(`"${await sha256Hex(pdfBytes)}"`);
    expect(new Uint8Array(await first.arrayBuffer())).toEqual(pdfBytes);
    const second = await api(`${attachmentsPath("370100", 1)}/2`, bearer(clerk.token));
    expect(second.headers.get("Content-Type")).toBe("image/png");
    expect(new Uint8Array(await second.arrayBuffer())).toEqual(pngBytes);
    await expectProblem(await api(`${attachmentsPath("370100", 1)}/3`, bearer(clerk.token)), 404);

    const jpeg = await attach(clerk.token, "370100", 1, jpegBytes, "text/plain", "scan.txt");
    expect(await jpeg.json()).toMatchObject({ sequence: 3, mediaType: "image/jpeg" });
  });

  it("attachments are append-only in D1", async () => {
    await expect(env.DB.prepare("UPDATE attachments SET sha256 = ?").bind("0".repeat(64)).run()).rejects.toThrow(/append-only/);
    await expect(env.DB.prepare("DELETE FROM attachments").run()).rejects.toThrow(/append-only/);
  });
});

describe("refused, with nothing stored", () => {
  const html = ascii("<!DOCTYPE html><html><body><script>alert(1)</script></body></html>");
  const executable = concat(ascii("MZ"), new Uint8Array(64));
  const elf = concat(new Uint8Array([0x7f, 0x45, 0x4c, 0x46]), new Uint8Array(64));
  const cases: [string, () => Promise<Response>, number, string][] = [
    [
      "an HTML file named .pdf, sent as application/pdf",
      () => attach(clerk.token, "370100", 1, html, "application/pdf", "盖章件.pdf"),
      415,
      problemKinds.attachmentTypeNotAllowed.type,
    ],
    [
      "a Windows executable named .pdf",
      () => attach(clerk.token, "370100", 1, executable, "application/pdf", "scan.pdf"),
      415,
      problemKinds.attachmentTypeNotAllowed.type,
    ],
    ["an ELF executable named .png", () => attach(clerk.token, "370100", 1, elf, "image/png", "scan.png"), 415, problemKinds.attachmentTypeNotAllowed.type],
    ["a PDF signature not at the start", () => attach(clerk.token, "370100", 1, concat(ascii(" "), pdfBytes)), 415, problemKinds.attachmentTypeNotAllowed.type],
    [
      "a web page that starts with %PDF-",
      () => attach(clerk.token, "370100", 1, htmlWithPdfHeader, "application/pdf", "盖章件.html"),
      415,
      problemKinds.attachmentTypeNotAllowed.type,
    ],
    ["a PDF cut short (no trailer)", () => attach(clerk.token, "370100", 1, pdfBytes.subarray(0, 40)), 415, problemKinds.attachmentTypeNotAllowed.type],
    [
      "a JPEG cut short (no EOI)",
      () => attach(clerk.token, "370100", 1, jpegBytes.subarray(0, 10), "image/jpeg"),
      415,
      problemKinds.attachmentTypeNotAllowed.type,
    ],
    [
      "a PNG cut short (no IEND)",
      () => attach(clerk.token, "370100", 1, pngBytes.subarray(0, 24), "image/png"),
      415,
      problemKinds.attachmentTypeNotAllowed.type,
    ],
    ["a zero-byte file", () => attach(clerk.token, "370100", 1, new Uint8Array(0)), 400, problemKinds.attachmentEmpty.type],
    ["a file over the limit", () => attach(clerk.token, "370100", 1, overLimit()), 413, problemKinds.payloadTooLarge.type],
    ["a PDF for another prefecture's revision", () => attach(clerk.token, "370200", 1, pdfBytes), 403, problemKinds.forbidden.type],
    ["a PDF from the province", () => attach(province.token, "370100", 1, pdfBytes), 403, problemKinds.forbidden.type],
    ["a PDF from an admin", () => attach(admin.token, "370100", 1, pdfBytes), 403, problemKinds.forbidden.type],
    ["a PDF without a token", () => attach(undefined, "370100", 1, pdfBytes), 401, problemKinds.unauthorized.type],
    ["a PDF for a revision that does not exist", () => attach(clerk.token, "370100", 9, pdfBytes), 404, problemKinds.notFound.type],
    [
      "a PDF for a period that does not exist",
      () =>
        api(`/periods/2031/units/370100/submissions/1/attachments`, {
          method: "POST",
          headers: { Authorization: `Bearer ${clerk.token}` },
          body: pdfBytes,
        }),
      404,
      problemKinds.notFound.type,
    ],
    [
      "a file name with a control character",
      () => attach(clerk.token, "370100", 1, pdfBytes, "application/pdf", "a\u0007.pdf"),
      422,
      problemKinds.textNotClean.type,
    ],
  ];
  it.each(cases)("%s → %i", async (_name, request, status, type) => {
    const before = await storedState();
    const problem = await expectProblem(await request(), status);
    expect(problem.type).toBe(type);
    expect(problem.detail).toMatch(/[\u4e00-\u9fff].* \/ [A-Za-z]/);
    expect(await storedState()).toEqual(before);
  });

  it("the limit is declared in Content-Length → 413 before the body is read", async () => {
    const before = await storedState();
    const problem = await expectProblem(
      await api(`${attachmentsPath("370100", 1)}`, {
        method: "POST",
        headers: { Authorization: `Bearer ${clerk.token}`, "Content-Length": String(maxStampedCopyBytes + 1) },
        body: pdfBytes,
      }),
      413,
    );
    expect(problem.maxBytes).toBe(maxStampedCopyBytes);
    expect(await storedState()).toEqual(before);
  });

  it("a returned revision, and a revision superseded by a newer one → 409 revision-not-attachable", async () => {
    expect((await review(province.token, "2019", "370200", 1, { action: "return", comment: "请核实教扶04" })).status).toBe(200);
    let before = await storedState();
    const returned = await expectProblem(await attach(otherClerk.token, "370200", 1, pdfBytes), 409);
    expect(returned.type).toBe(problemKinds.revisionNotAttachable.type);
    expect(returned.detail).toContain("退回");
    expect(await storedState()).toEqual(before);

    await submitOk(otherClerk.token, reportOf(qingdao, 2), { basedOnRevision: 1, resubmissionReason: "已按意见核实教扶04" });
    before = await storedState();
    const superseded = await expectProblem(await attach(otherClerk.token, "370200", 1, pdfBytes), 409);
    expect(superseded).toMatchObject({ type: problemKinds.revisionNotAttachable.type, currentRevision: 2 });
    expect(await storedState()).toEqual(before);
    expect((await attach(otherClerk.token, "370200", 2, pdfBytes)).status).toBe(201);
  });

  it("the write itself records nothing for a revision returned or superseded after the check (a race with a return or a resubmission)", async () => {
    const qingdaoFirst = await env.DB.prepare("SELECT id FROM submissions WHERE unit_code = '370200' AND revision = 1").first<number>("id");
    const before = await storedState();
    const { results } = await insertAttachmentStatement(env.DB, {
      submissionId: qingdaoFirst!,
      objectKey: "2019/370200/r1/x.pdf",
      sha256: "0".repeat(64),
      sizeBytes: 1,
      mediaType: "application/pdf",
      fileName: "x.pdf",
      uploadedBy: otherClerk.id,
      uploadedAt: new Date().toISOString(),
    }).all();
    expect(results).toEqual([]);
    expect(await storedState()).toEqual(before);
  });

  it("another prefecture's clerk can neither list nor download", async () => {
    await expectProblem(await api(attachmentsPath("370100", 1), bearer(otherClerk.token)), 403);
    await expectProblem(await api(`${attachmentsPath("370100", 1)}/1`, bearer(otherClerk.token)), 403);
  });
});

describe("review with the paper beside the data", () => {
  const zibo = reportingTree.unit("370300") as ReportingUnit;
  let ziboClerk: TestToken;
  beforeAll(async () => {
    ziboClerk = await createToken("clerk", zibo.code);
    await submitOk(ziboClerk.token, reportOf(zibo));
  });

  it("a period setting: acceptance needs the stamped copy (409 stamped-copy-required until it is attached)", async () => {
    const setting = await api("/periods/2019", jsonRequest("PATCH", { requireStampedCopy: true }, admin.token));
    expect(setting.status).toBe(200);
    expect(await setting.json()).toMatchObject({ code: "2019", requireStampedCopy: true });
    expect(await auditActions("period:2019")).toContain("period.update");

    const before = await rowCounts();
    const refused = await expectProblem(await review(province.token, "2019", zibo.code, 1, { action: "accept" }), 409);
    expect(refused.type).toBe(problemKinds.stampedCopyRequired.type);
    expect(await rowCounts()).toEqual(before);
    expect((await attach(ziboClerk.token, zibo.code, 1, pdfBytes)).status).toBe(201);
    expect(await (await review(province.token, "2019", zibo.code, 1, { action: "accept" })).json()).toMatchObject({ revision: 1, status: "accepted" });
    expect((await api("/periods/2019", jsonRequest("PATCH", { requireStampedCopy: false }, admin.token))).status).toBe(200);
  });

  it("completeness says 已盖章 / 未盖章 for each prefecture's latest revision, with the current copy's hash", async () => {
    const yantai = await createToken("clerk", "370600");
    await submitOk(yantai.token, reportOf(reportingTree.unit("370600") as ReportingUnit));
    const { units } = (await (await api("/periods/2019/completeness", bearer(province.token))).json()) as {
      units: { unitCode: string; stampedCopy: string | null; stampedCopySha256: string | null }[];
    };
    const of = (code: string) => units.find((entry) => entry.unitCode === code)!;
    expect(of("370100")).toMatchObject({ stampedCopy: "已盖章", stampedCopySha256: await sha256Hex(jpegBytes) });
    expect(of("370300")).toMatchObject({ stampedCopy: "已盖章", stampedCopySha256: await sha256Hex(pdfBytes) });
    expect(of("370600")).toMatchObject({ stampedCopy: "未盖章", stampedCopySha256: null });
    expect(of("370700")).toMatchObject({ stampedCopy: null, stampedCopySha256: null });
  });

  it("the consolidated workbook's 汇总状态 lists each included revision's stamped-copy hash", async () => {
    const workbook = readXlsx(new Uint8Array(await (await api("/periods/2019/consolidated.xlsx", bearer(province.token))).arrayBuffer()));
    const status = workbook.sheets.find((sheet) => sheet.name === STATUS_SHEET_NAME)!;
    const rowOf = (code: string) => [...status.cells].find(([a1, cell]) => a1.startsWith("A") && cell.value === code)![0].slice(1);
    expect(status.cells.get("G1")?.value).toBe("盖章件 SHA-256");
    expect(status.cells.get(`G${rowOf("370100")}`)?.value).toBe(await sha256Hex(jpegBytes));
    expect(status.cells.get(`G${rowOf("370600")}`)?.value).toBe("未盖章");
  });
});

describe("accepted is final, locked is locked", () => {
  const jining = reportingTree.unit("370800") as ReportingUnit;
  const taian = reportingTree.unit("370900") as ReportingUnit;
  let jiningClerk: TestToken;
  let taianClerk: TestToken;
  beforeAll(async () => {
    jiningClerk = await createToken("clerk", jining.code);
    taianClerk = await createToken("clerk", taian.code);
  });

  it("an accepted revision's stamped copy can be neither attached nor replaced (409 naming why); nothing stored", async () => {
    await submitOk(jiningClerk.token, reportOf(jining));
    expect((await attach(jiningClerk.token, jining.code, 1, pdfBytes)).status).toBe(201);
    expect((await review(province.token, "2019", jining.code, 1, { action: "accept" })).status).toBe(200);
    const before = await storedState();
    const refused = await expectProblem(await attach(jiningClerk.token, jining.code, 1, pngBytes, "image/png", "新盖章件.png"), 409);
    expect(refused).toMatchObject({ type: problemKinds.revisionNotAttachable.type, revisionStatus: "accepted" });
    expect(refused.detail).toContain("已审核通过");
    expect(await storedState()).toEqual(before);
  });

  it("a locked period takes no stamped copy (423) until it is unlocked for the unit", async () => {
    await openPeriod("2021");
    const path = (revision: number) => `/periods/2021/units/${taian.code}/submissions/${revision}/attachments?fileName=a.pdf`;
    const send = () => api(path(1), { method: "POST", headers: { Authorization: `Bearer ${taianClerk.token}` }, body: pdfBytes });
    await submitOk(taianClerk.token, reportOf(taian, 1, "2021"), { period: "2021" });
    expect((await api("/periods/2021/lock", jsonRequest("POST", {}, admin.token))).status).toBe(200);
    const before = await storedState();
    expect((await expectProblem(await send(), 423)).type).toBe(problemKinds.periodLocked.type);
    expect(await storedState()).toEqual(before);
    // The trigger holds the rule for any writer: the statement alone, past the request's check, is refused.
    const submissionId = await env.DB.prepare("SELECT id FROM submissions WHERE period_code = '2021' AND unit_code = ?").bind(taian.code).first<number>("id");
    const row = { submissionId: submissionId!, objectKey: "k", sha256: "0".repeat(64), sizeBytes: 1, mediaType: "application/pdf" as const };
    await expect(
      insertAttachmentStatement(env.DB, { ...row, fileName: "a.pdf", uploadedBy: taianClerk.id, uploadedAt: new Date().toISOString() }).run(),
    ).rejects.toThrow(/tianbao:period-locked/);
    await api("/periods/2021/unlock", jsonRequest("POST", { unitCode: taian.code, reason: "泰安市补附盖章件" }, admin.token));
    expect((await send()).status).toBe(201);
  });

  it("the stored and offered name always ends in the file's type's extension", async () => {
    const named = async (bytes: Uint8Array, fileName: string) => {
      const response = await attach(taianClerk.token, taian.code, 1, bytes, "application/octet-stream", fileName);
      return response.status === 201 ? ((await response.json()) as { fileName: string; sequence: number }) : response.status;
    };
    await submitOk(taianClerk.token, reportOf(taian));
    expect(await named(pdfBytes, "盖章件.html")).toMatchObject({ fileName: "盖章件.html.pdf" });
    expect(await named(jpegBytes, "扫描件.JPEG")).toMatchObject({ fileName: "扫描件.JPEG" });
    const png = await named(pngBytes, "scan");
    expect(png).toMatchObject({ fileName: "scan.png" });
    const download = await api(`${attachmentsPath(taian.code, 1)}/1`, bearer(province.token));
    expect(decodeURIComponent(/filename\*=UTF-8''([^;]+)/.exec(download.headers.get("Content-Disposition") ?? "")?.[1] ?? "")).toBe("盖章件.html.pdf");
  });
});
