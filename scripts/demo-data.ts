// npm run demo:data: the 16 filled prefecture workbooks of the demo, in demo/out/workbooks/.
import { relative } from "node:path";
import { writeDemoWorkbooks } from "./demo/demo-workbooks.ts";
import { repoRoot } from "./lib/repo-root.ts";

const workbooks = await writeDemoWorkbooks();
for (const { path } of workbooks) console.log(relative(repoRoot, path));
console.log(`${workbooks.length} 个地市报表 / prefecture workbooks: every rule satisfied, the two warnings explained on their 说明 sheets`);
