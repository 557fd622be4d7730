import type { Role } from "./roles.ts";
import type { ReportingUnit } from "./unit-tree.ts";

// Who may do what to a unit's reports, by where the unit stands to the token holder's own. The
// Worker enforces these (worker/auth/authorize.ts) and the pane and page show what they allow.
//   read (revisions, template, workbook, stamped copies): the unit's clerk, the clerk of a unit above it, province, admin
//   write (submit, attach):                                the unit's own clerk only
//   review (accept, return):                               whoever the unit reports to: the parent unit's clerk,
//                                                          or the province's reviewers for the units reporting to the root

/** A token's holder as unit access sees it: its role and, for a clerk, the one unit it speaks for. */
export interface UnitAccessHolder {
  readonly role: Role;
  /** A clerk's reporting unit (a prefecture or a county); null for province reviewers and admins. */
  readonly unitCode: string | null;
}

export type UnitAccess = "read" | "write" | "review";

/** Whether `unit` is the unit `ancestorCode` or lies below it. */
function isWithin(unit: ReportingUnit, ancestorCode: string): boolean {
  for (let current: ReportingUnit | undefined = unit; current; current = current.parent) if (current.code === ancestorCode) return true;
  return false;
}

export function mayReadUnit(holder: UnitAccessHolder, unit: ReportingUnit): boolean {
  return holder.role !== "clerk" || (holder.unitCode !== null && isWithin(unit, holder.unitCode));
}

export function mayWriteUnit(holder: UnitAccessHolder, unit: ReportingUnit): boolean {
  return holder.role === "clerk" && holder.unitCode === unit.code;
}

/** Who reviews a unit: the province for the units reporting to the root, else the clerk of its parent; nobody for the root. */
export function reviewerOf(unit: ReportingUnit): UnitAccessHolder | undefined {
  const parent = unit.parent;
  if (!parent) return undefined;
  return parent.parent === undefined ? { role: "province", unitCode: null } : { role: "clerk", unitCode: parent.code };
}

export function mayReviewUnit(holder: UnitAccessHolder, unit: ReportingUnit): boolean {
  const reviewer = reviewerOf(unit);
  return reviewer !== undefined && holder.role === reviewer.role && (reviewer.role !== "clerk" || holder.unitCode === reviewer.unitCode);
}

const mayBy: Record<UnitAccess, (holder: UnitAccessHolder, unit: ReportingUnit) => boolean> = {
  read: mayReadUnit,
  write: mayWriteUnit,
  review: mayReviewUnit,
};

/** Whether the holder may read, write or review this unit's reports. */
export function mayAccessUnit(holder: UnitAccessHolder, unit: ReportingUnit, access: UnitAccess): boolean {
  return mayBy[access](holder, unit);
}
