import type { FormSet, LoadedSheet } from "../../shared/forms/form-set.ts";
import type { CellValue, ReportData, ReportRow } from "../../shared/report/report-data.ts";
import { unitNameOf } from "../../shared/units/reporting-tree.ts";
import { h } from "./dom.ts";
import type { PaneContext } from "./pane-context.ts";

/**
 * The form as submitted, for the reviewer who has no workbook open (a prefecture reviewing its
 * county): one collapsible table per sheet, its inputs labelled from the revision's edition. A grid
 * sheet reads down (one line per field, one column per row: a county's one row, a prefecture's
 * counties); a list sheet as its rows. Computed fields are the workbook's, not the clerk's: left out.
 */
export function reportFigures(context: PaneContext, report: ReportData, formSet: FormSet | undefined): HTMLElement | null {
  if (!formSet) return null;
  const { t } = context;
  const sheets = formSet.sheets.filter((sheet) => sheet.kind !== "cover" && (report.sheets[sheet.code]?.length ?? 0) > 0);
  return h(
    "section",
    { class: "report-figures", id: "report-figures", "aria-label": t("figuresHeading") },
    h("h3", {}, t("figuresHeading")),
    ...sheets.map((sheet, index) =>
      h(
        "details",
        { class: "figures-sheet", "data-sheet": sheet.code, open: index === 0 },
        h("summary", {}, context.language === "zh" ? sheet.name : `${sheet.code} ${sheet.definition.titleEn}`),
        h(
          "div",
          { class: "table-scroll" },
          sheet.kind === "grid" ? gridTable(context, sheet, report.sheets[sheet.code] ?? []) : listTable(context, sheet, report.sheets[sheet.code] ?? []),
        ),
      ),
    ),
  );
}

const inputsOf = (sheet: LoadedSheet) => sheet.fields.filter((field) => !field.formula);
const shown = (value: CellValue | undefined) => (value === null || value === undefined || value === "" ? "—" : String(value));

function fieldLabel(context: PaneContext, field: LoadedSheet["fields"][number]): string {
  const zh = context.language === "zh";
  const label = zh ? field.labelZh : field.labelEn;
  const unit = zh ? field.unitZh : field.unitEn;
  return unit ? `${label}${zh ? `（${unit}）` : ` (${unit})`}` : label;
}

function gridTable(context: PaneContext, sheet: LoadedSheet, rows: ReportRow[]): HTMLElement {
  return h(
    "table",
    { class: "figures" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, sheet.code), ...rows.map((row) => h("th", { scope: "col" }, unitNameOf(row.key, context.language))))),
    h(
      "tbody",
      {},
      ...inputsOf(sheet).map((field) =>
        h("tr", {}, h("th", { scope: "row" }, fieldLabel(context, field)), ...rows.map((row) => h("td", { class: "number" }, shown(row.values[field.code])))),
      ),
    ),
  );
}

function listTable(context: PaneContext, sheet: LoadedSheet, rows: ReportRow[]): HTMLElement {
  const fields = inputsOf(sheet);
  return h(
    "table",
    { class: "figures" },
    h("thead", {}, h("tr", {}, h("th", { scope: "col" }, "#"), ...fields.map((field) => h("th", { scope: "col" }, fieldLabel(context, field))))),
    h(
      "tbody",
      {},
      ...rows.map((row, index) =>
        h("tr", {}, h("th", { scope: "row" }, String(index + 1)), ...fields.map((field) => h("td", {}, shown(row.values[field.code])))),
      ),
    ),
  );
}
