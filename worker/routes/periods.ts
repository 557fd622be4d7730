import { z } from "zod";
import { roles } from "../auth/caller.ts";
import {
  openPeriodBodySchema,
  periodForPrefectureSchema,
  periodParamsSchema,
  periodPrefectureParamsSchema,
  periodSchema,
  unlockPeriodBodySchema,
  updatePeriodBodySchema,
} from "../../shared/api/periods.ts";
import { auditStatement } from "../db/audit-log.ts";
import {
  editionExists,
  findPeriod,
  insertPeriodStatement,
  insertUnlockStatement,
  listPeriods,
  lockPeriodStatements,
  periodAcceptsSubmissionsFrom,
  updateDeadlineStatement,
  updateRequireStampedCopyStatement,
} from "../db/periods-repository.ts";
import { problemKinds } from "../../shared/api/problem-types.ts";
import { ProblemError } from "../http/problem.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";
import { requirePeriod } from "../services/require-period.ts";
import { requireKnownPrefecture, requirePrefectureInPath } from "./require-known-prefecture.ts";

const admin = ["admin"] as const;

export const periodsResource: Resource = {
  basePath: "/periods",
  tag: "periods",
  routes: [
    defineRoute({
      method: "get",
      path: "/",
      summary: "报告期列表 / List reporting periods",
      access: roles,
      responses: { 200: { description: "All periods", schema: z.object({ periods: z.array(periodSchema) }) } },
      handle: async (c) => c.json({ periods: await listPeriods(c.env.DB) }),
    }),

    defineRoute({
      method: "post",
      path: "/",
      summary: "开启报告期 / Open a reporting period",
      access: admin,
      body: openPeriodBodySchema,
      responses: { 201: { description: "The opened period", schema: periodSchema } },
      handle: async (c, { body }) => {
        const caller = c.get("caller");
        if (await findPeriod(c.env.DB, body.code)) {
          throw new ProblemError(problemKinds.conflict, `报告期 ${body.code} 已存在 / Period ${body.code} already exists`);
        }
        if (!(await editionExists(c.env.DB, body.editionId))) {
          throw new ProblemError(problemKinds.invalidRequest, `没有报表版本 ${body.editionId} / No edition ${body.editionId}`, {
            errors: [{ location: "body", field: "editionId", code: "unknown_edition", message: `未知版本 / Unknown edition ${body.editionId}` }],
          });
        }
        const openedAt = new Date().toISOString();
        const deadline = body.deadline ?? null;
        await c.env.DB.batch([
          insertPeriodStatement(c.env.DB, { code: body.code, editionId: body.editionId, deadline, openedAt, openedBy: caller.tokenId }),
          auditStatement(c.env.DB, {
            tokenId: caller.tokenId,
            action: "period.open",
            target: `period:${body.code}`,
            detail: { editionId: body.editionId, deadline },
            at: openedAt,
          }),
        ]);
        return c.json(await requirePeriod(c.env.DB, body.code), 201);
      },
    }),

    defineRoute({
      method: "patch",
      path: "/{code}",
      summary: "修改截止日期或盖章件要求 / Change a period's deadline or whether acceptance needs the stamped copy",
      access: admin,
      params: periodParamsSchema,
      body: updatePeriodBodySchema,
      responses: { 200: { description: "The period", schema: periodSchema } },
      handle: async (c, { params, body }) => {
        const caller = c.get("caller");
        const period = await requirePeriod(c.env.DB, params.code);
        await c.env.DB.batch([
          ...(body.deadline === undefined ? [] : [updateDeadlineStatement(c.env.DB, period.code, body.deadline)]),
          ...(body.requireStampedCopy === undefined ? [] : [updateRequireStampedCopyStatement(c.env.DB, period.code, body.requireStampedCopy)]),
          auditStatement(c.env.DB, {
            tokenId: caller.tokenId,
            action: "period.update",
            target: `period:${period.code}`,
            detail: {
              ...(body.deadline !== undefined && { deadline: { from: period.deadline, to: body.deadline } }),
              ...(body.requireStampedCopy !== undefined && { requireStampedCopy: { from: period.requireStampedCopy, to: body.requireStampedCopy } }),
            },
            at: new Date().toISOString(),
          }),
        ]);
        return c.json(await requirePeriod(c.env.DB, period.code));
      },
    }),

    defineRoute({
      method: "post",
      path: "/{code}/lock",
      summary: "锁定报告期 / Lock a period (also closes per-prefecture unlocks)",
      access: admin,
      params: periodParamsSchema,
      responses: {
        200: { description: "The locked period", schema: periodSchema },
        409: { description: "Already locked, with no prefecture unlocked" },
      },
      handle: async (c, { params }) => {
        const caller = c.get("caller");
        const period = await requirePeriod(c.env.DB, params.code);
        if (period.status === "locked" && period.openUnlocks.length === 0) {
          throw new ProblemError(problemKinds.conflict, `报告期 ${period.code} 已锁定 / Period ${period.code} is already locked`);
        }
        const lockedAt = new Date().toISOString();
        await c.env.DB.batch([
          ...lockPeriodStatements(c.env.DB, period.code, lockedAt, caller.tokenId),
          auditStatement(c.env.DB, {
            tokenId: caller.tokenId,
            action: "period.lock",
            target: `period:${period.code}`,
            detail: { closedUnlocks: period.openUnlocks.map((unlock) => unlock.prefectureCode) },
            at: lockedAt,
          }),
        ]);
        return c.json(await requirePeriod(c.env.DB, period.code));
      },
    }),

    defineRoute({
      method: "post",
      path: "/{code}/unlock",
      summary: "为一个地市解锁 / Unlock a locked period for one prefecture, with a reason",
      access: admin,
      params: periodParamsSchema,
      body: unlockPeriodBodySchema,
      responses: {
        200: { description: "The period with the prefecture unlocked", schema: periodSchema },
        409: { description: "The period is open, or already unlocked for that prefecture" },
      },
      handle: async (c, { params, body }) => {
        const caller = c.get("caller");
        const period = await requirePeriod(c.env.DB, params.code);
        requireKnownPrefecture(body.prefectureCode);
        if (period.status === "open") {
          throw new ProblemError(problemKinds.conflict, `报告期 ${period.code} 未锁定，无需解锁 / Period ${period.code} is open; nothing to unlock`);
        }
        if (period.openUnlocks.some((unlock) => unlock.prefectureCode === body.prefectureCode)) {
          throw new ProblemError(
            problemKinds.conflict,
            `报告期 ${period.code} 已为 ${body.prefectureCode} 解锁 / Period ${period.code} is already unlocked for ${body.prefectureCode}`,
          );
        }
        const unlockedAt = new Date().toISOString();
        await c.env.DB.batch([
          insertUnlockStatement(c.env.DB, {
            periodCode: period.code,
            prefectureCode: body.prefectureCode,
            reason: body.reason,
            unlockedBy: caller.tokenId,
            unlockedAt,
          }),
          auditStatement(c.env.DB, {
            tokenId: caller.tokenId,
            action: "period.unlock",
            target: `period:${period.code}/prefecture:${body.prefectureCode}`,
            detail: { reason: body.reason },
            at: unlockedAt,
          }),
        ]);
        return c.json(await requirePeriod(c.env.DB, period.code));
      },
    }),

    defineRoute({
      method: "get",
      path: "/{code}/prefectures/{prefectureCode}",
      summary: "某地市能否报送 / Whether a prefecture may submit for the period now",
      description: "Clerks may only ask about their own prefecture.",
      access: roles,
      params: periodPrefectureParamsSchema,
      responses: { 200: { description: "The period as seen by the prefecture", schema: periodForPrefectureSchema } },
      handle: async (c, { params }) => {
        requirePrefectureInPath(c.get("caller"), params.prefectureCode, "prefectureCode");
        const period = await requirePeriod(c.env.DB, params.code);
        return c.json({
          periodCode: period.code,
          prefectureCode: params.prefectureCode,
          status: period.status,
          deadline: period.deadline,
          acceptsSubmissions: periodAcceptsSubmissionsFrom(period, params.prefectureCode),
          unlock: period.openUnlocks.find((unlock) => unlock.prefectureCode === params.prefectureCode) ?? null,
        });
      },
    }),
  ],
};
