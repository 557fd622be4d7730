// addin/ passes Microsoft's office-addins lint rules (eslint.config.js), and the lint does catch what
// it is there for, so that a clean result means something.
import { ESLint } from "eslint";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/wrangler.ts";

const eslint = new ESLint({ cwd: repoRoot });
const problems = (results: ESLint.LintResult[]) =>
  results.flatMap((result) => result.messages.map((message) => `${result.filePath.slice(repoRoot.length + 1)}:${message.line} ${message.ruleId}`));

describe("office-addins lint of addin/", () => {
  it("finds nothing in the add-in", async () => {
    expect(problems(await eslint.lintFiles(["addin"]))).toEqual([]);
  }, 60_000);

  it("catches a read before load and sync, and a sync in a loop", async () => {
    const code = `export async function probe() {
  await Excel.run(async (context) => {
    const range = context.workbook.worksheets.getItem("a").getRange("A1");
    console.log(range.values);
    for (const sheet of ["a", "b"]) await context.sync();
  });
}
`;
    const results = await eslint.lintText(code, { filePath: join(repoRoot, "addin", "probe.ts") });
    expect(problems(results).map((problem) => problem.split(" ")[1])).toEqual([
      "office-addins/call-sync-before-read",
      "office-addins/load-object-before-read",
      "office-addins/no-context-sync-in-loop",
    ]);
  });
});
