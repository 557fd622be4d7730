import type { Diff } from "../../shared/api/api-client.ts";
import type { FormSet } from "../../shared/forms/form-set.ts";
import { rowUnitOf } from "../../shared/units/reporting-tree.ts";
import type { Language } from "./i18n.ts";

type CellChange = Diff["changes"][number];

/**
 * A changed cell as a reader says it: "历下区 · 学前教育(人) 144 → 150", with the sheet and cell for
 * reference; labels from the form set of the report's edition (undefined: the field's code).
 */
export function changeText(change: CellChange, formSet: FormSet | undefined, language: Language): string {
  const zh = language === "zh";
  const field = formSet?.sheet(change.sheetCode)?.fields.find((candidate) => candidate.code === change.fieldCode);
  const county = rowUnitOf(change.rowKey);
  const label = field ? (zh ? field.labelZh : field.labelEn) : change.fieldCode;
  const unit = field ? (zh ? field.unitZh : field.unitEn) : undefined;
  const where = county ? (zh ? county.name : county.nameEn) : change.rowKey;
  const labelled = unit ? (zh ? `${label}\uff08${unit}\uff09` : `${label} (${unit})`) : label;
  const value = (cell: CellChange["before"]) => (cell === null || cell === "" ? "—" : String(cell));
  return `${[where, labelled].filter(Boolean).join(" · ")}${zh ? "\uff1a" : ": "}${value(change.before)} → ${value(change.after)}`;
}
