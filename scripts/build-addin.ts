// npm run build: the add-in for deployment, in dist/addin/ (task pane bundle, page, styles, icons)
// plus dist/manifest.xml with the deployed URLs. The localhost manifest.xml is the source.
//   npm run build -- --addin-url https://tianbao.example.cn --api-url https://api.tianbao.example.cn
// or TIANBAO_ADDIN_URL / TIANBAO_API_URL in the environment. Without them it builds for localhost.
import { cpSync, mkdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { build } from "esbuild";
import { addinDir, devAddinOrigin, devApiOrigin, devOfficeJsPath, officeJsCdnUrl, taskPaneBuildOptions, xlsxCodeIn } from "./lib/addin-bundle.ts";
import { repoRoot } from "./lib/repo-root.ts";

const { values } = parseArgs({
  options: { "addin-url": { type: "string" }, "api-url": { type: "string" }, out: { type: "string" } },
});
const origin = (url: string) => new URL(url).origin;
const addinUrl = origin(values["addin-url"] ?? process.env.TIANBAO_ADDIN_URL ?? devAddinOrigin);
const apiUrl = origin(values["api-url"] ?? process.env.TIANBAO_API_URL ?? devApiOrigin);
const outDir = values.out ?? join(repoRoot, "dist");
const pageDir = join(outDir, "addin");

rmSync(outDir, { recursive: true, force: true });
mkdirSync(pageDir, { recursive: true });
const result = await build({ ...taskPaneBuildOptions({ apiUrl, minify: true }), outdir: pageDir });
const xlsxCode = xlsxCodeIn(result.metafile);
if (xlsxCode.length > 0) throw new Error(`the task pane bundle must not contain .xlsx code: ${xlsxCode.join(", ")}`);

const page = readFileSync(join(addinDir, "taskpane.html"), "utf8").replace(devOfficeJsPath, officeJsCdnUrl);
writeFileSync(join(pageDir, "taskpane.html"), page);
cpSync(join(addinDir, "taskpane.css"), join(pageDir, "taskpane.css"));
cpSync(join(addinDir, "assets"), join(pageDir, "assets"), { recursive: true });

// The page is served from the root of the add-in's origin, as in development.
const manifest = readFileSync(join(repoRoot, "manifest.xml"), "utf8").replaceAll(devAddinOrigin, addinUrl).replaceAll(devApiOrigin, apiUrl);
writeFileSync(join(outDir, "manifest.xml"), manifest);

const bundleBytes = result.metafile.outputs[Object.keys(result.metafile.outputs).find((name) => name.endsWith("taskpane.js")) ?? ""]?.bytes ?? 0;
console.log(`dist/addin/: task pane ${(bundleBytes / 1024).toFixed(0)} KB; dist/manifest.xml for ${addinUrl} (API ${apiUrl})`);
if (addinUrl === devAddinOrigin) console.log("No --addin-url / TIANBAO_ADDIN_URL given: this build points at localhost.");
