import * as z from "zod/mini";
import { shandongDivisions2019Csv } from "./shandong-divisions-2019.ts";

export interface County {
  code: string;
  name: string;
  nameEn: string;
}

export interface Prefecture extends County {
  counties: County[];
}

export interface RegionTable {
  province: County;
  prefectures: Prefecture[];
  /** The prefecture with this code, or undefined. */
  prefecture(code: string): Prefecture | undefined;
  /** The prefecture a county belongs to, or undefined. */
  prefectureOfCounty(countyCode: string): Prefecture | undefined;
}

// zod/mini: the table loads in the task pane too, whose bundle should stay small.
const divisionRow = z.strictObject({
  code: z.string().check(z.regex(/^\d{6}$/)),
  name: z.string().check(z.minLength(1)),
  name_en: z.string().check(z.minLength(1)),
  level: z.enum(["province", "prefecture", "county"]),
  parent_code: z.string().check(z.regex(/^(\d{6})?$/)),
});

/** Parses the divisions CSV (no quoted fields in it) into a checked prefecture → counties table. */
export function parseRegionTable(csv: string): RegionTable {
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  const columns = (header ?? "").split(",");
  const rows = lines.map((line, index) => {
    const cells = line.split(",");
    const record = Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? ""]));
    const parsed = divisionRow.safeParse(record);
    if (!parsed.success) throw new Error(`行政区划表第 ${index + 2} 行无效 / divisions row ${index + 2} invalid: ${line}`);
    return parsed.data;
  });
  const province = rows.find((row) => row.level === "province");
  if (!province) throw new Error("行政区划表缺少省级行 / divisions table has no province row");
  const prefectures: Prefecture[] = rows
    .filter((row) => row.level === "prefecture" && row.parent_code === province.code)
    .map((row) => ({
      code: row.code,
      name: row.name,
      nameEn: row.name_en,
      counties: rows
        .filter((county) => county.level === "county" && county.parent_code === row.code)
        .map((county) => ({ code: county.code, name: county.name, nameEn: county.name_en })),
    }));
  const byCode = new Map(prefectures.map((prefecture) => [prefecture.code, prefecture]));
  const byCounty = new Map(prefectures.flatMap((prefecture) => prefecture.counties.map((county) => [county.code, prefecture] as const)));
  return {
    province: { code: province.code, name: province.name, nameEn: province.name_en },
    prefectures,
    prefecture: (code) => byCode.get(code),
    prefectureOfCounty: (countyCode) => byCounty.get(countyCode),
  };
}

export const regionTable: RegionTable = parseRegionTable(shandongDivisions2019Csv);
