// npm run build -- --origin https://tianbao.example.cn: the site the Worker serves beside its API
// (dist/site/: the web page, the task pane, dist/site/manifest.xml naming that origin); then one
// `npx wrangler deploy` uploads the Worker with the site. TIANBAO_ORIGIN in the environment works
// too; without either it builds for https://localhost:3000 (npm start's origin).
//   --out DIR   another output directory (the tests build into a temp dir)
import { parseArgs } from "node:util";
import { devAddinOrigin } from "./lib/addin-bundle.ts";
import { buildSite, siteDir } from "./lib/site-build.ts";

const { values } = parseArgs({ options: { origin: { type: "string" }, out: { type: "string" } } });
const origin = new URL(values.origin ?? process.env.TIANBAO_ORIGIN ?? devAddinOrigin).origin;
const outDir = values.out ?? siteDir;

const { paneBytes, pageBytes } = await buildSite({ outDir, origin, deploy: true });
const kb = (bytes: number) => `${(bytes / 1024).toFixed(0)} KB`;
console.log(`${outDir}: task pane ${kb(paneBytes)}, web page ${kb(pageBytes)}; manifest.xml for ${origin}`);
if (origin === devAddinOrigin) console.log("No --origin / TIANBAO_ORIGIN given: this build is for https://localhost:3000.");
