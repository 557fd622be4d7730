// The add-in manifest validates against Microsoft's offline schemas (shared/schemas), and so does
// the production manifest that `npm run build` writes.
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXCEL_API_BASELINE } from "../../addin/excel/excel-api-baseline.ts";
import { afterAll, describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/repo-root.ts";
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

  it("requires the add-in's ExcelApi baseline at the top level, not inside VersionOverrides", () => {
    const [beforeOverrides] = source.split("<VersionOverrides");
    expect(beforeOverrides).toMatch(
      new RegExp(`<Requirements>\\s*<Sets DefaultMinVersion="${EXCEL_API_BASELINE}">\\s*<Set Name="ExcelApi" MinVersion="${EXCEL_API_BASELINE}"/>`),
    );
    expect(source.split("<VersionOverrides")[1]).not.toContain("<Requirements>");
  });

  it("is Chinese by default with English overrides, and every icon it names is committed", () => {
    expect(source).toContain("<DefaultLocale>zh-CN</DefaultLocale>");
    expect(source.match(/<bt:String id=/g)?.length).toBe(source.match(/<bt:Override Locale="en-US"/g)?.length);
    for (const [, file] of source.matchAll(/https:\/\/localhost:3000\/assets\/([\w.-]+)/g))
      expect(existsSync(join(repoRoot, "addin", "assets", file as string))).toBe(true);
  });

  it("names one origin: no other domain, the pane at /taskpane (the Worker's static assets serve it without a redirect)", () => {
    expect(source).not.toContain("<AppDomain");
    const origins = new Set([...source.matchAll(/DefaultValue="(https?:\/\/[^/"]+)/g)].map(([, origin]) => origin));
    expect(origins).toEqual(new Set(["https://localhost:3000"]));
    expect(source).toContain('<SourceLocation DefaultValue="https://localhost:3000/taskpane"/>');
  });

  describe("npm run build", () => {
    const out = mkdtempSync(join(tmpdir(), "tianbao-build-"));
    afterAll(() => rmSync(out, { recursive: true, force: true }));
    const build = () =>
      spawnSync("npx", ["tsx", "scripts/build-site.ts", "--origin", "https://tianbao.example.cn/", "--out", out], { cwd: repoRoot, encoding: "utf8" });

    it("writes the site with the production manifest naming the one origin, and a pane bundle without .xlsx code", { timeout: 60_000 }, () => {
      const result = build();
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      const manifest = readFileSync(join(out, "manifest.xml"), "utf8");
      expect(manifest).not.toContain("localhost");
      expect(manifest).not.toContain("127.0.0.1");
      expect(manifest).toContain('<SourceLocation DefaultValue="https://tianbao.example.cn/taskpane"/>');
      for (const file of ["index.html", "page.js", "taskpane.html", "taskpane.js", "taskpane.css", "assets/icon-80.png"])
        expect(existsSync(join(out, file))).toBe(true);
      // Deployed, the pane loads office.js from Microsoft's CDN, as Office requires.
      expect(readFileSync(join(out, "taskpane.html"), "utf8")).toContain("https://appsforoffice.microsoft.com/lib/1/hosted/office.js");
      // No map of the sources is deployed; the headers of every file and page are (Workers static assets read _headers).
      expect(readdirSync(out, { recursive: true }).filter((file) => String(file).endsWith(".map"))).toEqual([]);
      expect(readFileSync(join(out, "_headers"), "utf8")).toContain("X-Content-Type-Options: nosniff");
      if (xmllint) expect(validate(join(out, "manifest.xml")).status).toBe(0);
    });
  });
});
