import { analyseWarnings } from "../quality/warning-analysis.ts";
import type { AnalysedUnit, AnalysedWarning, WarningAnalysis } from "../quality/warning-analysis.ts";
import { renderWarningAnalysisSheet } from "./warning-analysis-sheet.ts";
import { explanationReasonLabel } from "../report/explanation-reasons.ts";
import type { ExplanationReason } from "../report/explanation-reasons.ts";
import type { ConsolidatedReport } from "../consolidate/consolidate.ts";
import type { FormSet } from "../forms/form-set.ts";
import { excelReferencesFor } from "../layout/excel-references.ts";
import { provinceGridRows, workbookLayout } from "../layout/workbook-layout.ts";
import type { GridRow, SheetLayout, WorkbookLayout } from "../layout/workbook-layout.ts";
import type { UnitTree } from "../units/unit-tree.ts";
import { renderExcelComputedFormula } from "../rules/excel-formula.ts";
import type { XlsxCell, XlsxSheet, XlsxStyle, XlsxWorkbook } from "../xlsx/model.ts";
import { writeXlsx } from "../xlsx/write-xlsx.ts";
import { engineValuesOf } from "../consolidate/engine-values.ts";
import type { EngineValues } from "../consolidate/engine-values.ts";
import { formSheetFrame, planFormPages, ruleNoteLines, setCell, tablePrint } from "./form-sheet-frame.ts";
import { planPrintPages } from "./print-pages.ts";
import { renderMetaSheet } from "./meta-sheet.ts";
import {
  WORKBOOK_FONT,
  computedStyle,
  headerStyle,
  keyStyle,
  nameStyle,
  notAcceptedStyle,
  referencedStyle,
  totalNameStyle,
  wrappedTextStyle,
} from "./workbook-styles.ts";

/** One prefecture's line on the 汇总状态 sheet: which revision the consolidation includes and what was said about its warnings. */
export interface ConsolidationStatusRow {
  unitCode: string;
  unitName: string;
  /** The included revision; null when the prefecture has none (not in the totals). */
  revision: number | null;
  /** The prefecture's state now (未报 / 已报 / 退回 / 通过 / 逾期, as the review workflow names it), whichever revision is included. */
  statusZh: string;
  /** Whether the included revision has been accepted; totals that include unaccepted revisions are provisional. */
  accepted: boolean;
  submittedBy: string;
  /** When the included revision came, as shown (Beijing time). */
  submittedAt: string;
  /** SHA-256 of the included revision's current signed and stamped copy (盖章件); null when none is attached. */
  stampedCopySha256: string | null;
  /**
   * Each explained warning: its rule, cell and message (as the engine said it when the revision came)
   * and the explanation; the row key says whose warning it answered: a county's row, or the prefecture's own.
   */
  explanations: { ruleId: string; address: string; message: string; text: string; rowKey?: string; reason?: ExplanationReason | undefined }[];
  /**
   * The drill-down below the included revision (its provenance's `sources`): the county revision
   * behind each county's rows, or null where the prefecture typed them; absent when not known.
   */
  sources?: readonly { unitCode: string; revision: number | null }[] | null | undefined;
}

/** One unit's line on 核准比对: the rosters compared with the poverty office's list (issue 29), counts only. */
export interface ComparisonRow {
  unitCode: string;
  unitName: string;
  /** By stage, in ROSTER_STAGES order: verified (核准) and 教扶01 as reported (null: none). */
  stages: readonly { stage: string; verified: number; reported: number | null }[];
  roster: number;
  list: number;
  verified: number;
  rosterOnly: number;
  /** Of rosterOnly, those the county explained (X10.3). */
  rosterOnlyExplained: number;
  listOnly: number;
  coverage: number | null;
}

