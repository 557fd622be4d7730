import { healthSchema } from "../../shared/api/health.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";

export const healthResource: Resource = {
  basePath: "/health",
  tag: "health",
  routes: [
    defineRoute({
      method: "get",
      path: "/",
      summary: "服务状态 / Liveness check",
      access: "public",
      responses: { 200: { description: "The Worker is up", schema: healthSchema } },
      handle: (c) => c.json({ status: "ok" as const, time: new Date().toISOString() }),
    }),
  ],
};
