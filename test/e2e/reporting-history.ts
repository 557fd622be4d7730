import { createHash } from "node:crypto";
import { ApiClient } from "../../shared/api/api-client.ts";
import type { Consolidated } from "../../shared/api/api-client.ts";
import { reportingTree } from "../../shared/units/reporting-tree.ts";
import { sampleReport } from "../support/sample-report.ts";

// A period's history written through the real Worker, and everything a user can read back of it: what
// the upgrade and restore tests compare before and after. Two prefectures: Jinan submits, is returned
// with a comment pinned to a cell, resubmits with a reason, attaches its stamped copy and is accepted;
// Qingdao submits and attaches two copies (the second supersedes the first).

export const period = "2019";
const units = ["370100", "370200"] as const;

export interface HistoryTokens {
  province: string;
  clerks: Record<(typeof units)[number], string>;
}

/** A whole PDF by structure (header, startxref, %%EOF), as a stamped copy must be, naming what it stands for. */
const pdf = (text: string) =>
  new TextEncoder().encode(`%PDF-1.4\n% ${text}\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\nstartxref\n9\n%%EOF\n`);

export async function writeReportingHistory(baseUrl: string, adminToken: string): Promise<HistoryTokens> {
  const admin = new ApiClient(baseUrl, adminToken);
  await admin.openPeriod({ code: period, deadline: "2999-12-31" });
  const province = (await admin.createToken({ role: "province", name: "省审核员" })).token;
  const clerks = {
    "370100": (await admin.createToken({ role: "clerk", unitCode: "370100", name: "济南填报员" })).token,
    "370200": (await admin.createToken({ role: "clerk", unitCode: "370200", name: "青岛填报员" })).token,
  };
  const reviewer = new ApiClient(baseUrl, province);
  const jinan = new ApiClient(baseUrl, clerks["370100"]);
  const qingdao = new ApiClient(baseUrl, clerks["370200"]);

  await jinan.submit(
    period,
    "370100",
    { report: sampleReport(reportingTree.unit("370100")!, { seed: 22, listRows: 4 }), basedOnRevision: null },
    "history-jinan-1",
  );
  await reviewer.review(period, "370100", 1, { action: "return", comment: "教扶01 数据请核实", cells: [{ sheetCode: "教扶01", cell: "C7" }] });
  await jinan.submit(
    period,
    "370100",
    { report: sampleReport(reportingTree.unit("370100")!, { seed: 23, listRows: 5 }), basedOnRevision: 1, resubmissionReason: "已核实并更正教扶01" },
    "history-jinan-2",
  );
  await jinan.attach(period, "370100", 2, pdf("济南 盖章件"), "济南盖章件.pdf");
  await reviewer.review(period, "370100", 2, { action: "accept" });

  await qingdao.submit(
    period,
    "370200",
    { report: sampleReport(reportingTree.unit("370200")!, { seed: 24, listRows: 3 }), basedOnRevision: null },
    "history-qingdao-1",
  );
  await qingdao.attach(period, "370200", 1, pdf("青岛 盖章件 第一份"), "青岛1.pdf");
  await qingdao.attach(period, "370200", 1, pdf("青岛 盖章件 第二份"), "青岛2.pdf");
  return { province, clerks };
}

const sha256 = (bytes: Uint8Array | string) => createHash("sha256").update(bytes).digest("hex");

/** Every revision (with its review), its workbook and stamped copies, completeness and both pulls, as the province reads them. */
export async function readReportingHistory(baseUrl: string, tokens: HistoryTokens) {
  const reviewer = new ApiClient(baseUrl, tokens.province);
  const revisions = [];
  for (const unit of units) {
    for (const summary of await reviewer.submissions(period, unit)) {
      const attachments = await reviewer.attachments(period, unit, summary.revision);
      revisions.push({
        unit,
        summary,
        detail: await reviewer.submission(period, unit, summary.revision),
        workbookSha256: sha256(await reviewer.revisionWorkbook(period, unit, summary.revision)),
        attachments,
        attachmentBytesSha256: await Promise.all(
          attachments.map(async (attachment) => sha256(await reviewer.attachmentBytes(period, unit, summary.revision, attachment.sequence))),
        ),
      });
    }
  }
  const pull = async (query: string) => {
    const response = await fetch(`${baseUrl}/api/v1/periods/${period}/consolidated${query}`, { headers: { Authorization: `Bearer ${tokens.province}` } });
    if (!response.ok) throw new Error(`pull ${query}: HTTP ${response.status} ${await response.text()}`);
    return (await response.json()) as Consolidated;
  };
  return {
    revisions,
    completeness: await reviewer.completeness(period),
    pull: await pull(""),
    pullAccepted: await pull("?include=accepted"),
    pullWorkbookSha256: sha256(await reviewer.consolidatedWorkbook(period)),
  };
}