export interface ConsolidatedWorkbookInput {
  formSet: FormSet;
  /** The reporting tree: its root is the consolidated unit (山东省), its children the units consolidated. */
  tree: UnitTree;
  consolidated: ConsolidatedReport;
  status: ConsolidationStatusRow[];
  /** 核准比对, once the period has a poverty list: the province, then each prefecture followed by its counties. */
  comparison?:
    | { province: ComparisonRow; prefectures: readonly ComparisonRow[]; counties: readonly (ComparisonRow & { prefectureCode: string })[] }
    | undefined;
}

export const STATUS_SHEET_NAME = "汇总状态";
export const EXPLANATIONS_SHEET_NAME = "预警说明";
export const COUNTY_SOURCES_SHEET_NAME = "各县来源";
export const COMPARISON_SHEET_NAME = "核准比对";

const DISTINCT_COUNT_NOTE = "注:高校数、对口乡镇数为去重计数(同一高校在多个市只计一次),由系统根据各市明细计算后写入数值,不能由各市数据相加得到。";

/**
 * The province workbook: one sheet per form with the province row (370000), each prefecture row
 * and, one outline level down, its county rows (collapsed, so that the form prints as the province
 * and prefecture rows; the outline buttons open the detail). ReportingUnit and province rows are SUBTOTAL(9, …) formulas over their parts with the
 * consolidated values as cached values, so Excel's recalculation can be checked against the
 * engine; ratios are recomputed by formula on every row. Then 汇总状态 and the hidden _meta.
 */
export function renderConsolidatedWorkbook(input: ConsolidatedWorkbookInput): Uint8Array {
  return writeXlsx(consolidatedWorkbook(input));
}

/** The workbook model renderConsolidatedWorkbook writes. */
export function consolidatedWorkbook(input: ConsolidatedWorkbookInput): XlsxWorkbook {
  const { formSet, tree, consolidated } = input;
  const layout = workbookLayout(formSet, tree.root, consolidated.period, provinceGridRows(tree.root), { consolidated: true });
  const engine = engineValuesOf(consolidated);
  const missing = new Set(consolidated.missingPrefectures);
  const coverage = coverageLine(input.status);
  const analysis = warningAnalysisOf(input.status, tree);
  const formSheets = layout.sheets
    .filter((sheetLayout) => sheetLayout.sheet.kind !== "cover")
    .map((sheetLayout) => renderConsolidatedSheet(formSet, tree, layout, sheetLayout, engine, missing, coverage));
  // 汇总状态 first: what the totals include is read before the totals.
  return {
    sheets: [
      renderStatusSheet(input.status, tree),
      ...formSheets,
      renderExplanationsSheet(input.status, tree),
      // Only when some included revision explained a warning (no empty page to print).
      ...(analysis.total > 0 ? [renderWarningAnalysisSheet(analysis)] : []),
      // Only when some prefecture's revision was built from its counties' (before counties report, no empty page to print).
      ...(input.status.some((entry) => entry.revision !== null && entry.sources) ? [renderCountySourcesSheet(input.status, tree)] : []),
      ...(input.comparison ? [renderComparisonSheet(input.comparison)] : []),
      renderMetaSheet(layout),
    ],
    font: WORKBOOK_FONT,
  };
}

/**
 * The explained warnings of the included revisions, counted (预警分析): each prefecture's revision
 * carries its counties' rows, so a warning counts for the county whose row it is, else the prefecture.
 */
export function warningAnalysisOf(status: readonly ConsolidationStatusRow[], tree: UnitTree): WarningAnalysis {
  const units = new Map<string, AnalysedUnit & { warnings: AnalysedWarning[] }>();
  for (const entry of status)
    for (const explanation of entry.explanations) {
      const rowUnit = tree.unit(explanation.rowKey?.split("|")[0] ?? "");
      const unit = rowUnit && rowUnit.code !== tree.root.code ? rowUnit : { code: entry.unitCode, name: entry.unitName };
      const name = unit.code === entry.unitCode ? entry.unitName : `${entry.unitName}${unit.name.replace(entry.unitName, "")}`;
      const analysed = units.get(unit.code) ?? units.set(unit.code, { unitCode: unit.code, unitName: name, warnings: [] }).get(unit.code)!;
      analysed.warnings.push({ ruleId: explanation.ruleId, message: explanation.message, reason: explanation.reason });
    }
  return analyseWarnings([...units.values()]);
}

