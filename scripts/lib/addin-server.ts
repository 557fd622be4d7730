import { createReadStream, existsSync, readFileSync, statSync } from "node:fs";
import { createServer } from "node:http";
import type { IncomingMessage, ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, normalize, sep } from "node:path";
import { context } from "esbuild";
import { addinDir, officeJsDir, taskPaneBuildOptions } from "./addin-bundle.ts";

// Serves the task pane on an origin of its own for the browser tests and the keystroke bench (plain
// http on 127.0.0.1, over the model of Excel): the page, styles and icons from addin/, office.js from
// the npm package (no network), and the bundle, rebuilt by esbuild when a source changed. Clerks get
// the pane from the Worker's origin instead (scripts/lib/site-build.ts).

export interface AddinServerOptions {
  host: string;
  port: number;
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
  ".json": "application/json",
};

/** A file under `root`, or undefined when the path leaves it or names no file. */
function fileUnder(root: string, relativePath: string): string | undefined {
  const path = normalize(join(root, decodeURIComponent(relativePath)));
  return path.startsWith(root + sep) && existsSync(path) && statSync(path).isFile() ? path : undefined;
}

export async function startAddinServer(options: AddinServerOptions): Promise<AddinServer> {
  const bundler = await context({ ...taskPaneBuildOptions({ entry: options.entry, apiUrl: options.apiUrl, deploy: false }), write: false, outdir: "/bundle" });
  let url = "";
  const bundleFile = async (name: string) => (await bundler.rebuild()).outputFiles?.find((file) => file.path === `/bundle/${name}`)?.contents;

  const handle = async (request: IncomingMessage, response: ServerResponse) => {
    const path = new URL(request.url ?? "/", "http://localhost").pathname;
    const send = (status: number, type: string, body: string | Uint8Array) =>
      response.writeHead(status, { "Content-Type": type, "Cache-Control": "no-store" }).end(body);
    if (path === "/" || path === "/taskpane" || path === "/taskpane.html")
      return send(200, contentTypes[".html"] as string, readFileSync(join(addinDir, "taskpane.html")));
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
  const server = createServer(listener);
  await new Promise<void>((resolve, reject) => server.once("error", reject).listen(options.port, options.host, resolve));
  const { port } = server.address() as AddressInfo;
  url = `http://${options.host === "127.0.0.1" ? "127.0.0.1" : "localhost"}:${port}`;
  return {
    url,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await bundler.dispose();
    },
  };
}
