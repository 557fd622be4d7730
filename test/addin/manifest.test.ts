// The add-in manifest validates against Microsoft's offline schemas (shared/schemas).
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/wrangler.ts";
import { requireSystemProgram } from "../support/system-program.ts";

const xmllint = requireSystemProgram(["xmllint"], "xmllint", "libxml2-utils");
/** The offline schemas in the reference folder beside the repository. */
const schemaDir = join(repoRoot, "..", "shared", "schemas", "office-addin-manifest");

function validate(manifestPath: string) {
  // xmllint resolves the schema's imports relative to the working directory.
  return spawnSync(xmllint as string, ["--noout", "--schema", "OfficeAppManifestV1_1.xsd", manifestPath], { cwd: schemaDir, encoding: "utf8" });
}

const source = readFileSync(join(repoRoot, "manifest.xml"), "utf8");

describe("manifest.xml", () => {
  it("finds the offline schemas", () => expect(existsSync(join(schemaDir, "OfficeAppManifestV1_1.xsd"))).toBe(true));

  it.skipIf(!xmllint)("validates against OfficeAppManifestV1_1.xsd", () => {
    const result = validate(join(repoRoot, "manifest.xml"));
    expect(result.stderr).toContain("validates");
    expect(result.status).toBe(0);
  });

  it("requires ExcelApi 1.8 at the top level, not inside VersionOverrides", () => {
    const [beforeOverrides] = source.split("<VersionOverrides");
    expect(beforeOverrides).toMatch(/<Requirements>\s*<Sets[^>]*>\s*<Set Name="ExcelApi" MinVersion="1.8"\/>/);
    expect(source.split("<VersionOverrides")[1]).not.toContain("<Requirements>");
  });

  it("is Chinese by default with English overrides, and every icon it names is committed", () => {
    expect(source).toContain("<DefaultLocale>zh-CN</DefaultLocale>");
    expect(source.match(/<bt:String id=/g)?.length).toBe(source.match(/<bt:Override Locale="en-US"/g)?.length);
    for (const [, file] of source.matchAll(/https:\/\/localhost:3000\/assets\/([\w.-]+)/g)) expect(existsSync(join(repoRoot, "addin", "assets", file as string))).toBe(true);
  });
});
