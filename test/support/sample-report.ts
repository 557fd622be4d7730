import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import type { CellValue, ReportData, ReportRow } from "../../shared/report/report-data.ts";
import { dateToSerial } from "../../shared/values/excel-date.ts";
import { seededRandom } from "../../scripts/demo/seeded-random.ts";

/** Values of one county that satisfy every rule of the 2019 edition (no errors, no warnings). */
export function validCountyValues(random: () => number): Record<string, Record<string, CellValue>> {
  const int = (low: number, high: number) => low + Math.floor(random() * (high - low + 1));
  const money = (low: number, high: number) => int(low * 100, high * 100) / 100;
  const e01 = { E01_PRE: int(50, 200), E01_CMP: int(500, 1500), E01_GHS: int(50, 200), E01_SVE: int(30, 150), E01_HED: int(100, 300) };
  const total = Object.values(e01).reduce((sum, value) => sum + value, 0);
  const invPlan = money(500, 2000);
  const eqpPlan = money(100, 500);
  const bldPlan = int(5000, 20000);
  const fldPlan = int(8000, 30000);
  const kgPlan = int(5, 20);
  const exchanged = int(100, 400);
  const keySchools = int(10, 40);
  const aidPersons = total + int(0, 2000);
  const notHighSchool = int(200, 800);
  const gaokao = int(50, 200);
  const disabled = int(20, 60);
  const placed = int(10, disabled);
  const suspected = int(0, 10);
  return {
    教扶01: e01,
    教扶02: {
      E02_INV_PLAN: invPlan,
      E02_INV_DONE: Math.round(invPlan * (1 + random() * 0.4) * 100) / 100,
      E02_BLD_PLAN: bldPlan,
      E02_BLD_DONE: Math.round(bldPlan * (1 + random() * 0.4)),
      E02_FLD_PLAN: fldPlan,
      E02_FLD_DONE: Math.round(fldPlan * (1 + random() * 0.4)),
      E02_EQP_PLAN: eqpPlan,
      E02_EQP_DONE: Math.round(eqpPlan * (1 + random() * 0.4) * 100) / 100,
      E02_SCH: int(1, 10),
    },
    教扶03: { E03_KG_PLAN: kgPlan, E03_KG_DONE: kgPlan + int(0, Math.floor(kgPlan * 0.4)) },
    教扶04: {
      E04_NEW_RURAL: int(100, 500),
      E04_EXCH: exchanged,
      E04_PRIN: int(0, Math.floor(exchanged / 10)),
      E04_TRAIN_KEY: int(100, 500),
      E04_VOL: int(5, 30),
      E04_SEND: int(50, 300),
      E04_TRAINED: int(50, 200),
    },
    教扶05: { E05_KEY_SCH: keySchools, E05_COVERED: keySchools, E05_PAIRS: keySchools + int(0, 10) },
    教扶07: { E07_AID_PERSONS: aidPersons, E07_AID_AMOUNT: Math.round((aidPersons * int(1000, 2000)) / 100) / 100 },
    教扶08: {
      E08_SUSPECT: suspected,
      E08_RETURNED: suspected,
      E08_DISABLED: disabled,
      E08_DIS_PLACED: placed,
      E08_HOME_TEACH: int(0, placed),
      E08_CARE_ROOMS: int(0, keySchools),
    },
    教扶09: {
      E09_RURAL_NOT_HS: notHighSchool,
      E09_TO_SVE: Math.ceil(notHighSchool * 0.92) + int(0, Math.floor(notHighSchool * 0.05)),
      E09_GAOKAO: gaokao,
      E09_ADMITTED: gaokao,
      E09_FREE_NORMAL: int(20, 80),
      E09_FREE_MED: int(5, 20),
      E09_FREE_AGRI: int(0, 5),
    },
  };
}

/** A complete, valid report for a prefecture: every county filled, a few 教扶06 rows, the cover signed. */
export function sampleReport(prefecture: ReportingUnit, options: { seed?: number; period?: string; listRows?: number } = {}): ReportData {
  const random = seededRandom(options.seed ?? 1);
  const period = options.period ?? "2019";
  const sheets: Record<string, ReportRow[]> = {};
  for (const county of prefecture.children) {
    for (const [sheetCode, values] of Object.entries(validCountyValues(random))) {
      (sheets[sheetCode] ??= []).push({ key: county.code, values });
    }
  }
  const listRows = options.listRows ?? 3;
  sheets["教扶06"] = Array.from({ length: listRows }, (_, position) => {
    const county = prefecture.children[position % prefecture.children.length] as { code: string };
    return {
      key: "",
      position,
      values: {
        E06_UNIV: `大学${position % 7}`,
        E06_COUNTY: county.code,
        E06_TOWN: `乡镇${position}`,
        E06_PROJ: 2,
        E06_TEAM: 1,
        E06_CONSULT: 30,
        E06_TRAIN: 120,
      },
    };
  });
  sheets["封面"] = [
    {
      key: prefecture.code,
      values: { C_HEAD: "王主任", C_STAT_HEAD: "李科长", C_FILLER: "张三", C_PHONE: "13800000000", C_DATE: dateToSerial(Number(period) + 1, 1, 15) },
    },
  ];
  return { edition: "323/2019", unitCode: prefecture.code, period, sheets, explanations: [] };
}

/** The prefecture's sample report with exactly these 教扶06 rows: [university, county code, township], each with small figures. */
export function sampleReportWithListRows(prefecture: ReportingUnit, rows: readonly [string, string, string][]): ReportData {
  const report = sampleReport(prefecture, { listRows: 0 });
  report.sheets["教扶06"] = rows.map(([university, county, town], position) => ({
    key: "",
    position,
    values: { E06_UNIV: university, E06_COUNTY: county, E06_TOWN: town, E06_PROJ: 1, E06_TEAM: 1, E06_CONSULT: 1, E06_TRAIN: 1 },
  }));
  return report;
}

/** A copy of a report with one value changed. */
export function withValue(report: ReportData, sheetCode: string, rowKey: string | number, fieldCode: string, value: CellValue): ReportData {
  const copy = structuredClone(report);
  const rows = copy.sheets[sheetCode] ?? [];
  const row = typeof rowKey === "number" ? rows.find((candidate) => candidate.position === rowKey) : rows.find((candidate) => candidate.key === rowKey);
  if (!row) throw new Error(`no row ${rowKey} on ${sheetCode}`);
  row.values[fieldCode] = value;
  return copy;
}
