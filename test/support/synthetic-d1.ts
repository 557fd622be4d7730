import { createHash } from "node:crypto";
import { sqlString } from "../../cli/local-d1/sql-literal.ts";
import { currentFormSet } from "./current-form-set.ts";
import { reportingTree, reportingUnitOf } from "../../shared/units/reporting-tree.ts";
import { canonicalJson } from "../../shared/report/canonical-json.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import { reportValues } from "../../shared/report/report-values.ts";
import { dateToSerial } from "../../shared/values/excel-date.ts";
import { seededRandom } from "../../scripts/demo/seeded-random.ts";
import { validCountyValues } from "./sample-report.ts";

// A synthetic province of schools in a D1, filled by SQL (`wrangler d1 execute --local --file`):
// school i reports under county i mod 137 of Shandong's real counties as that county's revision
// ⌊i / 137⌋ + 1: the payload and the 55 stored values of a valid county report (its own row of each
// grid sheet, one 教扶06 row, the cover). Every school of a county stores the same report (the county's sample).
// Inserting the submissions fires migration 0008's triggers: each school is a consolidation change,
// folded (seen: a county's revision reaches the province through its prefecture's) on the next nudge.

/** The counties the schools report under, in the region table's order. */
export const schoolCounties: readonly string[] = reportingTree.root.children.flatMap((prefecture) => prefecture.children.map((county) => county.code));

/** Submission ids of the schools start here, far above the revisions the Worker stores (ids from 1). */
export const schoolIdBase = 100_000_000;

/** The token the schools' revisions are filed by (it cannot sign in: its secret is nobody's). */
export const schoolTokenId = "synthetic-schools";

/** A valid report of one county (its own rows, one 教扶06 row, the cover signed). */
export function sampleCountyReport(countyCode: string, options: { seed?: number; period?: string } = {}): ReportData {
  const period = options.period ?? "2019";
  const sheets: ReportData["sheets"] = {};
  for (const [sheetCode, values] of Object.entries(validCountyValues(seededRandom(options.seed ?? 1)))) sheets[sheetCode] = [{ key: countyCode, values }];
  sheets["教扶06"] = [
    {
      key: "",
      position: 0,
      values: { E06_UNIV: "大学1", E06_COUNTY: countyCode, E06_TOWN: "乡镇1", E06_PROJ: 2, E06_TEAM: 1, E06_CONSULT: 30, E06_TRAIN: 120 },
    },
  ];
  sheets["封面"] = [
    {
      key: countyCode,
      values: { C_HEAD: "王主任", C_STAT_HEAD: "李科长", C_FILLER: "张三", C_PHONE: "13800000000", C_DATE: dateToSerial(Number(period) + 1, 1, 10) },
    },
  ];
  return { edition: "323/2019", unitCode: countyCode, period, sheets, explanations: [] };
}

/** D1 refuses a statement over 100,000 bytes: rows inserted a few KB short of that per statement. */
const statementBytes = 90_000;

function insertsOf(table: string, rows: readonly string[]): string[] {
  const statements: string[] = [];
  let chunk: string[] = [];
  let bytes = 0;
  for (const row of rows) {
    const size = Buffer.byteLength(row) + 2;
    if (chunk.length > 0 && bytes + size > statementBytes) {
      statements.push(`INSERT INTO ${table} VALUES\n${chunk.join(",\n")};`);
      chunk = [];
      bytes = 0;
    }
    chunk.push(row);
    bytes += size;
  }
  if (chunk.length > 0) statements.push(`INSERT INTO ${table} VALUES\n${chunk.join(",\n")};`);
  return statements;
}

const sqlNumber = (value: number | null) => (value === null ? "NULL" : String(value));
const sqlText = (value: string | null) => (value === null ? "NULL" : sqlString(value));

/**
 * SQL that adds schools `from` … `from + count − 1` to a period (open, of edition 323/2019): their
 * submissions and submission values. Run in order (`from` 0, then where the last run stopped) the
 * schools of a county get revisions 1, 2, 3, …
 */
export function syntheticSchoolsSql({ period, from, count }: { period: string; from: number; count: number }): string {
  if (!Number.isInteger(from) || !Number.isInteger(count) || from < 0 || count < 1) throw new Error("schools: from ≥ 0 and count ≥ 1, integers");
  const countyRows: string[] = [];
  const templateRows = schoolCounties.flatMap((countyCode, index) => {
    const unit = reportingUnitOf(countyCode);
    if (!unit) throw new Error(`no reporting unit ${countyCode}`);
    const report = sampleCountyReport(countyCode, { seed: index + 1, period });
    const payload = canonicalJson(report);
    countyRows.push(`(${index}, ${sqlString(countyCode)}, ${sqlString(payload)}, '${createHash("sha256").update(payload).digest("hex")}')`);
    return reportValues(currentFormSet, unit, report).map(
      (value) =>
        `(${index}, ${sqlString(value.sheetCode)}, ${sqlString(value.rowKey)}, ${sqlString(value.fieldCode)}, ${sqlNumber(value.numberValue)}, ${sqlText(value.textValue)})`,
    );
  });
  const schools = `WITH RECURSIVE school (i) AS (SELECT ${from} UNION ALL SELECT i + 1 FROM school WHERE i < ${from + count - 1})`;
  const counties = schoolCounties.length;
  return [
    `-- Synthetic schools ${from} … ${from + count - 1} of period ${period} (test/support/synthetic-d1.ts).`,
    `INSERT OR IGNORE INTO tokens (id, token_sha256, role, unit_code, name) VALUES (${sqlString(schoolTokenId)}, '${"5c".repeat(32)}', 'clerk', ${sqlString(schoolCounties[0] as string)}, '合成学校');`,
    // Scratch tables of the counties' sample reports, dropped at the end.
    "CREATE TABLE IF NOT EXISTS synthetic_school_counties (county_index INTEGER PRIMARY KEY, county_code TEXT NOT NULL, payload TEXT NOT NULL, payload_sha256 TEXT NOT NULL);",
    "CREATE TABLE IF NOT EXISTS synthetic_school_values (county_index INTEGER NOT NULL, sheet_code TEXT NOT NULL, row_key TEXT NOT NULL, field_code TEXT NOT NULL, number_value INTEGER, text_value TEXT);",
    "DELETE FROM synthetic_school_counties;",
    "DELETE FROM synthetic_school_values;",
    ...insertsOf("synthetic_school_counties (county_index, county_code, payload, payload_sha256)", countyRows),
    ...insertsOf("synthetic_school_values (county_index, sheet_code, row_key, field_code, number_value, text_value)", templateRows),
    `${schools}
INSERT INTO submissions (id, period_code, unit_code, revision, edition_id, submitted_by, submitted_at, payload, payload_sha256, status, idempotency_key)
SELECT ${schoolIdBase} + i, ${sqlString(period)}, c.county_code, i / ${counties} + 1, '323/2019', ${sqlString(schoolTokenId)}, '${Number(period) + 1}-01-10T08:00:00.000Z',
  c.payload, c.payload_sha256, 'submitted', 'synthetic-school-' || i
FROM school JOIN synthetic_school_counties c ON c.county_index = i % ${counties};`,
    `${schools}
INSERT INTO submission_values (submission_id, sheet_code, row_key, field_code, number_value, text_value)
SELECT ${schoolIdBase} + i, v.sheet_code, v.row_key, v.field_code, v.number_value, v.text_value
FROM school JOIN synthetic_school_values v ON v.county_index = i % ${counties};`,
    "DROP TABLE synthetic_school_values;",
    "DROP TABLE synthetic_school_counties;",
    "",
  ].join("\n");
}
