import { z } from "zod";
import { openApiDocument } from "../http/openapi.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";

/** GET /openapi.json describes `resources` (and itself). Built once per isolate. */
export function openApiResource(apiBasePath: string, resources: readonly Resource[]): Resource {
  let document: unknown;
  const self: Resource = {
    basePath: "/openapi.json",
    tag: "meta",
    routes: [
      defineRoute({
        method: "get",
        path: "/",
        summary: "OpenAPI 文档 / This API's OpenAPI 3.1 document",
        access: "public",
        responses: { 200: { description: "OpenAPI 3.1", schema: z.looseObject({ openapi: z.string() }) } },
        handle: (c) => c.json((document ??= openApiDocument(apiBasePath, [...resources, self]))),
      }),
    ],
  };
  return self;
}
