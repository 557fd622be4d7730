import { Hono } from "hono";
import { HTTPException } from "hono/http-exception";
import { methodNotAllowed } from "hono/method-not-allowed";
import type { AppEnv } from "./env.ts";
import { bodyLimit } from "./http/body-limit.ts";
import { corsForAddIn } from "./http/cors.ts";
import { problemKinds } from "../shared/api/problem-types.ts";
import { ProblemError, problemResponse } from "./http/problem.ts";
import type { ProblemKind } from "../shared/api/problem-types.ts";
import { fileBodyLimits, routerFor } from "./router.ts";
import { securityHeaders } from "./http/security-headers.ts";
import { openApiResource } from "./routes/openapi.ts";
import { apiResources } from "./routes/resources.ts";
import { reportingTree } from "../shared/units/reporting-tree.ts";
import type { UnitTree } from "../shared/units/unit-tree.ts";

export const apiBasePath = "/api/v1";

const kindByStatus = new Map<number, ProblemKind>(Object.values(problemKinds).map((kind) => [kind.status, kind]));

/** Errors from Hono itself (e.g. HTTPException) or bugs, as problem details. Bad input never gets here as a 500. */
function problemFor(error: Error): ProblemError {
  if (error instanceof ProblemError) return error;
  if (error instanceof HTTPException && error.status < 500) {
    const kind = kindByStatus.get(error.status) ?? { ...problemKinds.invalidRequest, status: error.status };
    return new ProblemError(kind, error.message || kind.title);
  }
  console.error("unhandled error", error);
  return new ProblemError(problemKinds.internal, "服务器出错，请稍后重试 / Something went wrong on the server; please retry later");
}

/** The Worker's app over a reporting tree: Shandong's; a bench or test passes another (a level of schools, bench/store-schools-db.ts). */
export function createApp(tree: UnitTree = reportingTree): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use("*", async (c, next) => {
    c.set("tree", tree);
    await next();
  });
  app.use("*", securityHeaders);
  app.use("*", corsForAddIn);
  app.use(
    "*",
    methodNotAllowed({
      app,
      onMethodNotAllowed: (c, methods) => {
        const allow = methods.join(", ");
        const problem = new ProblemError(
          problemKinds.methodNotAllowed,
          `${c.req.path} 不支持 ${c.req.method}，支持：${allow} / ${c.req.method} is not allowed on ${c.req.path}; allowed: ${allow}`,
          { allow: methods },
        );
        return problemResponse(problem.body, { Allow: allow });
      },
    }),
  );
  app.use(`${apiBasePath}/*`, bodyLimit(fileBodyLimits(apiBasePath, apiResources)));

  const api = new Hono<AppEnv>();
  for (const resource of [...apiResources, openApiResource(apiBasePath, apiResources)]) {
    api.route(resource.basePath, routerFor(resource));
  }
  app.route(apiBasePath, api);

  app.notFound((c) => {
    const problem = new ProblemError(problemKinds.notFound, `没有此路径：${c.req.path} / No such path: ${c.req.path}`);
    return problemResponse(problem.body);
  });
  app.onError((error, c) => {
    const problem = problemFor(error);
    const response = problemResponse(problem.body, problem.headers);
    // CORS headers set before the error still belong on the error response.
    c.res.headers.forEach((value, name) => {
      if (name.toLowerCase().startsWith("access-control-") || name.toLowerCase() === "vary") response.headers.set(name, value);
    });
    return response;
  });

  return app;
}
