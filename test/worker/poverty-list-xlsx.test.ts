import { env } from "cloudflare:workers";
import { strToU8, unzipSync, zipSync } from "fflate";
import { beforeAll, describe, expect, it } from "vitest";
import type { PovertyListUpload } from "../../shared/api/roster-comparison.ts";
import { rosterIdHasher } from "../../shared/roster/keyed-id-hasher.ts";
import { LIST_TABLE_LIMITS } from "../../shared/roster/list-table-limits.ts";
import type { XlsxCell } from "../../shared/xlsx/model.ts";
import { writeXlsx } from "../../shared/xlsx/write-xlsx.ts";
import type { Caller } from "../../worker/auth/caller.ts";
import { ProblemError } from "../../worker/http/problem.ts";
import { uploadPovertyList } from "../../worker/services/poverty-list.ts";
import { createToken, expectProblem } from "./api-client.ts";
import type { ListRow } from "./poverty-list-client.ts";
import { listCsv, newPeople, uploadList } from "./poverty-list-client.ts";
import { openPeriod } from "./submission-client.ts";

// The list as an .xlsx (issue 29): read a row at a time as its sheet inflates, each row checked, hashed
// and masked as the CSV's are, so the same rows give the same stored list; a hostile workbook is
// refused with a 422 naming the part, the row or the limit.

const key = rosterIdHasher("k".repeat(40));
let caller: Caller;
let province: string;
const people = [...newPeople("370102", 30, 100), ...newPeople("370103", 25, 200)];
const withFaults: ListRow[] = [...people, { id: "370102201001011234", county: "370102" }, people[3]!];

/** The rows as the poverty office's .xlsx: the CSV's columns (序号 a number, the 备注 column mostly empty), one sheet. */
function listXlsx(rows: readonly ListRow[]): Uint8Array {
  const cells = new Map<string, XlsxCell>(
    ["序号", "姓名", "身份证件号码", "户籍所在县(市、区)代码", "备注"].map((head, col) => [`${"ABCDE"[col]}1`, { value: head }]),
  );
  rows.forEach((row, index) => {
    cells.set(`A${index + 2}`, { value: index + 1 });
    cells.set(`B${index + 2}`, { value: "某某" });
    cells.set(`C${index + 2}`, { value: row.id });
    cells.set(`D${index + 2}`, { value: row.county });
    if (index % 7 === 0) cells.set(`E${index + 2}`, { value: "说明, 含逗号" });
  });
  return writeXlsx({ sheets: [{ name: "名单", cells }] });
}

/** The bytes as a body arriving in pieces of `pieceBytes`. */
function bodyOf(bytes: Uint8Array, pieceBytes: number): ReadableStream<Uint8Array> {
  let offset = 0;
  return new ReadableStream({
    pull(controller) {
      if (offset >= bytes.length) return controller.close();
      controller.enqueue(bytes.slice(offset, offset + pieceBytes));
      offset += pieceBytes;
    },
  });
}

const stored = async () =>
  (await env.DB.prepare("SELECT id_hash, masked_id, county_code, row_number FROM poverty_list_entries WHERE period_code = '2019' ORDER BY row_number").all())
    .results;

beforeAll(async () => {
  await openPeriod("2019");
  const token = await createToken("province");
  province = token.token;
  caller = { tokenId: token.id, tokenName: "test", role: "province", unitCode: null, expiresAt: null };
});

describe("an .xlsx poverty list", () => {
  it("gives the CSV's counts, preview and stored entries, its body arriving in small pieces and its entries written a few at a time", async () => {
    const upload = (bytes: Uint8Array) =>
      uploadPovertyList(env.DB, { caller, periodCode: "2019", body: bodyOf(bytes, 1000), dryRun: false, key, entriesPerStatement: 4 });
    const fromCsv = await upload(listCsv(withFaults));
    const csvEntries = await stored();
    const fromXlsx = await upload(listXlsx(withFaults));
    expect({ ...fromXlsx, uploadedAt: "" }).toEqual({ ...fromCsv, uploadedAt: "" });
    expect(fromXlsx).toMatchObject({ rows: people.length + 2, valid: people.length, invalid: 1, duplicates: 1 });
    expect(await stored()).toEqual(csvEntries);
    expect(csvEntries).toHaveLength(people.length);
  });

  it("answers a dry run through the API without a raw ID in it", async () => {
    const response = await uploadList(province, listXlsx(withFaults), { dryRun: true });
    const text = await response.text();
    expect((JSON.parse(text) as PovertyListUpload).valid).toBe(people.length);
    for (const row of withFaults) expect(text).not.toContain(row.id);
  });

  it("refuses a sheet that inflates past eight times the file's bound (a zip bomb), and content past the row limit, naming them", async () => {
    const limits = { ...LIST_TABLE_LIMITS, maxBytes: 2 ** 20, maxRows: 40 };
    const refusal = async (bytes: Uint8Array) => {
      const error = await uploadPovertyList(env.DB, { caller, periodCode: "2019", body: bodyOf(bytes, 4096), dryRun: true, key, limits }).catch((e) => e);
      expect(error).toBeInstanceOf(ProblemError);
      return (error as ProblemError).message;
    };
    const files = unzipSync(listXlsx(people.slice(0, 3)));
    files["xl/worksheets/sheet1.xml"] = strToU8("<x/>".repeat(9 * 2 ** 18));
    const bomb = zipSync(files, { level: 9 });
    expect(bomb.length).toBeLessThan(limits.maxBytes);
    expect(await refusal(bomb)).toBe(
      "名单无法读取 / The list cannot be read: 部件 xl/worksheets/sheet1.xml 解压后超过 8 MiB / part xl/worksheets/sheet1.xml inflates past 8 MiB",
    );
    expect(await refusal(listXlsx(people.slice(0, 45)))).toContain("sheet “名单” has content in row 42, beyond the reader's limit of 41 rows");
    await expectProblem(await uploadList(province, listXlsx(people).subarray(0, 200), { dryRun: true }), 422);
  });
});