/**
 * The line on every form sheet saying what 山东省合计 is made of: the prefectures left out, and the
 * included revisions not yet accepted (暂定数: the totals may still change).
 */
export function coverageLine(status: ConsolidationStatusRow[]): string {
  const leftOut = status.filter((entry) => entry.revision === null);
  const provisional = status.filter((entry) => entry.revision !== null && !entry.accepted);
  if (leftOut.length === 0 && provisional.length === 0) return `注:山东省合计含全部 ${status.length} 个市,所含版本均已审核通过。`;
  const parts = [
    leftOut.length > 0 ? `未含 ${leftOut.map((entry) => `${entry.unitName}(${entry.statusZh})`).join("、")}` : "",
    provisional.length > 0 ? `所含 ${provisional.map((entry) => `${entry.unitName}第 ${entry.revision} 版`).join("、")} 尚未审核通过,合计为暂定数` : "",
  ].filter(Boolean);
  return `注:山东省合计${parts.join(";")}。详见“${STATUS_SHEET_NAME}”。`;
}

function renderConsolidatedSheet(
  formSet: FormSet,
  tree: UnitTree,
  layout: WorkbookLayout,
  sheetLayout: SheetLayout,
  engine: EngineValues,
  missing: Set<string>,
  coverage: string,
): XlsxSheet {
  const sheet = sheetLayout.sheet;
  const isList = sheet.kind === "list";
  const columns = isList
    ? (sheet.definition.consolidatedFields ?? []).map((field) => ({ ...field, numeric: true, type: "int" as const, distinct: Boolean(field.distinctOf) }))
    : sheet.fields.map((field) => ({ ...field, numeric: true, distinct: false }));
  const xlsxSheet = formSheetFrame(
    formSet,
    layout,
    sheetLayout,
    columns,
    [coverage, ...(isList ? [DISTINCT_COUNT_NOTE] : ruleNoteLines(formSet, sheet))],
    "blank",
  );
  xlsxSheet.rowOutlineLevels = {};
  xlsxSheet.collapsedRows = [];
  const computedExpressions = new Map(sheet.computed.map(({ field, expression }) => [field.code, expression]));
  const rows = sheetLayout.rows;
  // Each prefecture's county rows, gathered once: looking them up per row would scan every row per row.
  const countyRowsOf = new Map<string, GridRow[]>();
  for (const row of rows) {
    const unitCode = row.kind === "county" ? tree.unit(row.key)?.parent?.code : undefined;
    if (unitCode === undefined) continue;
    const counties = countyRowsOf.get(unitCode);
    if (counties) counties.push(row);
    else countyRowsOf.set(unitCode, [row]);
  }
  const countiesOf = (unitCode: string) => countyRowsOf.get(unitCode) ?? [];
  const belowProvince = rows.filter((row) => row.kind !== "province");
  const prefectureOf = (row: GridRow) => (row.kind === "prefecture" ? row.key : row.kind === "county" ? tree.unit(row.key)?.parent?.code : undefined);

  for (const row of rows) {
    const rowIndex = sheetLayout.rowOf(row.key) as number;
    // The county detail is grouped and collapsed: it prints as the province and prefecture rows; the outline buttons open it.
    if (row.outlineLevel > 0) {
      xlsxSheet.rowOutlineLevels[rowIndex] = row.outlineLevel;
      xlsxSheet.hiddenRows!.push(rowIndex);
    }
    if (row.kind === "prefecture" && countiesOf(row.key).length > 0) xlsxSheet.collapsedRows.push(rowIndex);
    setCell(xlsxSheet, rowIndex, sheetLayout.keyColumn as number, { value: row.key, style: keyStyle });
    setCell(xlsxSheet, rowIndex, sheetLayout.nameColumn as number, { value: row.name, style: row.kind === "county" ? nameStyle : totalNameStyle });
    const unitCode = prefectureOf(row);
    const included = unitCode === undefined || !missing.has(unitCode);
    const values = engine.get(sheet.code)?.get(row.key);
    const counties = row.kind === "prefecture" ? countiesOf(row.key) : [];
    const cellOf = (column: (typeof columns)[number]): XlsxCell => {
      const cached = values?.[column.code] ?? null;
      if (!included) return { value: null, style: referencedStyle(column.type) };
      const expression = computedExpressions.get(column.code);
      if (expression) {
        const formula = renderExcelComputedFormula(expression, excelReferencesFor(layout, sheet.code, row.key));
        return { ...(formula === undefined ? {} : { formula }), value: cached ?? "", style: computedStyle(column.type) };
      }
      // Excel cannot recount distinct keys from the rows: the engine's count is written as a value.
      if (column.distinct) return { value: cached, style: referencedStyle(column.type) };
      // SUBTOTAL(9, …) over one contiguous range: it skips the SUBTOTAL cells inside it, so the
      // province sums every row below it, the prefectures' totals skipped and their counties
      // counted, with one argument at any number of units (a SUM of one cell per prefecture
      // would break Excel's 255-argument limit at 256 prefectures).
      const parts = row.kind === "province" ? belowProvince : counties;
      if (parts.length === 0) return { value: cached, style: referencedStyle(column.type) };
      const formula = `SUBTOTAL(9,${sheetLayout.cellOf(parts[0]!.key, column.code)}:${sheetLayout.cellOf(parts[parts.length - 1]!.key, column.code)})`;
      return { formula, value: cached, style: computedStyle(column.type) };
    };
    for (const column of columns) xlsxSheet.cells.set(sheetLayout.cellOf(row.key, column.code) as string, cellOf(column));
  }
  planFormPages(xlsxSheet, sheetLayout);
  return xlsxSheet;
}

