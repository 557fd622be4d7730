import { cors } from "hono/cors";
import type { AppEnv } from "../env.ts";

/** CORS for the add-in's origin (env.ALLOWED_ORIGIN) and no other. */
export const corsForAddIn = cors({
  origin: (origin, c: { env: AppEnv["Bindings"] }) => (origin === c.env.ALLOWED_ORIGIN ? origin : null),
  allowMethods: ["GET", "HEAD", "POST", "PATCH", "PUT", "DELETE", "OPTIONS"],
  allowHeaders: ["Authorization", "Content-Type", "Idempotency-Key", "If-Match"],
  exposeHeaders: ["ETag", "Location"],
  maxAge: 600,
});
