import { cpSync, mkdirSync, readFileSync, rmSync, watch, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build, context } from "esbuild";
import type { BuildOptions, Metafile } from "esbuild";
import { addinDir, devAddinOrigin, devOfficeJsPath, officeJsCdnUrl, pageBuildOptions, schemaCodeIn, taskPaneBuildOptions, xlsxCodeIn } from "./addin-bundle.ts";
import { siteHeadersFile } from "../../worker/http/security-headers.ts";
import { repoRoot } from "./repo-root.ts";

// The site the Worker serves beside /api/v1 (wrangler.toml [assets]): the web page at /, the task
// pane at /taskpane, styles, icons, and the manifest at /manifest.xml. `npm run build` builds it for
// deployment (the manifest naming the deployed origin); `npm start` watches it for https://localhost:3000;
// the tests build it into a temp dir. The pane loads office.js from Microsoft's CDN, as Office requires
// of deployed add-ins and as Excel (always online) does in development too; the page needs no office.js.
// Its _headers file gives every file nosniff and no Referer, and each page its Content-Security-Policy
// (worker/http/security-headers.ts).

/** Where wrangler.toml's [assets] points. */
export const siteDir = join(repoRoot, "dist", "site");

export interface SiteOptions {
  outDir: string;
  /** The origin clerks open (the manifest names it). */
  origin: string;
  /** What clerks get (npm run build, npm run deploy, the browser tests): minified, no source maps. Else (npm start) readable, with source maps. */
  deploy: boolean;
}

export interface SiteBundles {
  /** Bytes of the task pane's and the page's JavaScript. */
  paneBytes: number;
  pageBytes: number;
}

/** Both bundles load their API from the origin they were served from. */
const bundles = (deploy: boolean): BuildOptions[] => [taskPaneBuildOptions({ apiUrl: "", deploy }), pageBuildOptions({ apiUrl: "", deploy })];

const bytesOf = (metafile: Metafile, name: string) =>
  Object.entries(metafile.outputs).find(([path]) => path.endsWith(`/${name}`) || path === name)?.[1].bytes ?? 0;

export async function buildSite(options: SiteOptions): Promise<SiteBundles> {
  rmSync(options.outDir, { recursive: true, force: true });
  mkdirSync(options.outDir, { recursive: true });
  const [pane, page] = await Promise.all(bundles(options.deploy).map((bundle) => build({ ...bundle, metafile: true, outdir: options.outDir })));
  const paneMetafile = pane?.metafile as Metafile;
  const xlsxCode = xlsxCodeIn(paneMetafile);
  if (xlsxCode.length > 0) throw new Error(`the task pane bundle must not contain .xlsx code: ${xlsxCode.join(", ")}`);
  const schemaCode = schemaCodeIn(paneMetafile);
  if (schemaCode.length > 0)
    throw new Error(`the task pane bundle must not contain zod (import the plain constants instead): ${schemaCode.slice(0, 3).join(", ")} …`);
  copyStaticFiles(options);
  return { paneBytes: bytesOf(paneMetafile, "taskpane.js"), pageBytes: bytesOf(page?.metafile as Metafile, "page.js") };
}

/** Builds the site, then rebuilds what changes under addin/ until `stop()` (npm start). */
export async function watchSite(options: SiteOptions): Promise<{ stop: () => Promise<void> }> {
  await buildSite(options);
  const contexts = await Promise.all(bundles(options.deploy).map((bundle) => context({ ...bundle, outdir: options.outDir })));
  await Promise.all(contexts.map((bundle) => bundle.watch()));
  const staticWatcher = watch(addinDir, { recursive: true }, (_event, name) => {
    if (name && /\.(html|css|js|png)$/.test(name)) copyStaticFiles(options);
  });
  return {
    stop: async () => {
      staticWatcher.close();
      await Promise.all(contexts.map((bundle) => bundle.dispose()));
    },
  };
}

function copyStaticFiles({ outDir, origin }: SiteOptions): void {
  writeFileSync(join(outDir, "taskpane.html"), readFileSync(join(addinDir, "taskpane.html"), "utf8").replace(devOfficeJsPath, officeJsCdnUrl));
  cpSync(join(addinDir, "index.html"), join(outDir, "index.html"));
  cpSync(join(addinDir, "old-webview.js"), join(outDir, "old-webview.js"));
  cpSync(join(addinDir, "taskpane.css"), join(outDir, "taskpane.css"));
  cpSync(join(addinDir, "assets"), join(outDir, "assets"), { recursive: true });
  const manifest = readFileSync(join(repoRoot, "manifest.xml"), "utf8").replaceAll(devAddinOrigin, new URL(origin).origin);
  writeFileSync(join(outDir, "manifest.xml"), manifest);
  writeFileSync(join(outDir, "_headers"), siteHeadersFile(officeJsCdnUrl));
}
