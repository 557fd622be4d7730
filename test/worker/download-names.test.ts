// Download names (issue 23 item 5), inside workerd on a real local D1 and R2: a stamped copy's file
// name refuses bidi controls and zero-width characters like other text, and every Content-Disposition
// carries an RFC 8187 filename* that gives back exactly the name accepted.
import { beforeAll, describe, expect, it } from "vitest";
import { contentDisposition } from "../../worker/http/content-disposition.ts";
import { api, bearer, createToken, expectProblem } from "./api-client.ts";
import type { TestToken } from "./api-client.ts";
import { pdfBytes } from "../support/stamped-copy-files.ts";
import { jinan, openPeriod, reportOf, submissionsPath, submitOk } from "./submission-client.ts";

/** RFC 8187 ext-value: charset ' [language] ' value-chars, value-chars being attr-char or %XX. */
const EXT_VALUE = /^UTF-8'[A-Za-z-]*'((?:[A-Za-z0-9!#$&+\-.^_`|~]|%[0-9A-F]{2})*)$/;

/** The name a client reads from a Content-Disposition: filename* parsed by RFC 8187's grammar, and the ASCII fallback. */
function namesOf(header: string): { name: string; fallback: string } {
  const match = /^attachment; filename="([^"\\]*)"; filename\*=(\S+)$/.exec(header);
  if (!match) throw new Error(`not attachment; filename="…"; filename*=…: ${header}`);
  const ext = EXT_VALUE.exec(match[2] as string);
  if (!ext) throw new Error(`filename* is not an RFC 8187 ext-value: ${match[2]}`);
  return { name: decodeURIComponent(ext[1] as string), fallback: match[1] as string };
}

const names = [
  "盖章件.pdf",
  "济南市 2019 年 盖章件 (定稿).pdf",
  'He said "ok".pdf',
  "100% 完成 %E4%B8%AD.pdf",
  "it's; a, b = c*.pdf",
  "emoji 📄✅ 𠀀.pdf",
  "back\\slash/and/slash.pdf",
  "Cafe\u0301 Café.pdf",
  "ＦＵＬＬ　ｗｉｄｔｈ.pdf",
  "~!@#$^&()[]{}+=`|<>?.pdf",
];

describe("contentDisposition", () => {
  it("round-trips every name through filename* and keeps the fallback printable ASCII without quotes, backslashes or %", () => {
    for (const name of names) {
      const { name: read, fallback } = namesOf(contentDisposition(name));
      expect(read).toBe(name);
      expect(fallback).toMatch(/^[\x20-\x7e]*$/);
      expect(fallback).not.toMatch(/["\\%]/);
    }
    expect(namesOf(contentDisposition("盖章件.pdf", 'stamped "copy".pdf')).fallback).toBe("stamped _copy_.pdf");
  });
});

let clerk: TestToken;
beforeAll(async () => {
  await openPeriod("2019");
  clerk = await createToken("clerk", jinan.code);
  await submitOk(clerk.token, reportOf(jinan));
});

const attachmentsPath = `${submissionsPath("2019", jinan.code)}/1/attachments`;
const attach = (fileName: string) =>
  api(`${attachmentsPath}?fileName=${encodeURIComponent(fileName)}`, {
    method: "POST",
    headers: { "Content-Type": "application/pdf", Authorization: `Bearer ${clerk.token}` },
    body: pdfBytes,
  });

describe("a stamped copy's file name", () => {
  it("is given back exactly by the download's Content-Disposition", async () => {
    for (const name of names) {
      const response = await attach(name);
      expect(response.status).toBe(201);
      const attachment = (await response.json()) as { sequence: number; fileName: string };
      expect(attachment.fileName).toBe(name);
      const download = await api(`${attachmentsPath}/${attachment.sequence}`, bearer(clerk.token));
      expect(download.status).toBe(200);
      expect(namesOf(download.headers.get("Content-Disposition") ?? "")).toEqual({ name, fallback: "stamped-copy.pdf" });
    }
  });

  it("refuses control, bidi and zero-width characters: 422 text-not-clean naming fileName", async () => {
    for (const name of [
      "invoice\u202efdp.pdf",
      "盖章件\u200b.pdf",
      "a\u200fb.pdf",
      "\u2066x\u2069.pdf",
      "a\u2060b.pdf",
      "\ufeffa.pdf",
      "two\nlines.pdf",
      "a\tb.pdf",
      "c1\u0085.pdf",
      "alm\u061c.pdf",
    ]) {
      const problem = await expectProblem(await attach(name), 422);
      expect(problem.type).toBe("urn:tianbao:problem:text-not-clean");
      expect(problem.errors).toEqual([expect.objectContaining({ location: "query", field: "fileName", code: "unclean-text" })]);
    }
  });
});

describe("a workbook download", () => {
  it("names the revision's workbook in Chinese through filename*, with its ASCII name as the fallback", async () => {
    const response = await api(`${submissionsPath("2019", jinan.code)}/1/workbook.xlsx`, bearer(clerk.token));
    expect(response.status).toBe(200);
    const { name, fallback } = namesOf(response.headers.get("Content-Disposition") ?? "");
    expect(name).toMatch(/济南/);
    expect(fallback).toMatch(/^tianbao-[\w-]+\.xlsx$/);
  });
});