/** A table sheet of the province workbook: a header row, then one row per entry, the code column kept as text, and a note a row below. */
function tableSheet(
  name: string,
  columns: readonly { heading: string; width: number }[],
  rows: { cells: (string | number)[]; style: XlsxStyle }[],
  note?: string,
): XlsxSheet {
  const sheet: XlsxSheet = {
    name,
    cells: new Map(),
    columnWidths: Object.fromEntries(columns.map((column, index) => [index, column.width])),
    freeze: { row: 1, col: 2 },
    print: tablePrint(name),
  };
  columns.forEach((column, col) => setCell(sheet, 0, col, { value: column.heading, style: headerStyle }));
  rows.forEach(({ cells, style }, index) =>
    cells.forEach((value, col) => setCell(sheet, index + 1, col, { value, style: col === 0 ? { ...style, numberFormat: "@" } : style })),
  );
  if (note) setCell(sheet, rows.length + 2, 0, { value: note });
  planPrintPages(sheet, WORKBOOK_FONT.size, { first: 1, last: rows.length });
  return sheet;
}

const STATUS_COLUMNS = [
  { heading: "代码", width: 10 },
  { heading: "地市", width: 12 },
  { heading: "纳入版本", width: 10 },
  { heading: "状态", width: 10 },
  { heading: "提交人", width: 12 },
  { heading: "提交时间", width: 18 },
  // 64 hex digits wrap onto two lines: a narrower sheet prints larger.
  { heading: "盖章件 SHA-256", width: 36 },
  { heading: "预警说明(条)", width: 12 },
  { heading: "备注", width: 36 },
  { heading: "各县来源", width: 30 },
] as const;

/** A county's name, or its code when the region table has no such county. */
const countyNameOf = (tree: UnitTree, code: string) => tree.unit(code)?.name ?? code;

