import { auditPageSchema, auditQuerySchema } from "../../shared/api/audit.ts";
import { readAuditLog } from "../services/audit-log.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";

export const auditResource: Resource = {
  basePath: "/audit",
  tag: "audit",
  routes: [
    defineRoute({
      method: "get",
      path: "/",
      summary: "读审计日志 / Read the audit log, by time, unit and action, a page at a time",
      description:
        "Every write, and every failed sign-in (action sign-in.fail, target client:<address>, why in detail.reason; never the token). Oldest first; follow nextCursor.",
      access: ["admin"],
      query: auditQuerySchema,
      responses: { 200: { description: "A page of audit entries", schema: auditPageSchema } },
      handle: async (c, { query }) => {
        const limit = query.limit ?? 100;
        const { rows, hasMore } = await readAuditLog(
          c.env.DB,
          { from: query.from, to: query.to, unitCode: query.unit, action: query.action },
          query.cursor ?? 0,
          limit,
        );
        const last = rows.at(-1);
        return c.json({ entries: rows, nextCursor: hasMore && last ? String(last.id) : null });
      },
    }),
  ],
};
