import { readFileSync } from "node:fs";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { repoRoot } from "../../scripts/lib/repo-root.ts";
import { startAddinServer } from "../../scripts/lib/addin-server.ts";
import { buildSite } from "../../scripts/lib/site-build.ts";
import type { AddinServer } from "../../scripts/lib/addin-server.ts";
import type { CellValue } from "../../shared/report/report-data.ts";
import { cellValueOf } from "../../shared/workbook/render-form-sheet.ts";
import type { ExcelHost } from "../support/excel-model/excel-host.ts";
import type { PlatformId } from "../support/excel-model/platforms.ts";
import { sampleReport } from "../support/sample-report.ts";
import { firstAdminToken, freePort, startWranglerDev } from "../../scripts/lib/wrangler-dev.ts";
import type { WranglerDev } from "../../scripts/lib/wrangler-dev.ts";
import { layout, prefecture } from "../addin/support/filled-workbook.ts";
import { afterAll, beforeAll } from "vitest";
import { chromiumPath, launchChromium } from "./chromium.ts";
import { recordCspViolations } from "./content-security-policy.ts";

declare global {
  interface Window {
    /** `coauthor`: a second Excel on the same workbook, once the story opens one (ExcelHost.coauthor). */
    tianbao: { host: ExcelHost; open: (base64: string) => void; coauthor?: ExcelHost };
  }
}

export interface PaneStack {
  dev: WranglerDev;
  addin: AddinServer;
  browser: Browser;
  tokens: { admin: string; province: string; clerk: string };
  /** A JSON request to the Worker with a token; the parsed answer. */
  call: (method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>) => Promise<any>;
  close: () => Promise<void>;
}

/**
 * wrangler dev serving the built site (the web page at /, as deployed), the pane bundle over the
 * model of Excel served on an origin of its own, the three tokens and Chromium.
 */
export async function startPaneStack(): Promise<PaneStack> {
  const addinPort = await freePort();
  const site = await mkdtemp(join(tmpdir(), "tianbao-site-"));
  await buildSite({ outDir: site, origin: "https://localhost:3000", deploy: true });
  const dev = await startWranglerDev({ vars: { ALLOWED_ORIGIN: `http://127.0.0.1:${addinPort}` }, assets: site });
  const addin = await startAddinServer({
    host: "127.0.0.1",
    port: addinPort,
    entry: join(repoRoot, "test", "browser", "excel-task-pane.ts"),
    apiUrl: dev.baseUrl,
  });
  const call = async (method: string, path: string, token: string, body?: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${dev.baseUrl}/api/v1${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...headers, ...(body !== undefined && { "Content-Type": "application/json" }) },
      ...(body !== undefined && { body: JSON.stringify(body) }),
    });
    return (await response.json()) as any;
  };
  const admin = await firstAdminToken(dev, "浏览器测试管理员");
  const tokens = {
    admin,
    province: (await call("POST", "/tokens", admin, { role: "province", name: "省审核员" })).token,
    clerk: (await call("POST", "/tokens", admin, { role: "clerk", unitCode: prefecture.code, name: "济南填报员" })).token,
  };
  const browser = await launchChromium();
  return {
    dev,
    addin,
    browser,
    tokens,
    call,
    close: async () => {
      await browser.close();
      await addin.close();
      await dev.stop();
      await rm(site, { recursive: true, force: true });
    },
  };
}

/**
 * One stack for a test file, started before its tests (where Chromium is there) and closed after:
 * the tokens fill in once it has started, `call` and `openPane` wait for it.
 */
export function usePaneStack() {
  let stack: PaneStack | undefined;
  const tokens = { admin: "", province: "", clerk: "" };
  const started = () => {
    if (!stack) throw new Error("the pane stack has not started: use it inside a test");
    return stack;
  };
  beforeAll(async () => {
    if (!chromiumPath) return;
    stack = await startPaneStack();
    Object.assign(tokens, stack.tokens);
  });
  afterAll(async () => {
    await stack?.close();
  });
  return {
    tokens,
    call: (method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>) => started().call(method, path, token, body, headers),
    openPane: (platform: PlatformId, query: string, token: string, workbook?: string) => openPane(started(), platform, query, token, workbook),
    openPage: (token: string, width?: number) => openPage(started(), token, width),
    stack: started,
  };
}

/**
 * The web page at the Worker's origin in a Chinese browser window, signed in with this token (the
 * server's address is the page's own); what its Content-Security-Policy refuses is recorded (cspViolations).
 */
export async function openPage(stack: PaneStack, token: string, width = 900): Promise<Page> {
  const page = await stack.browser.newPage({ viewport: { width, height: 1000 }, acceptDownloads: true, locale: "zh-CN" });
  page.on("pageerror", (error) => console.error("page error:", error));
  await recordCspViolations(page);
  await page.goto(`${stack.dev.baseUrl}/`);
  if ((await page.inputValue("#server-url")) !== stack.dev.baseUrl) throw new Error("the page should suggest its own origin as the server");
  await page.fill("#token", token);
  await page.click("button[type=submit]");
  await page.locator("#disconnect").waitFor();
  return page;
}

