import { problemSchema } from "../../shared/api/common.ts";
import { openApiPath } from "../../worker/http/openapi.ts";
import type { Route } from "../../worker/http/route.ts";
import { apiBasePath } from "../../worker/app.ts";
import { apiResources } from "../../worker/routes/resources.ts";

// Holds the Worker to what its routes declare: a JSON body must parse with the schema the route
// declares for that status, an error must be problem+json. The test client checks every response.

const routes = apiResources.flatMap((resource) =>
  resource.routes.map((route) => {
    const template = openApiPath(apiBasePath, resource, route);
    const pattern = new RegExp(`^${template.replace(/[.]/g, "\\.").replace(/\{[^}]+\}/g, "[^/]+")}$`);
    return { route, template, pattern };
  }),
);

function routeOf(method: string, path: string): { route: Route; template: string } | undefined {
  return routes.find((candidate) => candidate.route.method === method.toLowerCase() && candidate.pattern.test(path));
}

/** Throws when the response is not what the matching route declares for its status. */
export async function assertDeclared(method: string, url: string, response: Response): Promise<void> {
  const path = new URL(url).pathname;
  const found = routeOf(method, path);
  const type = response.headers.get("Content-Type") ?? "";
  if (response.status >= 400) {
    if (!type.startsWith("application/problem+json")) throw new Error(`${method} ${path}: ${response.status} is not problem+json (${type})`);
    const problem = problemSchema.safeParse(await response.json());
    if (!problem.success) throw new Error(`${method} ${path}: malformed problem: ${problem.error.message}`);
    return;
  }
  if (!found) return; // not an API route (CORS preflight, openapi.json): nothing declared to hold it to
  const spec = found.route.responses[response.status];
  if (!spec) throw new Error(`${method} ${found.template}: status ${response.status} is not declared`);
  if (!spec.schema) return;
  if (!type.startsWith("application/json")) throw new Error(`${method} ${found.template}: ${response.status} declares JSON, got ${type}`);
  const parsed = spec.schema.safeParse(await response.json());
  if (!parsed.success) throw new Error(`${method} ${found.template}: ${response.status} body does not match its declared schema: ${parsed.error.message}`);
}