/** One prefecture's counties as 各县来源 tells them: how many came from their own revision, which the prefecture typed. */
function countySourcesSummary(entry: ConsolidationStatusRow, tree: UnitTree): string {
  if (entry.revision === null) return "";
  if (!entry.sources) return "由市填报(该版不是由各县合成) / typed by the prefecture";
  const typed = entry.sources.filter((source) => source.revision === null);
  const fromCounties = entry.sources.length - typed.length;
  return typed.length === 0
    ? `${fromCounties} 个县均来自其报送版本`
    : `${fromCounties} 个县来自其报送版本;由市填报:${typed.map((source) => countyNameOf(tree, source.unitCode)).join("、")}`;
}

/**
 * 汇总状态: per prefecture the included revision, its review status, who submitted it when, how
 * many warnings it explained (listed on 预警说明), and where its county rows came from (各县来源).
 */
function renderStatusSheet(status: ConsolidationStatusRow[], tree: UnitTree): XlsxSheet {
  const rows = status.map((entry) => {
    const remark =
      entry.revision === null
        ? entry.statusZh === "退回"
          ? "已退回,重报前未纳入汇总 / returned: not in the totals until resubmitted"
          : "未报送,未纳入汇总 / no submission, not in the totals"
        : !entry.accepted
          ? "纳入的版本尚未审核通过,汇总数为暂定 / the included revision is not yet accepted: totals are provisional"
          : entry.statusZh === "退回" || entry.statusZh === "已报"
            ? "纳入的是已通过的版本;之后另有新版本 / the accepted revision is included; a newer one exists"
            : "";
    const style = entry.revision !== null && entry.accepted ? wrappedTextStyle : notAcceptedStyle;
    return {
      cells: [
        entry.unitCode,
        entry.unitName,
        entry.revision ?? "",
        entry.statusZh,
        entry.submittedBy,
        entry.submittedAt,
        entry.revision === null ? "" : (entry.stampedCopySha256 ?? "未盖章"),
        entry.explanations.length,
        remark,
        countySourcesSummary(entry, tree),
      ],
      style,
    };
  });
  return tableSheet(STATUS_SHEET_NAME, STATUS_COLUMNS, rows, DISTINCT_COUNT_NOTE);
}

const EXPLANATION_COLUMNS = [
  { heading: "代码", width: 8 },
  { heading: "地市", width: 10 },
  { heading: "纳入版本", width: 8 },
  { heading: "说明单位", width: 18 },
  { heading: "规则", width: 8 },
  { heading: "单元格", width: 12 },
  { heading: "预警", width: 50 },
  { heading: "说明", width: 40 },
  { heading: "原因", width: 12 },
] as const;

/**
 * Who wrote an explanation of a prefecture's revision: the county whose row it is when that row came
 * from the county's own revision (its code is the row key, or, on 教扶06, one part of it), else the
 * prefecture — its own rows, and the rows it typed for a county.
 */
function explanationAuthor(entry: ConsolidationStatusRow, rowKey: string | undefined, tree: UnitTree): string {
  const fromCounty = (entry.sources ?? []).find(
    (source) => source.revision !== null && rowKey !== undefined && (rowKey === source.unitCode || rowKey.split("|").includes(source.unitCode)),
  );
  return fromCounty ? `${countyNameOf(tree, fromCounty.unitCode)}(第 ${fromCounty.revision} 版)` : entry.unitName;
}

/**
 * 预警说明: one row per explanation of an included revision: the warning (rule, cell, message), the
 * unit that wrote the explanation (a county of the prefecture, or the prefecture) and what it says. A row each, never joined into one cell: a prefecture may
 * explain many warnings at length, and a cell holds at most 32,767 characters.
 */
