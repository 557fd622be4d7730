// LibreOffice (headless) for interoperability tests: opens a written workbook and converts it, to
// check that another spreadsheet program reads it as intended. Tests skip with a loud warning
// when LibreOffice is not installed locally; on CI (CI=true) a missing LibreOffice fails them.
import { spawnSync } from "node:child_process";
import { join } from "node:path";

function findSoffice(): string | undefined {
  for (const bin of ["soffice", "libreoffice"]) {
    const found = spawnSync("sh", ["-c", `command -v ${bin}`], { encoding: "utf8" });
    if (found.status === 0 && found.stdout.trim()) return found.stdout.trim();
  }
  return undefined;
}

const soffice = findSoffice();
const onCI = process.env.CI === "true";

/** True when the LibreOffice tests must be skipped (not installed, not on CI); warns loudly, naming the tests. */
export function skipWithoutLibreOffice(what: string): boolean {
  if (soffice || onCI) return false;
  console.warn(
    "\n" +
      "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n" +
      `!! WARNING: LibreOffice (soffice) is not on PATH: ${what} is SKIPPED.\n` +
      "!! Install it (apt-get install libreoffice-calc-nogui) to run it.\n" +
      "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!\n",
  );
  return true;
}

/** comma, double quote, UTF-8, from line 1, raw values (not as shown), sheet -1 = every sheet to its own file <name>-<sheet>.csv (LibreOffice 7.2+). */
export const CSV_EVERY_SHEET = "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1";
export const XLSX_RESAVE = "xlsx:Calc MS Excel 2007 XML";

/** Converts dir/<input> (or several files in one run) with LibreOffice into dir/<outDir>; returns the process result (status 0 on success). */
export function convertWithLibreOffice(dir: string, input: string | string[], filter: string, outDir: string): { status: number | null; stderr: string } {
  if (!soffice) throw new Error("CI=true but LibreOffice (soffice) is not on PATH: install libreoffice-calc-nogui");
  return spawnSync(
    soffice,
    [
      `-env:UserInstallation=file://${join(dir, "profile")}`, // own profile: no clash with a running instance
      "--headless",
      "--convert-to",
      filter,
      "--outdir",
      join(dir, outDir),
      ...[input].flat().map((file) => join(dir, file)),
    ],
    { encoding: "utf8", timeout: 110_000 },
  );
}

/** Minimal RFC 4180 parser: quoted fields may hold commas, quotes ("") and line breaks. */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') (field += '"'), i++;
      else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ",") row.push(field), (field = "");
    else if (ch === "\n") row.push(field), rows.push(row), (row = []), (field = "");
    else if (ch !== "\r") field += ch;
  }
  if (field || row.length) row.push(field), rows.push(row);
  return rows;
}
