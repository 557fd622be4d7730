import { env, exports } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { api, bearer, createToken, jsonRequest, origin } from "./api-client.ts";
import { pdfBytes } from "../support/stamped-copy-files.ts";
import { jinan, openPeriod, reportOf, submissionsPath, submitOk } from "./submission-client.ts";

// Every answer of the Worker tells the browser not to sniff its type, to send no Referer, and (never
// being a document) to load nothing and refuse to be framed: successes from D1 and R2, problems,
// preflights, and the 404 for a path no file and no route has. The site's files get theirs from
// _headers (test/browser/web-page.test.ts checks them against wrangler dev).

function expectHardened(response: Response, what: string): void {
  expect(response.headers.get("X-Content-Type-Options"), what).toBe("nosniff");
  expect(response.headers.get("Referrer-Policy"), what).toBe("no-referrer");
  expect(response.headers.get("Content-Security-Policy"), what).toBe("default-src 'none'; frame-ancestors 'none'");
}

describe("security headers on the Worker's answers", () => {
  it("are on successes read from D1, the stamped copy from R2, problems and preflights", async () => {
    const clerk = await createToken("clerk", jinan.code);
    await openPeriod("2019");
    const { revision } = await submitOk(clerk.token, reportOf(jinan));
    const attachments = `${submissionsPath("2019", jinan.code)}/${revision}/attachments`;
    const stored = await api(attachments, {
      method: "POST",
      headers: { "Content-Type": "application/pdf", Authorization: `Bearer ${clerk.token}` },
      body: pdfBytes,
    });
    expect(stored.status).toBe(201);

    const answers: [string, Response][] = [
      ["GET /me", await api("/me", bearer(clerk.token))],
      ["GET a stamped copy", await api(`${attachments}/1`, bearer(clerk.token))],
      ["GET the template", await api(`/periods/2019/units/${jinan.code}/template.xlsx`, bearer(clerk.token))],
      ["401", await api("/me")],
      ["400", await api("/periods", jsonRequest("POST", { code: "not a period" }, (await createToken("admin")).token))],
      ["405", await api("/health", { method: "DELETE" })],
      ["preflight", await api("/periods", { method: "OPTIONS", headers: { Origin: env.ALLOWED_ORIGIN, "Access-Control-Request-Method": "POST" } })],
    ];
    expect(answers.map(([what, response]) => `${what} ${response.status}`)).toEqual([
      "GET /me 200",
      "GET a stamped copy 200",
      "GET the template 200",
      "401 401",
      "400 400",
      "405 405",
      "preflight 204",
    ]);
    for (const [what, response] of answers) expectHardened(response, what);
  });

  it("are on the 404 for a path outside the API (no file of the site has it)", async () => {
    const response = await exports.default.fetch(new Request(`${origin}/page.js.map`));
    expect(response.status).toBe(404);
    expectHardened(response, "GET /page.js.map");
  });
});
