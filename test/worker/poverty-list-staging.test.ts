import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { rosterIdHasher } from "../../shared/roster/keyed-id-hasher.ts";
import { LIST_TABLE_LIMITS } from "../../shared/roster/list-table-limits.ts";
import { maskCitizenId } from "../../shared/roster/masked-id.ts";
import type { Caller } from "../../worker/auth/caller.ts";
import { ProblemError } from "../../worker/http/problem.ts";
import { uploadPovertyList } from "../../worker/services/poverty-list.ts";
import { api, createToken, expectProblem } from "./api-client.ts";
import type { ListRow } from "./poverty-list-client.ts";
import { listCsv, newPeople, povertyListPath } from "./poverty-list-client.ts";
import { openPeriod } from "./submission-client.ts";

// A list replaced by an upload is never seen half written, and an upload that fails midway leaves the
// period's list as it was (migration 0020): two uploads raced chunk by chunk, one aborted, one refused
// midway, while a reader watches; and D1 itself refusing a switch to a list that is not whole.

const key = rosterIdHasher("k".repeat(40));
let caller: Caller;
const lists = { old: newPeople("370102", 10, 100), a: newPeople("370103", 40, 200), b: newPeople("370104", 55, 300) };

/** What a reader sees of the period's list: each entry's row number and masked ID, sorted. */
async function visibleList(): Promise<string[]> {
  const { results } = await env.DB.prepare("SELECT row_number, masked_id, county_code FROM poverty_list_entries WHERE period_code = '2019'").all<{
    row_number: number;
    masked_id: string;
    county_code: string;
  }>();
  return results.map((row) => `${row.row_number} ${row.masked_id} ${row.county_code}`).sort();
}
const expectedList = (rows: ListRow[]) => rows.map((row, index) => `${index + 2} ${maskCitizenId(row.id)} ${row.county}`).sort();

/** The CSV of the rows as a body arriving in pieces of `pieceBytes`, a macrotask apart; `failAfter` pieces, the sender gives up. */
function slowBody(rows: ListRow[], pieceBytes: number, failAfter = Number.POSITIVE_INFINITY): ReadableStream<Uint8Array> {
  const bytes = listCsv(rows);
  let offset = 0;
  let pieces = 0;
  return new ReadableStream({
    async pull(controller) {
      await new Promise((resolve) => setTimeout(resolve, 0));
      if (pieces++ >= failAfter) return controller.error(new Error("the client went away"));
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + pieceBytes));
      offset += pieceBytes;
    },
  });
}

const upload = (body: ReadableStream<Uint8Array>, limits = LIST_TABLE_LIMITS) =>
  uploadPovertyList(env.DB, { caller, periodCode: "2019", body, dryRun: false, key, limits, entriesPerStatement: 4 });

/** Stagings of the period with entries written and their count not set yet: uploads under way. */
const openStagings = async () =>
  (await env.DB.prepare(
    "SELECT count(DISTINCT i.list_id) AS n FROM poverty_list_items i JOIN poverty_list_stagings s ON s.id = i.list_id WHERE s.period_code = '2019' AND s.entries IS NULL",
  ).first<{ n: number }>())!.n;

/** Runs `work` while reading the list between its steps; every list seen must be one of `allowed`. Also: the most uploads seen under way at once. */
async function watched<T>(work: Promise<T>, allowed: string[][]): Promise<{ result: PromiseSettledResult<T>; reads: number; underWay: number }> {
  let done = false;
  const settled = Promise.allSettled([work]).then(([result]) => ((done = true), result!));
  let reads = 0;
  let underWay = 0;
  while (!done) {
    // A macrotask between reads: the body's pieces arrive on timers, which back-to-back reads would starve.
    await new Promise((resolve) => setTimeout(resolve, 0));
    const seen = await visibleList();
    reads++;
    underWay = Math.max(underWay, await openStagings());
    expect(
      allowed.some((list) => JSON.stringify(list) === JSON.stringify(seen)),
      `a list seen half written: ${seen.length} entries`,
    ).toBe(true);
  }
  return { result: await settled, reads, underWay };
}

