import { withPrefectureAliases } from "../http/route.ts";
import type { Resource } from "../http/route.ts";
import { attachmentsResource } from "./attachments.ts";
import { auditResource } from "./audit.ts";
import { editionsResource } from "./editions.ts";
import { healthResource } from "./health.ts";
import { meResource } from "./me.ts";
import { outlierRangesResource } from "./outlier-ranges.ts";
import { periodsResource } from "./periods.ts";
import { provinceResource } from "./province.ts";
import { regionsResource } from "./regions.ts";
import { remindersResource } from "./reminders.ts";
import { rosterComparisonResource } from "./roster-comparison.ts";
import { rostersResource } from "./rosters.ts";
import { submissionsResource } from "./submissions.ts";
import { tokensResource } from "./tokens.ts";
import { unitsResource } from "./units.ts";
import { valuesResource } from "./values.ts";
import { followUpsResource } from "./follow-ups.ts";
import { workbooksResource } from "./workbooks.ts";

/** Every resource of /api/v1 (with the old `/prefectures/{unit}` paths; the rosters came after, without). A new resource is one more entry here. */
export const apiResources: readonly Resource[] = [
  healthResource,
  meResource,
  periodsResource,
  submissionsResource,
  attachmentsResource,
  provinceResource,
  unitsResource,
  remindersResource,
  workbooksResource,
  editionsResource,
  regionsResource,
  tokensResource,
  auditResource,
]
  .map(withPrefectureAliases)
  .concat(rostersResource, rosterComparisonResource, outlierRangesResource, valuesResource, followUpsResource);