/** A page at a task pane's width whose office.js is the model of Excel (the real office.js is not loaded: there is no Office host to talk to). */
export async function newPanePage(stack: PaneStack, width = 420): Promise<Page> {
  const page = await stack.browser.newPage({ viewport: { width, height: 900 }, acceptDownloads: true });
  page.on("pageerror", (error) => console.error("page error:", error));
  await page.route("**/office-js/office.js", (route) => route.fulfill({ body: "", contentType: "text/javascript" }));
  return page;
}

/** A task pane on `platform`, connected with this token; `workbook` (base64 .xlsx) is the workbook it starts in, else an empty one. */
export async function openPane(stack: PaneStack, platform: PlatformId, query: string, token: string, workbook?: string, width?: number): Promise<Page> {
  const page = await newPanePage(stack, width);
  await page.goto(`${stack.addin.url}/taskpane.html?platform=${platform}${query}`);
  if (workbook) await page.evaluate((base64) => window.tianbao.open(base64), workbook);
  await page.fill("#server-url", stack.dev.baseUrl);
  await page.fill("#token", token);
  await page.click("button[type=submit]");
  return page;
}

/**
 * The clerk fills the report: a valid report's inputs pasted over the template, one paste per run of
 * adjacent input columns (a clerk pastes figures, never over the formula columns).
 */
export async function pasteValidReport(page: Page): Promise<void> {
  const report = sampleReport(prefecture);
  const pastes: [string, string, CellValue[][]][] = [];
  for (const sheetLayout of layout.sheets) {
    const sheet = sheetLayout.sheet;
    const rows = report.sheets[sheet.code] ?? [];
    const inputs = sheet.fields.filter((field) => !field.formula && !field.prefill);
    const keys: (string | number)[] =
      sheet.kind === "grid" ? rows.map((row) => row.key) : sheet.kind === "list" ? rows.map((row, index) => row.position ?? index) : [""];
    for (const [index, key] of keys.entries()) {
      const row = sheet.kind === "grid" ? rows.find((candidate) => candidate.key === key) : rows[index];
      for (const field of inputs) {
        const value = cellValueOf(field, row?.values[field.code]);
        const last = pastes.at(-1);
        const a1 = sheetLayout.cellOf(key, field.code) as string;
        // Adjacent cells of one row join the previous paste.
        if (last && last[0] === sheetLayout.name && sheet.kind !== "cover" && nextTo(last, a1)) (last[2][0] as CellValue[]).push(value);
        else pastes.push([sheetLayout.name, a1, [[value]]]);
      }
    }
  }
  await page.evaluate((all) => all.forEach(([name, a1, values]) => window.tianbao.host.paste(name, a1, values)), pastes);
}

function nextTo([, start, values]: [string, string, CellValue[][]], a1: string): boolean {
  const [, startColumn = "", startRow] = /^([A-Z]+)(\d+)$/.exec(start) ?? [];
  const [, column = "", row] = /^([A-Z]+)(\d+)$/.exec(a1) ?? [];
  const index = (letters: string) => [...letters].reduce((sum, letter) => sum * 26 + letter.charCodeAt(0) - 64, 0);
  return row === startRow && index(column) === index(startColumn) + (values[0]?.length ?? 0);
}

/** The first county's cell of a field: [sheet name, A1]. */
export const county = prefecture.children[0]!.code;
export const cellOf = (sheetCode: string, fieldCode: string) => [layout.sheet(sheetCode)!.name, layout.sheet(sheetCode)!.cellOf(county, fieldCode)!] as const;

/** The clerk types a value; resolves once the pane has redrawn its list (or after 2 s when nothing in it changed). */
export const typeInto = (page: Page, sheetCode: string, fieldCode: string, value: CellValue) =>
  page.evaluate(
    ([[name, a1], cell]) =>
      new Promise<void>((resolve) => {
        document.addEventListener("tianbao:issues-rendered", () => resolve(), { once: true });
        setTimeout(resolve, 2_000);
        window.tianbao.host.type(name, a1, cell);
      }),
    [cellOf(sheetCode, fieldCode), value] as const,
  );

export const hostValue = (page: Page, sheetCode: string, fieldCode: string) =>
  page.evaluate(([name, a1]) => window.tianbao.host.value(name, a1), cellOf(sheetCode, fieldCode));

/** Clicks a download link and gives the file as base64. */
export async function download(page: Page, selector: string): Promise<string> {
  const [file] = await Promise.all([page.waitForEvent("download"), page.click(selector)]);
  return readFileSync((await file.path()) as string).toString("base64");
}

/** The clerk breaks an error rule (R04.1: more principals than teachers exchanged) and a warning rule (R05.2: no key-village school paired); both listed. */
export async function breakErrorAndWarningRules(page: Page) {
  await typeInto(page, "教扶04", "E04_PRIN", 100_000);
  await typeInto(page, "教扶05", "E05_COVERED", 0);
  const error = page.locator('li.issue.error[data-rule="R04.1"]');
  const warning = page.locator('li.issue.warning[data-rule="R05.2"]');
  await error.waitFor();
  await warning.waitFor();
  return { error, warning };
}