function renderExplanationsSheet(status: ConsolidationStatusRow[], tree: UnitTree): XlsxSheet {
  const rows = status.flatMap((entry) =>
    entry.explanations.map((explanation) => ({
      cells: [
        entry.unitCode,
        entry.unitName,
        entry.revision ?? "",
        explanationAuthor(entry, explanation.rowKey, tree),
        explanation.ruleId,
        explanation.address,
        explanation.message,
        explanation.text,
        explanation.reason ? explanationReasonLabel(explanation.reason).zh : "",
      ],
      style: wrappedTextStyle,
    })),
  );
  return tableSheet(EXPLANATIONS_SHEET_NAME, EXPLANATION_COLUMNS, rows);
}

const COUNTY_SOURCE_COLUMNS = [
  { heading: "地市代码", width: 10 },
  { heading: "地市", width: 12 },
  { heading: "地市版本", width: 10 },
  { heading: "县代码", width: 10 },
  { heading: "县(市、区)", width: 14 },
  { heading: "县级版本", width: 10 },
  { heading: "来源", width: 36 },
] as const;

/** 各县来源: for each included prefecture revision, the county revision behind each county's rows, or that the prefecture typed them. */
function renderCountySourcesSheet(status: ConsolidationStatusRow[], tree: UnitTree): XlsxSheet {
  const rows = status.flatMap((entry) =>
    entry.revision === null
      ? []
      : (entry.sources ?? []).map((source) => ({
          cells: [
            entry.unitCode,
            entry.unitName,
            entry.revision ?? "",
            source.unitCode,
            countyNameOf(tree, source.unitCode),
            source.revision ?? "",
            source.revision === null ? "由市填报(该县未报送、已退回或市里改动过)" : `该县第 ${source.revision} 版`,
          ],
          style: source.revision === null ? notAcceptedStyle : wrappedTextStyle,
        })),
  );
  return tableSheet(COUNTY_SOURCES_SHEET_NAME, COUNTY_SOURCE_COLUMNS, rows);
}

/**
 * 核准比对: per unit the verified count (in a roster and in the poverty office's list) of each stage
 * beside 教扶01 as reported, the rosters' and the list's counts, the two differences and the share of
 * the list verified. Counts only: no student is named in the province workbook.
 */
function renderComparisonSheet(comparison: NonNullable<ConsolidatedWorkbookInput["comparison"]>): XlsxSheet {
  const stages = comparison.province.stages.map((stage) => stage.stage);
  const columns = [
    { heading: "代码", width: 10 },
    { heading: "单位", width: 16 },
    ...stages.flatMap((stage) => [
      { heading: `${stage}核准`, width: 10 },
      { heading: `${stage}(教扶01)`, width: 10 },
    ]),
    { heading: "名册人数", width: 10 },
    { heading: "名单人数", width: 10 },
    { heading: "核准人数", width: 10 },
    { heading: "名册有、库无", width: 10 },
    { heading: "其中已说明", width: 10 },
    { heading: "库有、名册无", width: 10 },
    { heading: "核准率", width: 8 },
  ];
  const line = (row: ComparisonRow, indent: string, style: XlsxStyle) => ({
    cells: [
      row.unitCode,
      `${indent}${row.unitName}`,
      ...row.stages.flatMap((stage) => [stage.verified, stage.reported ?? ""]),
      row.roster,
      row.list,
      row.verified,
      row.rosterOnly,
      row.rosterOnlyExplained,
      row.listOnly,
      row.coverage === null ? "" : `${(row.coverage * 100).toFixed(1)}%`,
    ],
    style,
  });
  const rows = [
    line(comparison.province, "", totalNameStyle),
    ...comparison.prefectures.flatMap((prefecture) => [
      line(prefecture, "", nameStyle),
      ...comparison.counties.filter((county) => county.prefectureCode === prefecture.unitCode).map((county) => line(county, "  ", wrappedTextStyle)),
    ]),
  ];
  return tableSheet(COMPARISON_SHEET_NAME, columns, rows, "注:核准人数为既在名册中又在扶贫部门名单中的学生数;名单只存哈希,不含身份证件号码。");
}
