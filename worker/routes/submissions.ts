import { unitPathParamsSchema } from "../../shared/api/common.ts";
import { z } from "zod";
import {
  diffQuerySchema,
  diffSchema,
  idempotencyHeadersSchema,
  receiptSchema,
  reviewBodySchema,
  reviewResultSchema,
  revisionParamsSchema,
  submissionDetailSchema,
  submissionSummarySchema,
  submitBodySchema,
} from "../../shared/api/submissions.ts";
import { restoreProtoKeys } from "../../shared/api/report-data.ts";
import { roles } from "../auth/caller.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";
import { requirePeriod } from "../services/require-period.ts";
import { nudgeConsolidation } from "../services/consolidation-queue.ts";
import { reviewSubmission } from "../services/review-submission.ts";
import { changesSinceAccepted, listRevisions, revisionDetail, revisionDiff } from "../services/revisions.ts";
import { sinceAcceptedSchema } from "../../shared/api/since-accepted.ts";
import { summaryOf } from "../services/submission-shapes.ts";
import { submitReport } from "../services/submit-report.ts";
import { requireUnitInPath } from "../services/require-unit.ts";

const etag = (sha256: string) => `"${sha256}"`;

export const submissionsResource: Resource = {
  basePath: "/periods",
  tag: "submissions",
  routes: [
    defineRoute({
      method: "post",
      path: "/{period}/units/{unit}/submissions",
      summary: "报送一个修订 / Submit a revision of the prefecture's report",
      description: [
        "Only the prefecture's clerk. The server validates the report with the same engine as the add-in.",
        "Idempotent by Idempotency-Key (per token): the same key with the same body returns the first receipt (200) and stores nothing;",
        "the same key with a different body is 422 idempotency-key-reused.",
        "A report identical to the latest revision (same SHA-256) gets that revision's receipt (200) and stores nothing while it awaits review or is accepted; after a return it is a new revision (the clerk checked the figures; the reason says so).",
        "basedOnRevision must be the latest revision (null for the first), else 409 with currentRevision.",
        "After a returned or accepted revision, resubmissionReason is required (422).",
      ].join(" "),
      access: ["clerk"],
      params: unitPathParamsSchema,
      headers: idempotencyHeadersSchema,
      body: submitBodySchema,
      responses: {
        200: {
          description: "A repeated request, or a report identical to the latest revision: the receipt of that revision; nothing stored",
          schema: receiptSchema,
        },
        201: { description: "Stored: the receipt (ETag = the report's SHA-256)", schema: receiptSchema },
        404: { description: "No such period" },
        409: { description: "stale-revision: a newer revision exists (currentRevision in the body)" },
        422: { description: "report-invalid (issues listed), resubmission-reason-required or idempotency-key-reused; nothing stored" },
        423: { description: "period-locked: the period is locked and not unlocked for this prefecture" },
      },
      handle: async (c, { params, headers, body }) => {
        const caller = c.get("caller");
        const prefecture = requireUnitInPath(caller, params.unit, "write", "unit", c.get("tree"));
        const { receipt, created } = await submitReport(c.env.DB, {
          caller,
          periodCode: params.period,
          prefecture,
          idempotencyKey: headers["idempotency-key"],
          body: { ...body, report: restoreProtoKeys(((await c.req.json()) as { report?: unknown }).report, body.report) },
        });
        if (created) await nudgeConsolidation(c.env, params.period);
        c.header("ETag", etag(receipt.sha256));
        c.header("Location", `${c.req.path}/${receipt.revision}`);
        return c.json(receipt, created ? 201 : 200);
      },
    }),

    defineRoute({
      method: "get",
      path: "/{period}/units/{unit}/submissions",
      summary: "修订列表 / The prefecture's revisions for the period",
      access: roles,
      params: unitPathParamsSchema,
      responses: { 200: { description: "Every revision, oldest first", schema: z.object({ submissions: z.array(submissionSummarySchema) }) } },
      handle: async (c, { params }) => {
        const prefecture = requireUnitInPath(c.get("caller"), params.unit, "read");
        await requirePeriod(c.env.DB, params.period);
        return c.json({ submissions: (await listRevisions(c.env.DB, params.period, prefecture.code)).map(summaryOf) });
      },
    }),

    defineRoute({
      method: "get",
      path: "/{period}/units/{unit}/submissions/{revision}",
      summary: "一个修订的全部内容 / One revision: the report, its explained warnings and its reviews",
      access: roles,
      params: revisionParamsSchema,
      responses: { 200: { description: "The revision (ETag = the report's SHA-256)", schema: submissionDetailSchema } },
      handle: async (c, { params }) => {
        const prefecture = requireUnitInPath(c.get("caller"), params.unit, "read");
        const detail = await revisionDetail(c.env.DB, params.period, prefecture.code, params.revision);
        c.header("ETag", etag(detail.sha256));
        return c.json(detail);
      },
    }),

    defineRoute({
      method: "get",
      path: "/{period}/units/{unit}/submissions/{revision}/diff",
      summary: "两个修订逐格比较 / Cell-by-cell changes from revision `against` to this one",
      access: roles,
      params: revisionParamsSchema,
      query: diffQuerySchema,
      responses: {
        200: {
          description:
            "The changed input cells, with A1 addresses, and the revision's resubmission reason (no figure need change when a returned report is resubmitted)",
          schema: diffSchema,
        },
      },
      handle: async (c, { params, query }) => {
        const prefecture = requireUnitInPath(c.get("caller"), params.unit, "read");
        const diff = await revisionDiff(c.env.DB, params.period, prefecture, params.revision, query.against);
        return c.json({ revision: params.revision, against: query.against, ...diff });
      },
    }),

    defineRoute({
      method: "get",
      path: "/{period}/units/{unit}/submissions/{revision}/since-accepted",
      summary: "自上次通过以来的改动 / What changed since the unit's last accepted revision, with the reasons",
      description:
        "The newest accepted revision before this one in the period, every input cell changed since it (with this revision's warnings there and their 说明), and the resubmission reasons of the revisions since. accepted is null (and nothing listed) when none was accepted.",
      access: roles,
      params: revisionParamsSchema,
      responses: { 200: { description: "The changes since acceptance", schema: sinceAcceptedSchema }, 404: { description: "No such period or revision" } },
      handle: async (c, { params }) => {
        const unit = requireUnitInPath(c.get("caller"), params.unit, "read");
        return c.json(await changesSinceAccepted(c.env.DB, params.period, unit, params.revision));
      },
    }),

    defineRoute({
      method: "post",
      path: "/{period}/units/{unit}/submissions/{revision}/review",
      summary: "审核：通过或退回 / Review: accept or return (with a comment, optionally pointing at cells)",
      description:
        "Whoever the unit reports to: province reviewers review prefectures, a prefecture's clerk reviews its counties. Only the latest revision, only while it is submitted (not yet reviewed), and only while the period is open for the unit.",
      access: ["province", "clerk"],
      params: revisionParamsSchema,
      body: reviewBodySchema,
      responses: {
        200: { description: "The revision with its new status and the review", schema: reviewResultSchema },
        409: { description: "Not the latest revision, or already reviewed" },
        423: { description: "period-locked: the period is locked and not unlocked for this unit" },
      },
      handle: async (c, { params, body }) => {
        const caller = c.get("caller");
        const prefecture = requireUnitInPath(caller, params.unit, "review");
        const { submission, review } = await reviewSubmission(c.env.DB, caller, params.period, prefecture, params.revision, body);
        await nudgeConsolidation(c.env, params.period);
        return c.json({ ...summaryOf(submission), review });
      },
    }),
  ],
};
