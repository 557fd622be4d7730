// Proves the add-in runs on its baseline (ExcelApi 1.7, Office 2019 volume-licensed): the TypeScript
// compiler resolves every office.js member used under addin/excel/ to its declaration in
// @types/office-js and reads its `[Api set: ExcelApi x.y]` annotation; a member above the baseline
// must sit inside an `if (Office.context.requirements.isSetSupported("ExcelApi", "x.y"))` branch.
import { mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/repo-root.ts";
import { EXCEL_API_BASELINE } from "../../addin/excel/excel-api-baseline.ts";
import { excelApiUses, unguardedAbove } from "./support/excel-api-level.ts";

const adapterDir = join(repoRoot, "addin", "excel");
const adapterFiles = readdirSync(adapterDir, { recursive: true, encoding: "utf8" })
  .filter((file) => file.endsWith(".ts"))
  .map((file) => join(adapterDir, file));

describe(`ExcelApi level of addin/excel/** (baseline ${EXCEL_API_BASELINE})`, () => {
  const uses = excelApiUses(adapterFiles);

  it("uses no member above the baseline outside an isSetSupported guard", () => {
    expect(unguardedAbove(uses, EXCEL_API_BASELINE)).toEqual([]);
  });

  it("sees the members it reasons about (so an empty list above means something)", () => {
    const byMember = new Map(uses.map((use) => [use.member, use]));
    expect(byMember.get("Worksheet.onChanged")?.version).toBe("1.7");
    expect(byMember.get("Worksheet.getRange")?.version).toBe("1.1");
    expect(byMember.get("Workbook.getActiveCell")?.version).toBe("1.7");
    expect(byMember.get("Workbook.insertWorksheetsFromBase64")).toMatchObject({ version: "1.13", guardedBy: "1.13" });
    expect(byMember.get("Workbook.save")).toMatchObject({ version: "1.11", guardedBy: "1.11" });
    expect(byMember.get("Excel.createWorkbook")).toMatchObject({ version: "1.8", guardedBy: "1.8" });
    expect(byMember.get("Runtime.enableEvents")).toBeUndefined(); // the pane's writes go to sheets it does not watch
  });

  describe("catches", () => {
    const dir = mkdtempSync(join(tmpdir(), "tianbao-api-level-"));
    afterAll(() => rmSync(dir, { recursive: true, force: true }));
    const check = (name: string, body: string) => {
      const file = join(dir, `${name}.ts`);
      writeFileSync(file, `export async function probe(base64: string) {\n${body}\n}\n`);
      return unguardedAbove(excelApiUses([file]), EXCEL_API_BASELINE);
    };

    it("an unguarded 1.13 call", () => {
      const found = check("unguarded", `await Excel.run(async (context) => { context.workbook.insertWorksheetsFromBase64(base64); await context.sync(); });`);
      expect(found.map((use) => [use.member, use.version, use.line])).toEqual([["Workbook.insertWorksheetsFromBase64", "1.13", 2]]);
    });

    it("an unguarded namespace function above the baseline", () => {
      const found = check("namespace-function", `await Excel.createWorkbook(base64);`);
      expect(found.map((use) => [use.member, use.version])).toEqual([["Excel.createWorkbook", "1.8"]]);
    });

    it("a guard for a lower version than the member needs, and the else branch", () => {
      const found = check(
        "weak-guard",
        `if (Office.context.requirements.isSetSupported("ExcelApi", "1.9")) await Excel.run(async (context) => { context.workbook.insertWorksheetsFromBase64(base64); });
         else await Excel.run(async (context) => { context.workbook.worksheets.onChanged.add(async () => {}); });`,
      );
      expect(found.map((use) => use.member)).toEqual(["Workbook.insertWorksheetsFromBase64", "WorksheetCollection.onChanged"]);
    });
  });
});
