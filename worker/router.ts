import { zValidator } from "@hono/zod-validator";
import { Hono } from "hono";
import type { MiddlewareHandler } from "hono";
import type { z } from "zod";
import { authenticate } from "./auth/authenticate.ts";
import { allowRoles } from "./auth/authorize.ts";
import type { AppEnv } from "./env.ts";
import { requireJsonBody } from "./http/json-body.ts";
import type { Resource, Route } from "./http/route.ts";
import { validationProblem } from "./http/validation-problem.ts";
import type { InputLocation } from "./http/validation-problem.ts";

/** `/{code}/lock` → `/:code/lock` */
export function honoPath(openApiPath: string): string {
  return openApiPath.replace(/\{(\w+)\}/g, ":$1");
}

type ValidationTarget = "json" | "query" | "param" | "header";
const locationOf: Record<ValidationTarget, InputLocation> = { json: "body", query: "query", param: "path", header: "header" };

function validate(target: ValidationTarget, schema: z.ZodType): MiddlewareHandler<AppEnv> {
  return zValidator(target, schema, (result) => {
    if (!result.success) throw validationProblem(result.error as z.ZodError, locationOf[target]);
  }) as MiddlewareHandler<AppEnv>;
}

/** The middleware chain a route declares: who may call it, then what it accepts. */
function middlewareFor(route: Route): MiddlewareHandler<AppEnv>[] {
  const chain: MiddlewareHandler<AppEnv>[] = [];
  if (route.access !== "public") chain.push(authenticate, allowRoles(route.access));
  if (route.params) chain.push(validate("param", route.params));
  if (route.query) chain.push(validate("query", route.query));
  if (route.headers) chain.push(validate("header", route.headers));
  if (route.body) chain.push(requireJsonBody, validate("json", route.body));
  return chain;
}

export function routerFor(resource: Resource): Hono<AppEnv> {
  const router = new Hono<AppEnv>();
  for (const route of resource.routes) {
    router.on([route.method.toUpperCase()], [honoPath(route.path)], ...middlewareFor(route), (c) => {
      // The validators above stored the parsed values; their types come from the route's schemas.
      const valid = (c.req.valid as unknown as (target: ValidationTarget) => unknown).bind(c.req);
      return route.handle(c, {
        params: route.params ? valid("param") : undefined,
        query: route.query ? valid("query") : undefined,
        body: route.body ? valid("json") : undefined,
        headers: route.headers ? valid("header") : undefined,
      });
    });
  }
  return router;
}

/** The body limit of each path whose route takes a file (`fileBody`) or declares its own (`bodyMaxBytes`); undefined for every other path. */
export function fileBodyLimits(apiBasePath: string, resources: readonly Resource[]): (path: string) => number | undefined {
  const limits = resources.flatMap((resource) =>
    resource.routes.flatMap((route) => {
      const maxBytes = route.fileBody?.maxBytes ?? route.bodyMaxBytes;
      if (maxBytes === undefined) return [];
      const pattern = (apiBasePath + resource.basePath + route.path).replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{\w+\}/g, "[^/]+");
      return [{ path: new RegExp(`^${pattern}$`), maxBytes }];
    }),
  );
  return (path) => limits.find((limit) => limit.path.test(path))?.maxBytes;
}