const stagedItems = async () =>
  (await env.DB.prepare("SELECT count(*) AS n FROM poverty_list_items i JOIN poverty_list_stagings s ON s.id = i.list_id WHERE s.period_code = '2019'").first<{
    n: number;
  }>())!.n;

beforeAll(async () => {
  await openPeriod("2019");
  const token = await createToken("province");
  caller = { tokenId: token.id, tokenName: "test", role: "province", unitCode: null, expiresAt: null };
  await upload(slowBody(lists.old, 1000));
});

describe("a poverty list replaced by a streamed upload", () => {
  it("is the old list or the new one whole to a reader all along, and the old entries are gone after", async () => {
    expect(await visibleList()).toEqual(expectedList(lists.old));
    const { result, reads, underWay } = await watched(upload(slowBody(lists.a, 97)), [expectedList(lists.old), expectedList(lists.a)]);
    expect(result.status).toBe("fulfilled");
    expect(reads).toBeGreaterThan(5);
    expect(underWay).toBe(1);
    expect(await visibleList()).toEqual(expectedList(lists.a));
    expect(await stagedItems()).toBe(lists.a.length);
  });

  it("raced by two uploads written chunk by chunk at once: the one that finishes last is the list, whole; never a mix", async () => {
    const both = Promise.all([upload(slowBody(lists.b, 61)), upload(slowBody(lists.old, 23))]);
    const { result, underWay } = await watched(both, [expectedList(lists.a), expectedList(lists.b), expectedList(lists.old)]);
    expect(result.status).toBe("fulfilled");
    expect(underWay).toBe(2);
    const { results } = await env.DB.prepare(
      "SELECT u.valid FROM poverty_list_uploads u JOIN poverty_list_current c ON c.list_id = u.list_id WHERE c.period_code = '2019'",
    ).all<{ valid: number }>();
    expect(results).toHaveLength(1);
    const winner = results[0]!.valid === lists.b.length ? lists.b : lists.old;
    expect(await visibleList()).toEqual(expectedList(winner));
    expect(await stagedItems()).toBe(winner.length);
  });

  it("aborted midway (the client went away after chunks were staged) leaves the previous list whole, and its staged entries go", async () => {
    const before = await visibleList();
    let staged = 0;
    const aborted = upload(slowBody(lists.a, 50, 20));
    const { result, underWay } = await watched(
      aborted.finally(async () => void (staged = await stagedItems())),
      [before],
    );
    expect(result.status).toBe("rejected");
    expect(underWay).toBe(1);
    expect(await visibleList()).toEqual(before);
    expect(staged).toBe(before.length);
  });

  it("refused midway (a row past the bound, after chunks were staged): 422 naming the row, the previous list whole", async () => {
    const before = await visibleList();
    const refused = upload(slowBody(lists.b, 50), { ...LIST_TABLE_LIMITS, maxRows: 30 });
    const { result, underWay } = await watched(refused, [before]);
    expect(result.status).toBe("rejected");
    expect(underWay).toBe(1);
    expect(await openStagings()).toBe(0);
    const error = (result as PromiseRejectedResult).reason as ProblemError;
    expect(error).toBeInstanceOf(ProblemError);
    expect(error.body).toMatchObject({ status: 422 });
    expect(String(error.body.detail)).toContain("from row 32");
    expect(await visibleList()).toEqual(before);
  });
});

