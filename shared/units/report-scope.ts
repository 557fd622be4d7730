import type { County, Prefecture } from "../regions/region-table.ts";
import type { ReportingUnit } from "./unit-tree.ts";

/** A unit whose report can be laid out and checked: a node of the reporting tree, or a prefecture of the region table. */
export type ReportUnit = ReportingUnit | Prefecture;

/**
 * What one unit's report holds, derived from its level (shared/units/unit-levels.ts): the layout,
 * the template, the reader, the validation engine and consolidation all read a report through it.
 * It is a Prefecture in shape, so the code that consolidates prefectures reads a unit's report the
 * same way: `counties` are the units whose own rows the grid sheets hold.
 */
export interface ReportScope extends Prefecture {
  /** The unit's level (a prefecture of the region table is of the "prefecture" level). */
  levelCode: string;
  /** 填报单位 as printed: the names below the root, e.g. 济南市, 济南市历下区. */
  title: string;
  /**
   * The input rows of the grid sheets, in order, each keyed by its unit's code: a prefecture's
   * counties, or a county's own row. (Named `counties` as the prefecture's were; in a tree with a
   * level below the county they are that level's units.)
   */
  counties: County[];
  /** The key of the 合计 row (the unit's code), or undefined when the report holds the unit's own row only. */
  totalKey: string | undefined;
  /** Whether the report holds the list sheets (教扶06). */
  holdsLists: boolean;
  /** The codes a list row's unit column (E06_COUNTY) may hold: the unit or its descendants of a level named in lists. */
  listUnitCodes: ReadonlySet<string>;
}

const scopes = new WeakMap<ReportUnit, ReportScope>();

const isTreeUnit = (unit: ReportUnit): unit is ReportingUnit => "level" in unit;
const plain = (unit: { code: string; name: string; nameEn: string }): County => ({ code: unit.code, name: unit.name, nameEn: unit.nameEn });

/** A unit's report scope (one object per unit, so that caches keyed by it hold). Throws for a level that has no report. */
export function reportScopeOf(unit: ReportUnit): ReportScope {
  let scope = scopes.get(unit);
  if (!scope) scopes.set(unit, (scope = isTreeUnit(unit) ? treeUnitScope(unit) : prefectureScope(unit)));
  return scope;
}

function prefectureScope(prefecture: Prefecture): ReportScope {
  return {
    code: prefecture.code,
    name: prefecture.name,
    nameEn: prefecture.nameEn,
    levelCode: "prefecture",
    title: prefecture.name,
    counties: prefecture.counties,
    totalKey: prefecture.code,
    holdsLists: true,
    listUnitCodes: new Set(prefecture.counties.map((county) => county.code)),
  };
}

function treeUnitScope(unit: ReportingUnit): ReportScope {
  const report = unit.level.report;
  if (!report)
    throw new Error(
      `${unit.name} (${unit.level.nameZh}) 没有自己的报表,由下级汇总 / ${unit.nameEn} (${unit.level.nameEn}) has no report workbook of its own: its figures are consolidated`,
    );
  const names: string[] = [];
  for (let node: ReportingUnit | undefined = unit; node?.parent; node = node.parent) names.unshift(node.name);
  const listUnitCodes = new Set<string>();
  const collect = (node: ReportingUnit) => {
    if (node.level.namedInLists) listUnitCodes.add(node.code);
    node.children.forEach(collect);
  };
  if (report.listSheets) collect(unit);
  const childRows = report.gridRows === "totalAndChildren";
  return {
    ...plain(unit),
    levelCode: unit.level.code,
    title: names.join(""),
    counties: childRows ? unit.children.map(plain) : [plain(unit)],
    totalKey: childRows ? unit.code : undefined,
    holdsLists: report.listSheets,
    listUnitCodes,
  };
}

/**
 * The units a report's rows may belong to, as messages name them after "不是" / "is not": a
 * prefecture's "本市所辖县"; a county's (its rows are its own) "本县(市、区)历下区(370102)", named by
 * its level, so that a county is never told about "本市".
 */
export function rowUnitsWords(unit: ReportUnit): { zh: string; en: string } {
  const scope = reportScopeOf(unit);
  if (scope.totalKey !== undefined || !isTreeUnit(unit)) return { zh: "本市所辖县", en: "a county of this prefecture" };
  return { zh: `本${unit.level.nameZh}${scope.name}(${scope.code})`, en: `this ${unit.level.nameEn}, ${scope.nameEn} (${scope.code})` };
}
