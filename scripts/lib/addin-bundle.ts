import { join } from "node:path";
import type { BuildOptions, Metafile } from "esbuild";
import { repoRoot } from "./repo-root.ts";

// How the task pane is bundled, shared by `npm run build`, the HTTPS dev server and the browser tests.

export const addinDir = join(repoRoot, "addin");
/** office.js from the npm package, served as-is in development and tests (no network). */
export const officeJsDir = join(repoRoot, "node_modules", "@microsoft", "office-js", "dist");
/** Where production loads office.js from: Microsoft's CDN, as Office requires of deployed add-ins. */
export const officeJsCdnUrl = "https://appsforoffice.microsoft.com/lib/1/hosted/office.js";
/** The URLs the source manifest and page use, replaced by the deployed ones in a production build. */
export const devAddinOrigin = "https://localhost:3000";
export const devApiOrigin = "http://127.0.0.1:8787";
export const devOfficeJsPath = "/office-js/office.js";

export function taskPaneBuildOptions(options: { entry?: string; apiUrl: string; minify: boolean }): BuildOptions & { metafile: true } {
  return {
    entryPoints: { taskpane: options.entry ?? join(addinDir, "taskpane.ts") },
    bundle: true,
    format: "esm",
    target: "es2020",
    platform: "browser",
    sourcemap: true,
    minify: options.minify,
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
