// What every Chromium story of the task pane runs against: `wrangler dev` (fresh local D1 and R2),
// the pane bundle on the model of Excel served from the one origin CORS lets through, an admin token
// made as an operator makes the first one, a province reviewer's and a Jinan clerk's token, and
// Debian's Chromium. `usePaneStack()` starts it before a file's tests and stops it after them.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll } from "vitest";
import { startAddinServer } from "../../scripts/lib/addin-server.ts";
import type { AddinServer } from "../../scripts/lib/addin-server.ts";
import { repoRoot } from "../../scripts/lib/wrangler.ts";
import { prefecture } from "../addin/support/filled-workbook.ts";
import { freePort, startWranglerDev } from "../e2e/wrangler-dev.ts";
import type { WranglerDev } from "../e2e/wrangler-dev.ts";
import type { ExcelHost } from "../support/excel-model/excel-host.ts";
import type { PlatformId } from "../support/excel-model/platforms.ts";
import { chromiumPath, launchChromium } from "./chromium.ts";

declare global {
  interface Window {
    tianbao: { host: ExcelHost; open: (base64: string) => void };
  }
}

export interface PaneStack {
  readonly dev: WranglerDev;
  readonly addin: AddinServer;
  readonly browser: Browser;
  readonly tokens: { admin: string; province: string; clerk: string };
  /** The API as JSON, with a token. */
  call(method: string, path: string, token: string, body?: unknown, headers?: Record<string, string>): Promise<any>;
  /** A page at a task pane's width whose office.js is the model of Excel (the real office.js is not loaded: there is no Office host to talk to). */
  newPanePage(): Promise<Page>;
  /** A task pane on `platform`, connected with this token; `workbook` (base64 .xlsx) is the workbook it starts in, else an empty one. */
  openPane(platform: PlatformId, query: string, token: string, workbook?: string): Promise<Page>;
}

export function usePaneStack(adminName: string): PaneStack {
  let dev: WranglerDev | undefined;
  let addin: AddinServer | undefined;
  let browser: Browser | undefined;
  const tokens = { admin: "", province: "", clerk: "" };
  const running = () => {
    if (!dev || !addin || !browser) throw new Error("the pane stack has not started: use it inside a test");
    return { dev, addin, browser };
  };

  const stack: PaneStack = {
    get dev() {
      return running().dev;
    },
    get addin() {
      return running().addin;
    },
    get browser() {
      return running().browser;
    },
    tokens,
    async call(method, path, token, body, headers = {}) {
      const response = await fetch(`${running().dev.baseUrl}/api/v1${path}`, {
        method,
        headers: { Authorization: `Bearer ${token}`, ...headers, ...(body !== undefined && { "Content-Type": "application/json" }) },
        ...(body !== undefined && { body: JSON.stringify(body) }),
      });
      return (await response.json()) as any;
    },
    async newPanePage() {
      const page = await running().browser.newPage({ viewport: { width: 420, height: 900 }, acceptDownloads: true });
      page.on("pageerror", (error) => console.error("page error:", error));
      await page.route("**/office-js/office.js", (route) => route.fulfill({ body: "", contentType: "text/javascript" }));
      return page;
    },
    async openPane(platform, query, token, workbook) {
      const page = await stack.newPanePage();
      await page.goto(`${running().addin.url}/taskpane.html?platform=${platform}${query}`);
      if (workbook) await page.evaluate((base64) => window.tianbao.open(base64), workbook);
      await page.fill("#server-url", running().dev.baseUrl);
      await page.fill("#token", token);
      await page.click("button[type=submit]");
      return page;
    },
  };

  beforeAll(async () => {
    if (!chromiumPath) return;
    const addinPort = await freePort();
    dev = await startWranglerDev({ vars: { ALLOWED_ORIGIN: `http://127.0.0.1:${addinPort}` } });
    addin = await startAddinServer({ host: "127.0.0.1", port: addinPort, entry: join(repoRoot, "test", "browser", "excel-task-pane.ts"), apiUrl: dev.baseUrl });
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [
        join(repoRoot, "node_modules", "tsx", "dist", "cli.mjs"),
        "scripts/token.ts",
        "create",
        "--role",
        "admin",
        "--name",
        adminName,
        "--local",
        "--persist-to",
        dev.persistTo,
        "--json",
      ],
      { cwd: repoRoot },
    );
    tokens.admin = (JSON.parse(stdout) as { token: string }).token;
    browser = await launchChromium();
    tokens.province = (await stack.call("POST", "/tokens", tokens.admin, { role: "province", name: "省审核员" })).token;
    tokens.clerk = (await stack.call("POST", "/tokens", tokens.admin, { role: "clerk", prefectureCode: prefecture.code, name: "济南填报员" })).token;
  });

  afterAll(async () => {
    await browser?.close();
    await addin?.close();
    await dev?.stop();
  });

  return stack;
}
