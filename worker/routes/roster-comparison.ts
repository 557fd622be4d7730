import { periodParamsSchema, unitPathParamsSchema } from "../../shared/api/common.ts";
import { povertyListQuerySchema, povertyListUploadSchema, provinceComparisonSchema, rosterComparisonSchema } from "../../shared/api/roster-comparison.ts";
import { LIST_TABLE_LIMITS } from "../../shared/roster/list-table.ts";
import { roles } from "../auth/caller.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";
import { nudgeComparison } from "../services/consolidation-queue.ts";
import { uploadPovertyList } from "../services/poverty-list.ts";
import { provinceRosterComparison, unitRosterComparison } from "../services/roster-comparison.ts";
import { requireUnitInPath } from "../services/require-unit.ts";
import { rosterIdHasherOf } from "../services/roster-id-key.ts";

export const rosterComparisonResource: Resource = {
  basePath: "/periods",
  tag: "roster-comparison",
  routes: [
    defineRoute({
      method: "post",
      path: "/{period}/poverty-list",
      summary: "上传扶贫部门名单 / Upload the poverty office's list for the period (.xlsx or .csv), replacing the period's list",
      description: [
        "The province or an admin. The body is the file: its first sheet (or the CSV) with a header row; the ID column and the",
        "county-of-registration column are found by header name (身份证件号码, 户籍所在县…). Each ID is checked (GB 11643) and,",
        "unless dryRun=1, hashed with ROSTER_ID_KEY as the file streams in (a CSV is never held whole); the file is not kept.",
        "Invalid and repeated IDs are counted and not used. A stored upload is written under a staged list, then replaces",
        "the period's list in one batch with its audit row: never seen half written; a failed upload leaves the list as it was.",
        "Every county's comparison is then recomputed through the queue.",
      ].join(" "),
      access: ["province", "admin"],
      params: periodParamsSchema,
      query: povertyListQuerySchema,
      fileBody: { description: "The list: .xlsx or UTF-8 .csv", maxBytes: LIST_TABLE_LIMITS.maxBytes },
      responses: {
        200: { description: "A dry run: counts and a masked preview; nothing kept", schema: povertyListUploadSchema },
        201: { description: "Stored: the counts and a masked preview", schema: povertyListUploadSchema },
        404: { description: "No such period" },
        409: { description: "conflict: the staged list was changed while it was written; nothing replaced" },
        422: { description: "report-invalid: the file is not a readable list (no ID or county column, too many rows, a row too long), naming the row" },
        503: { description: "roster-key-missing: the Worker has no ROSTER_ID_KEY; nothing stored" },
      },
      handle: async (c, { params, query }) => {
        const key = rosterIdHasherOf(c.env);
        const dryRun = query.dryRun === "1";
        const upload = await uploadPovertyList(c.env.DB, { caller: c.get("caller"), periodCode: params.period, body: c.req.raw.body, dryRun, key });
        if (!dryRun) await nudgeComparison(c.env, params.period);
        return c.json(upload, dryRun ? 200 : 201);
      },
    }),

    defineRoute({
      method: "get",
      path: "/{period}/units/{unit}/roster-comparison",
      summary: "名册与扶贫名单比对 / The unit's rosters compared with the poverty office's list: 核准 by stage, 名册有库无, 库有名册无",
      description:
        "The unit's clerk, the clerk above it and the province. Masked IDs only; 库有、名册无 (with the list's row numbers) only for the county's own clerk. " +
        "The counts are the stored per-county figures, recomputed through the queue when a roster or the list changes, served only where no newer change is recorded (else computed on read); the lists of students are read on each request.",
      access: roles,
      params: unitPathParamsSchema,
      responses: { 200: { description: "The comparison", schema: rosterComparisonSchema } },
      handle: async (c, { params }) => {
        const caller = c.get("caller");
        const unit = requireUnitInPath(caller, params.unit, "read");
        return c.json(await unitRosterComparison(c.env.DB, caller, params.period, unit));
      },
    }),

    defineRoute({
      method: "get",
      path: "/{period}/roster-comparison",
      summary: "全省比对 / The comparison per county and prefecture: verified count by stage, the two differences, coverage",
      description:
        "Counts only. Each county's figures are stored and recomputed through the queue when a roster or the list changes; a county with a newer change than its stored figures (or none stored) is computed on read, so the answer always equals the comparison at that moment.",
      access: ["province", "admin"],
      params: periodParamsSchema,
      responses: { 200: { description: "Counts only", schema: provinceComparisonSchema } },
      handle: async (c, { params }) => c.json(await provinceRosterComparison(c.env.DB, params.period)),
    }),
  ],
};