describe("a list sent without Content-Length (chunked)", () => {
  const province = () => createToken("province");
  const post = async (body: ReadableStream<Uint8Array>) => {
    const request = new Request(`https://tianbao.test/api/v1${povertyListPath()}`, {
      method: "POST",
      headers: { Authorization: `Bearer ${(await province()).token}`, "Content-Type": "text/csv" },
      body,
    });
    expect(request.headers.has("Content-Length")).toBe(false);
    return api(povertyListPath(), request);
  };

  it("is streamed and counted, not gathered first: stored whole", async () => {
    const response = await post(slowBody(lists.b, 4096));
    expect(response.status).toBe(201);
    expect(await visibleList()).toEqual(expectedList(lists.b));
  });

  it("is answered while the body is still arriving: a header without an ID column is refused (422) before the sender has finished", async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    let releasedBy = "";
    // The rest of the body is held back until the answer arrives (or, were the body gathered first, a fallback lets it end).
    const fallback = setTimeout(() => ((releasedBy ||= "fallback"), release()), 5_000);
    let piece = 0;
    const body = new ReadableStream<Uint8Array>({
      async pull(controller) {
        if (piece++ === 0) return controller.enqueue(new TextEncoder().encode("姓名,户籍所在县\n某某,370102\n"));
        await held;
        controller.close();
      },
    });
    const response = await post(body);
    releasedBy ||= "answer";
    release();
    clearTimeout(fallback);
    expect((await expectProblem(response, 422)).detail).toContain("身份证件号码");
    expect(releasedBy).toBe("answer");
  });

  it("past the file limit → 413 at the first byte over it, the list as it was", async () => {
    const before = await visibleList();
    // Rows of 4,000 characters (within the row bound), far fewer than the row bound: only the bytes run out.
    const header = new TextEncoder().encode("身份证件号码,户籍所在县,备注\n");
    const row = new TextEncoder().encode(`${lists.a[0]!.id},370103,${"x".repeat(3970)}\n`);
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        if (sent > LIST_TABLE_LIMITS.maxBytes + row.length) return controller.close();
        const piece = sent === 0 ? header : row;
        sent += piece.length;
        controller.enqueue(piece);
      },
    });
    const problem = await expectProblem(await post(body), 413);
    expect(problem.maxBytes).toBe(LIST_TABLE_LIMITS.maxBytes);
    expect(await visibleList()).toEqual(before);
  });
});

describe("D1 itself (0020's triggers)", () => {
  it("refuses to make current a list whose entries are not all there, and to change the current list's entries", async () => {
    const db = env.DB;
    const { id } = (await db
      .prepare("INSERT INTO poverty_list_stagings (period_code, started_by, started_at) VALUES ('2019', ?1, '2026-01-01T00:00:00Z') RETURNING id")
      .bind(caller.tokenId)
      .first<{ id: number }>())!;
    await db
      .prepare(
        "INSERT INTO poverty_list_items (list_id, id_hash, masked_id, county_code, row_number) VALUES (?1, randomblob(16), '370102********1234', '370102', 2)",
      )
      .bind(id)
      .run();
    await expect(db.prepare("UPDATE poverty_list_current SET list_id = ?1 WHERE period_code = '2019'").bind(id).run()).rejects.toThrow(
      "poverty-list-incomplete",
    );
    await db.prepare("UPDATE poverty_list_stagings SET entries = 2 WHERE id = ?1").bind(id).run();
    await expect(db.prepare("UPDATE poverty_list_current SET list_id = ?1 WHERE period_code = '2019'").bind(id).run()).rejects.toThrow(
      "poverty-list-incomplete",
    );
    await expect(
      db
        .prepare(
          "INSERT INTO poverty_list_items (list_id, id_hash, masked_id, county_code, row_number) VALUES (?1, randomblob(16), '370102********1234', '370102', 3)",
        )
        .bind(id)
        .run(),
    ).rejects.toThrow("poverty-list-closed");
    const before = await visibleList();
    await expect(
      db.prepare("DELETE FROM poverty_list_items WHERE list_id = (SELECT list_id FROM poverty_list_current WHERE period_code = '2019')").run(),
    ).rejects.toThrow("poverty-list-current");
    await expect(
      db
        .prepare("UPDATE poverty_list_items SET county_code = '370105' WHERE list_id = (SELECT list_id FROM poverty_list_current WHERE period_code = '2019')")
        .run(),
    ).rejects.toThrow("poverty-list-current");
    expect(await visibleList()).toEqual(before);
  });
});
