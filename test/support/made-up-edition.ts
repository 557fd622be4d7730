// A made-up next edition, 323/2020, as a new engineer would add next year's forms: 2019's form set
// with one more field in 教扶04 (支教教师) and one rule about it. It lives here, in test support: no
// product code knows it, so a test that runs it through the template, the pane, the page, the CLI
// and the Worker shows that each of them takes its form set from the edition it is given.
import { formSet2019 } from "../../shared/forms/form-set-2019.ts";
import type { FormSetData } from "../../shared/forms/form-schema.ts";
import { formSetOf, loadFormSet } from "../../shared/forms/form-set.ts";
import type { FormSetLookup } from "../../shared/forms/form-set.ts";
import type { ReportingUnit } from "../../shared/units/unit-tree.ts";
import type { ReportData } from "../../shared/report/report-data.ts";
import { sampleReport } from "./sample-report.ts";

export const madeUpEdition = "323/2020";
/** The new field: 支教教师 (persons), in 教扶04. */
export const aidTeachersField = "E04_AID_TEACH";
/** The new rule: 支教教师 may not exceed the teachers exchanged from town to rural schools. */
export const aidTeachersRule = "R04.3";

export const madeUpEditionData: FormSetData = {
  ...formSet2019,
  edition: madeUpEdition,
  documentNumber: "鲁教统字〔2020〕323号",
  validUntil: "2021-12-31",
  sheets: formSet2019.sheets.map((sheet) =>
    sheet.code !== "教扶04"
      ? sheet
      : {
          ...sheet,
          fields: [
            ...sheet.fields,
            {
              code: aidTeachersField,
              labelZh: "支教教师",
              labelEn: "Teachers on aid postings",
              type: "int",
              max: 1_000_000,
              aggregation: "sum",
              unitZh: "人",
              unitEn: "persons",
            },
          ],
          rules: [
            ...sheet.rules,
            {
              id: aidTeachersRule,
              severity: "error",
              titleZh: "支教教师不得大于交流教师",
              titleEn: "Teachers on aid postings cannot exceed exchanged teachers",
              checks: [`${aidTeachersField} <= E04_EXCH`],
            },
          ],
        },
  ),
};

export const madeUpFormSet = loadFormSet(madeUpEditionData);

/** The built-in editions and the made-up one: what a test hands the pane, the page and the CLI. */
export const withMadeUpEdition: FormSetLookup = (edition) => (edition === madeUpEdition ? madeUpFormSet : formSetOf(edition));

/** A prefecture's sample report in the made-up edition for 2020: each county's 支教教师 is its exchanged teachers less `short` (at least 0). */
export function madeUpSampleReport(prefecture: ReportingUnit, short = 1): ReportData {
  const report = sampleReport(prefecture, { period: "2020" });
  for (const row of report.sheets["教扶04"] ?? []) row.values[aidTeachersField] = Math.max(0, Number(row.values.E04_EXCH) - short);
  return { ...report, edition: madeUpEdition };
}
