import { readdirSync, readFileSync } from "node:fs";
import { DatabaseSync } from "node:sqlite";
import { describe, expect, it } from "vitest";
import { CliError } from "../../cli/cli-error.ts";
import { createTokenSql } from "../../cli/local-d1/token-sql.ts";
import type { CreateTokenBody } from "../../shared/api/api-client.ts";

// The command line's local writes of tokens (tianbao token --local, npm start), run on the migrated
// schema in Node's SQLite; and migration 0011's expiry for the tokens that were there before it.

const migrations = new URL("../../worker/migrations/", import.meta.url);
const migrationFiles = readdirSync(migrations).sort();
const dayMs = 86_400_000;

function migrated(files = migrationFiles): DatabaseSync {
  const db = new DatabaseSync(":memory:");
  db.exec("PRAGMA foreign_keys = ON");
  for (const file of files) db.exec(readFileSync(new URL(file, migrations), "utf8"));
  return db;
}

const tokenRow = (db: DatabaseSync, id: string) =>
  db.prepare("SELECT role, expires_at, revoked_at FROM tokens WHERE id = ?").get(id) as { role: string; expires_at: string | null; revoked_at: string | null };

describe("tokens written by the command line", () => {
  it("a clerk's token expires 400 days on, as the Worker's; admin and province tokens never, unless asked; the audit row says when", async () => {
    const db = migrated();
    const before = Date.now();
    const clerk = await createTokenSql({ role: "clerk", unitCode: "370100", name: "济南市填报员" }, "test");
    const admin = await createTokenSql({ role: "admin", name: "管理员" }, "test");
    const chosen = await createTokenSql({ role: "province", name: "省级", expiresAt: "2030-12-31T16:00:00Z" }, "test");
    for (const { sql } of [clerk, admin, chosen]) db.exec(sql);

    const clerkExpiry = Date.parse(tokenRow(db, clerk.token.id).expires_at ?? "");
    expect(clerkExpiry).toBeGreaterThanOrEqual(before + 400 * dayMs);
    expect(clerkExpiry).toBeLessThanOrEqual(Date.now() + 400 * dayMs);
    expect(clerk.token.expiresAt).toBe(tokenRow(db, clerk.token.id).expires_at);
    expect(tokenRow(db, admin.token.id).expires_at).toBeNull();
    expect(tokenRow(db, chosen.token.id).expires_at).toBe("2030-12-31T16:00:00.000Z");
    const audit = db.prepare("SELECT detail FROM audit_log WHERE target = ?").get(`token:${chosen.token.id}`) as { detail: string };
    expect(JSON.parse(audit.detail)).toMatchObject({ expiresAt: "2030-12-31T16:00:00.000Z" });
  });
});

describe("the command line's local writer refuses what POST /tokens refuses (one builder: shared/tokens/token-row.ts)", () => {
  const refusal = (asked: CreateTokenBody) =>
    createTokenSql(asked, "test").then(
      () => "written",
      (error: unknown) => (error instanceof CliError ? { exitCode: error.exitCode, line: error.message } : error),
    );

  it.each([
    ["a name with a bidi override", { role: "clerk", unitCode: "370100", name: "张三\u202e" }, "name 含有不允许的字符"],
    ["a name with a bidi isolate", { role: "admin", name: "\u2067管理员" }, "name 含有不允许的字符"],
    ["a blank name", { role: "admin", name: "   " }, "name 无效 / must not be blank"],
    ["a county code for role province", { role: "province", unitCode: "370102", name: "省级" }, "unitCode 无效"],
    ["a clerk without a unit", { role: "clerk", name: "张三" }, "unitCode 无效"],
    ["an unknown unit", { role: "clerk", unitCode: "379999", name: "张三" }, "unitCode 379999 不是山东省的报送单位"],
    ["the province as a clerk's unit", { role: "clerk", unitCode: "370000", name: "张三" }, "unitCode 370000 不是山东省的报送单位"],
    [
      "an expiry already past",
      { role: "clerk", unitCode: "370100", name: "张三", expiresAt: "2020-01-01T00:00:00Z" },
      "expiresAt 有效期 2020-01-01T00:00:00Z 已过",
    ],
    ["an expiry with an offset (the API takes UTC)", { role: "admin", name: "管理员", expiresAt: "2031-01-01T00:00:00+08:00" }, "expiresAt 格式不对"],
  ] satisfies [string, CreateTokenBody, string][])("%s: a usage error naming the field, no SQL", async (_case, asked, reason) => {
    expect(await refusal(asked)).toEqual({
      exitCode: 2,
      line: expect.stringMatching(new RegExp(`^令牌未创建:${escapeRegExp(reason)}.* / the token was not created`)),
    });
  });

  it("a county's clerk is a clerk of a reporting unit: written, named for the county", async () => {
    const db = migrated();
    const { token, sql } = await createTokenSql({ role: "clerk", unitCode: "370102", name: "济南市历下区填报员" }, "test");
    db.exec(sql);
    expect(db.prepare("SELECT role, unit_code, name, created_by FROM tokens WHERE id = ?").get(token.id)).toEqual({
      role: "clerk",
      unit_code: "370102",
      name: "济南市历下区填报员",
      created_by: null,
    });
  });
});

const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

describe("migration 0011 on tokens issued before it", () => {
  it("clerks get 400 days from creation but at least 30 days from the upgrade; admin and province tokens keep no expiry", () => {
    const db = migrated(migrationFiles.filter((file) => file < "0011"));
    // Tokens as they were before 0011 (and 0012, which renamed prefecture_code to unit_code).
    const insert = db.prepare("INSERT INTO tokens (id, token_sha256, role, prefecture_code, name, created_at) VALUES (?, ?, ?, ?, ?, ?)");
    const iso = (time: number) => new Date(time).toISOString();
    const now = Date.now();
    insert.run("old-clerk", "a".repeat(64), "clerk", "370100", "两年前的填报员", iso(now - 730 * dayMs));
    insert.run("new-clerk", "b".repeat(64), "clerk", "370200", "上月的填报员", iso(now - 30 * dayMs));
    insert.run("old-admin", "c".repeat(64), "admin", null, "管理员", iso(now - 730 * dayMs));
    insert.run("old-province", "d".repeat(64), "province", null, "省级", iso(now - 730 * dayMs));
    for (const file of migrationFiles.filter((file) => file >= "0011")) db.exec(readFileSync(new URL(file, migrations), "utf8"));

    const days = (id: string) => (Date.parse(tokenRow(db, id).expires_at ?? "") - now) / dayMs;
    expect(days("old-clerk")).toBeCloseTo(30, 0);
    expect(days("new-clerk")).toBeCloseTo(370, 0);
    expect(tokenRow(db, "old-admin").expires_at).toBeNull();
    expect(tokenRow(db, "old-province").expires_at).toBeNull();
    expect(() => db.exec("UPDATE tokens SET expires_at = NULL WHERE id = 'new-clerk'")).toThrow(/expiry cannot be changed/);
  });
});
