import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { createToken } from "./api-client.ts";

// The triggers of migration 0002 keep history append-only even against direct SQL.

let submissionId: number;

beforeAll(async () => {
  const clerk = await createToken("clerk", "370100");
  await env.DB.prepare("INSERT INTO periods (code, edition_id) VALUES ('2019', '323/2019')").run();
  const inserted = await env.DB.prepare(
    `INSERT INTO submissions (period_code, unit_code, revision, edition_id, submitted_by, payload, payload_sha256, idempotency_key)
     VALUES ('2019', '370100', 1, '323/2019', ?, '{"sheets":{}}', ?, 'key-1') RETURNING id`,
  )
    .bind(clerk.id, "0".repeat(64))
    .first<{ id: number }>();
  submissionId = inserted!.id;
  await env.DB.prepare("INSERT INTO submission_values (submission_id, sheet_code, row_key, field_code, number_value) VALUES (?, 'T1', '370102', 'F1', 12345)")
    .bind(submissionId)
    .run();
  await env.DB.prepare("INSERT INTO audit_log (action, target) VALUES ('test.write', 'test:1')").run();
});

const rejects = (sql: string, ...values: unknown[]) =>
  expect(
    env.DB.prepare(sql)
      .bind(...values)
      .run(),
  ).rejects.toThrow(/append-only|cannot be/);

describe("append-only triggers", () => {
  it("a revision's payload and revision number cannot be updated", async () => {
    await rejects("UPDATE submissions SET payload = '{}' WHERE id = ?", submissionId);
    await rejects("UPDATE submissions SET revision = 2 WHERE id = ?", submissionId);
    await rejects("UPDATE submissions SET payload_sha256 = ? WHERE id = ?", "1".repeat(64), submissionId);
  });

  it("a revision's review status can move", async () => {
    await env.DB.prepare("UPDATE submissions SET status = 'accepted' WHERE id = ?").bind(submissionId).run();
    expect(await env.DB.prepare("SELECT status FROM submissions WHERE id = ?").bind(submissionId).first("status")).toBe("accepted");
  });

  it("revisions and their values cannot be deleted or changed", async () => {
    await rejects("DELETE FROM submissions WHERE id = ?", submissionId);
    await rejects("DELETE FROM submission_values WHERE submission_id = ?", submissionId);
    await rejects("UPDATE submission_values SET number_value = 0 WHERE submission_id = ?", submissionId);
    expect(await env.DB.prepare("SELECT count(*) AS n FROM submissions").first("n")).toBe(1);
  });

  it("the audit log cannot be updated or deleted", async () => {
    await rejects("UPDATE audit_log SET action = 'forged'");
    await rejects("DELETE FROM audit_log");
    expect(await env.DB.prepare("SELECT action FROM audit_log").first("action")).toBe("test.write");
  });

  it("a second revision 1 and a reused idempotency key are refused", async () => {
    const submittedBy = await env.DB.prepare("SELECT submitted_by FROM submissions WHERE id = ?").bind(submissionId).first<string>("submitted_by");
    const insert = (revision: number, key: string) =>
      env.DB.prepare(
        `INSERT INTO submissions (period_code, unit_code, revision, edition_id, submitted_by, payload, payload_sha256, idempotency_key)
         VALUES ('2019', '370100', ?, '323/2019', ?, '{}', ?, ?)`,
      )
        .bind(revision, submittedBy, "0".repeat(64), key)
        .run();
    await expect(insert(1, "key-2")).rejects.toThrow(/UNIQUE/);
    await expect(insert(2, "key-1")).rejects.toThrow(/UNIQUE/);
    await insert(2, "key-2");
    expect(await env.DB.prepare("SELECT revision FROM latest_submissions WHERE unit_code = '370100'").first("revision")).toBe(2);
  });

  it("tokens can only be revoked", async () => {
    const clerk = await createToken("clerk", "370200");
    await rejects("UPDATE tokens SET role = 'admin' WHERE id = ?", clerk.id);
    await rejects("DELETE FROM tokens WHERE id = ?", clerk.id);
    await env.DB.prepare("UPDATE tokens SET revoked_at = 'now' WHERE id = ?").bind(clerk.id).run();
  });
});
