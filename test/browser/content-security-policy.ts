import { readFile } from "node:fs/promises";
import { join, normalize, sep } from "node:path";
import { build } from "esbuild";
import type { Page } from "playwright-core";
import { officeJsCdnUrl, officeJsDir } from "../../scripts/lib/addin-bundle.ts";
import { repoRoot } from "../../scripts/lib/repo-root.ts";

// The pages served by wrangler dev run under the Content-Security-Policy of the site's _headers: what
// the browser refused is recorded, and Microsoft's CDN (no network here) is answered from the npm
// package of office.js, or with the model of Excel standing in for it.

declare global {
  interface Window {
    cspViolations: string[];
  }
}

/** From the page's first script on, every violation as "<directive> <blocked URI>"; read with cspViolations(page). */
export async function recordCspViolations(page: Page): Promise<void> {
  await page.addInitScript(() => {
    window.cspViolations = [];
    document.addEventListener("securitypolicyviolation", (event) => window.cspViolations.push(`${event.effectiveDirective} ${event.blockedURI}`));
  });
}

export const cspViolations = (page: Page): Promise<string[]> => page.evaluate(() => window.cspViolations);

const officeJsFolder = new URL(".", officeJsCdnUrl).href;

let modelBundle: Promise<string> | undefined;
/** The model of Excel (install-excel-model.ts) as one classic script, as office.js is. */
const modelOfExcel = () =>
  (modelBundle ??= build({
    entryPoints: [join(repoRoot, "test", "browser", "install-excel-model.ts")],
    bundle: true,
    format: "iife",
    platform: "browser",
    target: "es2020",
    write: false,
    logLevel: "warning",
  }).then((result) => result.outputFiles[0]?.text ?? ""));

/**
 * Answers requests to office.js's folder on Microsoft's CDN: "office.js" with the files of the npm
 * package (office.js outside Office: it finds no host), "model" with the model of Excel in office.js's
 * place, "empty" with an empty office.js, "blocked" not at all (the request fails, as on a network that
 * blocks the CDN), "never-ready" with an office.js whose Office.onReady never calls back. Resolves to
 * the paths requested, so a test can tell the CDN was used.
 */
export async function serveOfficeJsCdn(page: Page, serve: "office.js" | "model" | "empty" | "blocked" | "never-ready"): Promise<string[]> {
  const requested: string[] = [];
  await page.route(`${officeJsFolder}**`, async (route) => {
    const path = route.request().url().slice(officeJsFolder.length).split("?")[0] ?? "";
    requested.push(path);
    const javascript = "text/javascript; charset=utf-8";
    if (serve === "blocked") return route.abort("blockedbyclient");
    if (serve === "empty") return route.fulfill({ body: "", contentType: javascript });
    if (serve === "never-ready")
      return route.fulfill({ body: "var Office = { onReady: function () { return new Promise(function () {}); } };", contentType: javascript });
    if (serve === "model" && path === "office.js") return route.fulfill({ body: await modelOfExcel(), contentType: javascript });
    const file = normalize(join(officeJsDir, path));
    if (!file.startsWith(officeJsDir + sep)) return route.fulfill({ status: 404 });
    return readFile(file).then(
      (body) => route.fulfill({ body, contentType: javascript }),
      () => route.fulfill({ status: 404 }),
    );
  });
  return requested;
}
