import { cors } from "hono/cors";
import type { AppEnv } from "../env.ts";

/** CORS for one other origin (env.ALLOWED_ORIGIN) when one is set; the pane and the page are same-origin and need none. */
export const corsForAddIn = cors({
  origin: (origin, c: { env: AppEnv["Bindings"] }) => (c.env.ALLOWED_ORIGIN && origin === c.env.ALLOWED_ORIGIN ? origin : null),
  allowMethods: ["GET", "HEAD", "POST", "PATCH", "PUT", "DELETE", "OPTIONS"],
  allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key", "If-Match"],
  exposeHeaders: ["ETag", "Location"],
  maxAge: 600,
});
