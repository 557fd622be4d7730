import * as z from "zod/mini";
import type { UnitRecord } from "./unit-tree.ts";

// zod/mini: the divisions load in the task pane too, whose bundle should stay small.
const divisionRow = z.strictObject({
  code: z.string().check(z.regex(/^\d{6}$/)),
  name: z.string().check(z.minLength(1)),
  name_en: z.string().check(z.minLength(1)),
  level: z.string().check(z.minLength(1)),
  parent_code: z.string().check(z.regex(/^(\d{6})?$/)),
});

/**
 * The divisions CSV (GB/T 2260; no quoted fields in it) as unit records, each row checked; the
 * tree built from them (shared/units/unit-tree.ts) checks that levels and parents fit.
 */
export function parseDivisions(csv: string): UnitRecord[] {
  const [header, ...lines] = csv.trim().split(/\r?\n/);
  const columns = (header ?? "").split(",");
  return lines.map((line, index) => {
    const cells = line.split(",");
    const record = Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? ""]));
    const parsed = divisionRow.safeParse(record);
    if (!parsed.success) throw new Error(`行政区划表第 ${index + 2} 行无效 / divisions row ${index + 2} invalid: ${line}`);
    const row = parsed.data;
    return { code: row.code, name: row.name, nameEn: row.name_en, level: row.level, parentCode: row.parent_code };
  });
}
