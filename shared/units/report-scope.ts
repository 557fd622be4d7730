import type { ReportingUnit } from "./unit-tree.ts";

/** A unit as a report's row names it: its code and names. */
export interface UnitName {
  code: string;
  name: string;
  nameEn: string;
}

/**
 * What one unit's report holds, derived from its level (shared/units/unit-levels.ts): the layout,
 * the template, the reader, the validation engine and consolidation all read a report through it.
 */
export interface ReportScope extends UnitName {
  /** The unit's level code. */
  levelCode: string;
  /** 填报单位 as printed: the names below the root, e.g. 济南市, 济南市历下区. */
  title: string;
  /** The input rows of the grid sheets, in order, each keyed by its unit's code: a prefecture's counties, or a county's own row. */
  rowUnits: UnitName[];
  /** The key of the 合计 row (the unit's code), or undefined when the report holds the unit's own row only. */
  totalKey: string | undefined;
  /** Whether the report holds the list sheets (教扶06). */
  holdsLists: boolean;
  /** The codes a list row's unit column (E06_COUNTY) may hold: the unit or its descendants of a level named in lists. */
  listUnitCodes: ReadonlySet<string>;
}

const scopes = new WeakMap<ReportingUnit, ReportScope>();

const plain = (unit: UnitName): UnitName => ({ code: unit.code, name: unit.name, nameEn: unit.nameEn });

/** A unit's report scope (one object per unit, so that caches keyed by it hold). Throws for a level that has no report. */
export function reportScopeOf(unit: ReportingUnit): ReportScope {
  let scope = scopes.get(unit);
  if (!scope) scopes.set(unit, (scope = treeUnitScope(unit)));
  return scope;
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
    rowUnits: childRows ? unit.children.map(plain) : [plain(unit)],
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
export function rowUnitsWords(unit: ReportingUnit): { zh: string; en: string } {
  const scope = reportScopeOf(unit);
  if (scope.totalKey !== undefined) return { zh: "本市所辖县", en: "a county of this prefecture" };
  return { zh: `本${unit.level.nameZh}${scope.name}(${scope.code})`, en: `this ${unit.level.nameEn}, ${scope.nameEn} (${scope.code})` };
}
