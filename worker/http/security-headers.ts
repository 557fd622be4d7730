import type { MiddlewareHandler } from "hono";

// What every response tells the browser, and the Content-Security-Policy of each page the Worker
// serves. The Worker sets them on its own answers (securityHeaders below); the site build writes the
// same values into the site's _headers file, which Workers static assets apply to the files it serves
// (scripts/lib/site-build.ts). docs/security.md ("What the browser is told") says why each is there.

/**
 * On every response: Content-Type is taken as sent (an uploaded file or a JSON answer is never
 * sniffed into script or HTML), and no address (a period, a unit, a query) leaves in a Referer.
 */
export const everyResponseHeaders: Readonly<Record<string, string>> = { "X-Content-Type-Options": "nosniff", "Referrer-Policy": "no-referrer" };

type Directives = Record<string, string>;
const policyOf = (directives: Directives) =>
  Object.entries(directives)
    .map(([name, value]) => `${name} ${value}`)
    .join("; ");

/** An API answer is never a document: opened in a browser all the same, it loads nothing and cannot be framed. */
export const apiContentSecurityPolicy = policyOf({ "default-src": "'none'", "frame-ancestors": "'none'" });

/**
 * What both pages may do: their own scripts, styles and icons, fetch their own origin's API (no other
 * server, so a script that got in cannot send a token elsewhere), no plugins, no <base>, and no form
 * that submits natively (the connect form is handled in script; a native submit would put the token
 * in the address).
 */
const pageDirectives = (scriptSources: string): Directives => ({
  "default-src": "'none'",
  "script-src": scriptSources,
  "style-src": "'self'",
  "img-src": "'self'",
  "connect-src": "'self'",
  "base-uri": "'none'",
  "form-action": "'none'",
});

/** The web page (/): nothing but its own files, and no other site may frame it (clickjacking). */
export const webPageContentSecurityPolicy = policyOf({ ...pageDirectives("'self'"), "frame-ancestors": "'none'" });

/**
 * The task pane (/taskpane): its own scripts and office.js's folder on Microsoft's CDN (office.js
 * loads its host and locale files from beside itself). No frame-ancestors: Office on the web frames
 * the pane from origins Microsoft does not document (docs/security.md).
 */
export function taskPaneContentSecurityPolicy(officeJsUrl: string): string {
  const officeJsFolder = new URL(".", officeJsUrl).href;
  return policyOf(pageDirectives(`'self' ${officeJsFolder}`));
}

/** The site's _headers file (Workers static assets): every file gets everyResponseHeaders, each page its policy. */
export function siteHeadersFile(officeJsUrl: string): string {
  const rule = (path: string, headers: Record<string, string>) => [path, ...Object.entries(headers).map(([name, value]) => `  ${name}: ${value}`)].join("\n");
  const webPage = { "Content-Security-Policy": webPageContentSecurityPolicy };
  const taskPane = { "Content-Security-Policy": taskPaneContentSecurityPolicy(officeJsUrl) };
  return `${[
    "# Written by scripts/lib/site-build.ts from worker/http/security-headers.ts: edit that, not this.",
    rule("/*", everyResponseHeaders),
    rule("/", webPage),
    rule("/index.html", webPage),
    rule("/taskpane", taskPane),
    rule("/taskpane.html", taskPane),
  ].join("\n")}\n`;
}

/** The Worker's own answers (the API, its problems, its 404 for a path no file or route has). */
export const securityHeaders: MiddlewareHandler = async (c, next) => {
  await next();
  for (const [name, value] of Object.entries(everyResponseHeaders)) c.res.headers.set(name, value);
  c.res.headers.set("Content-Security-Policy", apiContentSecurityPolicy);
};
