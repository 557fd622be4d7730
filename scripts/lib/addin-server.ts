import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer as createHttpServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { context } from "esbuild";
import { addinDir, devAddinOrigin, officeJsDir, taskPaneBuildOptions } from "./addin-bundle.ts";
import { repoRoot } from "./wrangler.ts";

// Serves the task pane for development (https://localhost:3000, npm start) and for the browser
// tests (plain http on 127.0.0.1): the page, styles and icons from addin/, office.js from the npm
// package, and the bundle, rebuilt by esbuild when a source changed.

export interface AddinServerOptions {
  host: string;
  port: number;
  /** HTTPS key and certificate (office-addin-dev-certs); plain HTTP without. */
  tls?: { key: string | Buffer; cert: string | Buffer };
  /** The bundle's entry: the task pane over Excel by default; tests pass one over the in-memory workbook. */
  entry?: string;
  apiUrl: string;
}

export interface AddinServer {
  url: string;
  close: () => Promise<void>;
}

const contentTypes: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".map": "application/json",
  ".png": "image/png",
  ".xml": "application/xml; charset=utf-8",
  ".json": "application/json",
};

/** A file under `root`, or undefined when the path leaves it or names no file. */
function fileUnder(root: string, relativePath: string): string | undefined {
  const path = normalize(join(root, decodeURIComponent(relativePath)));
  return path.startsWith(root + sep) && existsSync(path) && statSync(path).isFile() ? path : undefined;
}

export async function startAddinServer(options: AddinServerOptions): Promise<AddinServer> {
  const bundler = await context({ ...taskPaneBuildOptions({ entry: options.entry, apiUrl: options.apiUrl, minify: false }), write: false, outdir: "/bundle" });
  const bundleFile = async (name: string) => (await bundler.rebuild()).outputFiles?.find((file) => file.path === `/bundle/${name}`)?.contents;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const send = (status: number, type: string, body: string | Uint8Array) =>
      response.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store" }).end(body);
    if (path === "/" || path === "/taskpane.html") return send(200, contentTypes[".html"] as string, readFileSync(join(addinDir, "taskpane.html")));
    if (path === "/manifest.xml") return send(200, contentTypes[".xml"] as string, readFileSync(join(repoRoot, "manifest.xml")));
    if (path === "/taskpane.js" || path === "/taskpane.js.map") {
      const contents = await bundleFile(path.slice(1));
      return contents ? send(200, contentTypes[extname(path)] as string, contents) : send(404, "text/plain", "not found");
    }
    const file = path.startsWith("/office-js/") ? fileUnder(officeJsDir, path.slice("/office-js/".length)) : fileUnder(addinDir, path.slice(1));
    if (!file || file.endsWith(".ts")) return send(404, "text/plain", "not found");
    response.writeHead(200, { "Content-Type": contentTypes[extname(file)] ?? "application/octet-stream" });
    createReadStream(file).pipe(response);
  };
  const listener = (request: IncomingMessage, response: ServerResponse) =>
    void handle(request, response).catch((error: unknown) => response.writeHead(500, { "Content-Type": "text/plain" }).end(String(error)));
  const server = options.tls ? createHttpsServer(options.tls, listener) : createHttpServer(listener);
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(options.port, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? "https" : "http"}://${options.host === "127.0.0.1" ? "127.0.0.1" : "localhost"}:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bundler.dispose();
    },
  };
}

export const devAddinPort = Number(new URL(devAddinOrigin).port);
