import { join } from "node:path";
import type { BuildOptions, Metafile } from "esbuild";
import { repoRoot } from "./repo-root.ts";

// How the task pane and the web page are bundled, shared by the site build, the dev server and the browser tests.

export const addinDir = join(repoRoot, "addin");
/** office.js from the npm package, served as-is in development and tests (no network). */
export const officeJsDir = join(repoRoot, "node_modules", "@microsoft", "office-js", "dist");
/** Where production loads office.js from: Microsoft's CDN, as Office requires of deployed add-ins. */
export const officeJsCdnUrl = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** The origin the source manifest names (npm start's HTTPS door to the Worker), replaced by the deployed one in a production build. */
export const devAddinOrigin = "https://localhost:3000";
export const devOfficeJsPath = "/office-js/office.js";

/**
 * `apiUrl` is the server a new installation suggests; "" means the origin the pane or page was
 * loaded from (the Worker serves both beside its API). The tests' separate add-in server passes its Worker's URL.
 * `deploy`: minified and without source maps (a deployed site serves no map of its sources); else readable, with maps.
 */
export function taskPaneBuildOptions(options: { entry?: string; apiUrl: string; deploy: boolean }): BuildOptions & { metafile: true } {
  return bundleOptions({ taskpane: options.entry ?? join(addinDir, "taskpane.ts") }, options);
}

/** The web page for clerks without the add-in: the same UI over a workbook file; it carries the .xlsx reader. */
export function pageBuildOptions(options: { apiUrl: string; deploy: boolean }): BuildOptions & { metafile: true } {
  return bundleOptions({ page: join(addinDir, "page.ts") }, options);
}

function bundleOptions(entryPoints: Record<string, string>, options: { apiUrl: string; deploy: boolean }): BuildOptions & { metafile: true } {
  return {
    entryPoints,
    bundle: true,
    format: "esm",
    target: "es2020",
    platform: "browser",
    sourcemap: !options.deploy,
    minify: options.deploy,
    metafile: true,
    define: { TIANBAO_DEFAULT_API_URL: JSON.stringify(options.apiUrl) },
    logLevel: "warning",
  };
}

/**
 * The add-in inserts the server's template instead of writing .xlsx itself (DESIGN.md), so no
 * .xlsx code may be bundled. The one module of shared/xlsx allowed is A1 address arithmetic,
 * which the layout needs.
 */
export function xlsxCodeIn(metafile: Metafile): string[] {
  return Object.keys(metafile.inputs).filter(
    (input) => (input.includes("shared/xlsx/") && !input.endsWith("shared/xlsx/cell-address.ts")) || input.includes("node_modules/fflate"),
  );
}

/**
 * The pane trusts the server's answers (shared/api/api-client.ts): the API's zod schemas in its bundle
 * are weight by mistake (classic zod). zod/mini, which the form set and the region table parse with, is allowed.
 */
export function schemaCodeIn(metafile: Metafile): string[] {
  return Object.keys(metafile.inputs).filter((input) => /node_modules\/zod\/(index\.js|v4\/classic\/)/.test(input));
}
