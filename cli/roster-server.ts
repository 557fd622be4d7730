import type { RosterDetail, RosterDuplicates, RosterReceipt, RosterRevisionSummary } from "../shared/api/api-client.ts";
import { beijingTime } from "../shared/values/beijing-time.ts";

// The roster's answers from the server, for `tianbao roster submit|status` (sent by
// shared/api/submit-roster-data.ts: rows without names): students named by masked ID only.

/** X10.2 lines: each student also on another unit's latest roster, by masked ID and the other unit. */
function duplicateLines(duplicates: RosterReceipt["duplicates"]): string[] {
  if (duplicates.length === 0) return ["  无跨单位重复学生 / no student on another unit's roster"];
  return [
    `  ${duplicates.length} 名学生也在其他单位的名册中(X10.2,请在说明表说明)/ ${duplicates.length} students also on another unit's roster (X10.2: explain on the 说明 sheet):`,
    ...duplicates.map(
      (duplicate) => `    ${duplicate.maskedId}  ${duplicate.otherUnitCode} ${duplicate.otherUnitName}${duplicate.explained ? "  已说明 / explained" : ""}`,
    ),
  ];
}

/** The students shown by masked ID before "and N more": a county's roster may have hundreds off the list. */
const UNLISTED_SHOWN = 50;

/** X10.3 lines: each student on no row of the period's poverty list, by masked ID and roster row, explained or not. */
function unlistedLines(receipt: Pick<RosterReceipt, "listUploaded" | "notOnList">): string[] {
  if (!receipt.listUploaded) return ["  本期尚无扶贫部门名单,未比对 / no poverty list for the period yet: not compared"];
  const { notOnList } = receipt;
  if (notOnList.length === 0) return ["  所有学生都在扶贫部门名单中 / every student is on the poverty list"];
  const explained = notOnList.filter((student) => student.explained).length;
  return [
    `  ${notOnList.length} 名学生不在扶贫部门名单中(X10.3 名册有、库无,已说明 ${explained} 名,请在说明表说明)/ ${notOnList.length} students not on the poverty list (X10.3, ${explained} explained: explain on the 说明 sheet):`,
    ...notOnList
      .slice(0, UNLISTED_SHOWN)
      .map(
        (student) =>
          `    ${student.maskedId}  第 ${student.position + 1} 名 / student ${student.position + 1}${student.explained ? "  已说明 / explained" : ""}`,
      ),
    ...(notOnList.length > UNLISTED_SHOWN ? [`    …另 ${notOnList.length - UNLISTED_SHOWN} 名 / and ${notOnList.length - UNLISTED_SHOWN} more (--json)`] : []),
  ];
}

export function rosterReceiptLines(unitName: string, period: string, receipt: RosterReceipt): string[] {
  return [
    `已报送名册 / roster submitted: ${unitName} ${period} 修订 / revision ${receipt.revision}, ${receipt.students} 名学生 / students`,
    `  submittedAt ${beijingTime(receipt.submittedAt)}  sha256 ${receipt.sha256}`,
    ...duplicateLines(receipt.duplicates),
    ...unlistedLines(receipt),
  ];
}

/** A unit's roster status: its revisions, then the latest one's counts by county and stage, aided share and duplicates. */
export function rosterStatusLines(unitName: string, revisions: RosterRevisionSummary[], latest: RosterDetail | undefined): string[] {
  if (!latest) return [`${unitName}:尚未报送名册 / no roster submitted yet`];
  const aided = latest.counts.reduce((sum, count) => sum + count.aided, 0);
  const share = latest.students === 0 ? "—" : `${((aided / latest.students) * 100).toFixed(1)}%`;
  return [
    `${unitName} 名册 / roster: ${revisions.length} 个修订 / revisions; 最新 / latest ${latest.revision} (${beijingTime(latest.submittedAt)}, ${latest.submittedByName})`,
    `  ${latest.students} 名学生 / students, 已受助 / aided ${aided} (${share})`,
    ...latest.counts.map((count) => `  ${count.countyCode} ${count.stage} (${count.countField}) ${count.students}  已受助 / aided ${count.aided}`),
    ...duplicateLines(latest.duplicates),
    ...unlistedLines(latest),
  ];
}

/** The province's X10.2 view: pairs of units sharing students, with counts. */
export function duplicatePairLines(duplicates: RosterDuplicates): string[] {
  if (duplicates.pairs.length === 0) return [`${duplicates.period}:各单位最新名册之间没有重复学生 / no student on two units' latest rosters`];
  return [
    `${duplicates.period} 跨单位重复学生 / students on two units' latest rosters (X10.2):`,
    ...duplicates.pairs.map((pair) => `  ${pair.unitCodes[0]} ${pair.unitNames[0]} — ${pair.unitCodes[1]} ${pair.unitNames[1]}: ${pair.students}`),
  ];
}
