import type { XlsxSheet } from "../xlsx/model.ts";
import { setCell } from "./form-sheet-frame.ts";
import { headerStyle, wrappedTextStyle } from "./workbook-styles.ts";

/** Where one child unit's rows of a parent's workbook came from: its revision, or the parent's clerk (revision null). */
export interface ChildSource {
  unitCode: string;
  unitName: string;
  revision: number | null;
  /** The revision's time as the province reads it (Beijing), "" without one. */
  submittedAt: string;
  /** 已报 / 通过 for a revision; without one 退回 (its latest was returned) or 未报 (never submitted), "" when not known. */
  statusZh: string;
  /** The unit's own revision whose typed rows for this child were carried over into the rebuilt workbook. */
  keptFromRevision?: number | undefined;
}

export const SOURCES_SHEET_NAME = "各县来源";
const HEADINGS = ["代码", "名称", "来源", "报送时间", "状态"];
const WIDTHS = [10, 16, 30, 22, 8];
/** Why a child's rows are the parent's clerk's to type, by its state. */
const notIncludedWhy: Record<string, string> = { 退回: "该县已退回，待其重报", 未报: "该县未报送" };

/**
 * The provenance of a workbook built from its children's revisions: one row per child, saying which
 * revision its rows came from (those rows are locked) or that the unit's own clerk types them (a
 * county not on the system yet, or one whose latest revision was returned; the rows typed in the
 * unit's latest revision are carried over). Read by people, not by
 * the reader: a submitted report's provenance is worked out again by the Worker.
 */
export function renderSourcesSheet(sources: readonly ChildSource[]): XlsxSheet {
  const sheet: XlsxSheet = { name: SOURCES_SHEET_NAME, cells: new Map(), columnWidths: Object.fromEntries(WIDTHS.map((width, col) => [col, width])) };
  HEADINGS.forEach((heading, col) => setCell(sheet, 0, col, { value: heading, style: headerStyle }));
  sources.forEach((source, index) => {
    const kept = source.keptFromRevision === undefined ? "" : `；沿用本市第 ${source.keptFromRevision} 版所填`;
    const from =
      source.revision === null
        ? `由市填报（${notIncludedWhy[source.statusZh] ?? "该县未报送或已退回"}${kept}）`
        : `该县第 ${source.revision} 版（锁定，不可改）`;
    [source.unitCode, source.unitName, from, source.submittedAt, source.statusZh].forEach((value, col) =>
      setCell(sheet, index + 1, col, { value, style: wrappedTextStyle }),
    );
  });
  return sheet;
}
