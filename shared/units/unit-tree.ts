import type { UnitLevel } from "./unit-levels.ts";

/** A node of the reporting tree: the province, a prefecture, a county (or a unit of a level added below). */
export interface ReportingUnit {
  code: string;
  name: string;
  nameEn: string;
  level: UnitLevel;
  /** undefined for the root (the province). */
  parent: ReportingUnit | undefined;
  /** In the order of the records (the divisions table's order). */
  children: ReportingUnit[];
}

/** One unit as data: what the divisions table says of it, and its level by code. */
export interface UnitRecord {
  code: string;
  name: string;
  nameEn: string;
  level: string;
  /** "" for the root. */
  parentCode: string;
}

export interface UnitTree {
  levels: readonly UnitLevel[];
  root: ReportingUnit;
  /** The unit with this code, or undefined. */
  unit(code: string): ReportingUnit | undefined;
  /** Every unit, parents before their children. */
  units: readonly ReportingUnit[];
}

/**
 * Builds the reporting tree from levels and unit records (data only). Levels are ordered from the
 * root down; each unit's parent must be a unit of the level just above its own.
 */
export function buildUnitTree(levels: readonly UnitLevel[], records: readonly UnitRecord[]): UnitTree {
  const levelIndex = new Map(levels.map((level, index) => [level.code, index]));
  const byCode = new Map<string, ReportingUnit>();
  const units: ReportingUnit[] = [];
  let root: ReportingUnit | undefined;
  // Parents first: sort by level, keeping the records' order within a level.
  const ordered = records
    .map((record, index) => ({ record, index, depth: levelIndex.get(record.level) }))
    .sort((a, b) => (a.depth ?? -1) - (b.depth ?? -1) || a.index - b.index);
  for (const { record, depth } of ordered) {
    if (depth === undefined) fail(record, `未知层级 ${record.level}`, `unknown level ${record.level}`);
    if (byCode.has(record.code)) fail(record, "代码重复", "duplicate code");
    const parent = record.parentCode === "" ? undefined : byCode.get(record.parentCode);
    if (depth === 0 ? record.parentCode !== "" : parent === undefined || levelIndex.get(parent.level.code) !== depth - 1)
      fail(record, `上级 ${record.parentCode || "(无)"} 不是上一层级的单位`, `parent ${record.parentCode || "(none)"} is not a unit of the level above`);
    const unit: ReportingUnit = { code: record.code, name: record.name, nameEn: record.nameEn, level: levels[depth] as UnitLevel, parent, children: [] };
    if (parent) parent.children.push(unit);
    else if (root) fail(record, "只能有一个顶层单位", "only one root unit");
    else root = unit;
    byCode.set(unit.code, unit);
    units.push(unit);
  }
  if (!root) throw new Error("报送单位树没有顶层单位 / the reporting tree has no root unit");
  return { levels, root, unit: (code) => byCode.get(code), units };
}

function fail(record: UnitRecord, zh: string, en: string): never {
  throw new Error(`报送单位 ${record.code} ${record.name} 无效:${zh} / reporting unit ${record.code} invalid: ${en}`);
}
