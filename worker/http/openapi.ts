import { z } from "zod";
import { problemSchema } from "../../shared/api/common.ts";
import { maxRequestBodyBytes } from "./body-limit.ts";
import type { Resource, Route } from "./route.ts";

// The OpenAPI 3.1 document, generated from the same route declarations and zod schemas
// that validate requests. JSON Schema 2020-12 is what OpenAPI 3.1 uses.

type JsonSchema = Record<string, unknown>;

function jsonSchema(schema: z.ZodType, io: "input" | "output"): JsonSchema {
  const { $schema: _dialect, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" }) as JsonSchema;
  return rest;
}

function objectShape(schema: z.ZodType): Record<string, z.ZodType> {
  return schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
}

/** Path parameters are always required; query and header ones unless their schema accepts undefined. */
function parametersIn(location: "path" | "query" | "header", schema: z.ZodType | undefined): JsonSchema[] {
  return Object.entries(schema ? objectShape(schema) : {}).map(([name, field]) => ({
    name,
    in: location,
    required: location === "path" || !field.safeParse(undefined).success,
    schema: jsonSchema(field, "input"),
  }));
}

function parameters(route: Route): JsonSchema[] {
  return [...parametersIn("path", route.params), ...parametersIn("query", route.query), ...parametersIn("header", route.headers)];
}

const problemResponse = (description: string) => ({
  description,
  content: { "application/problem+json": { schema: { $ref: "#/components/schemas/Problem" } } },
});

function responses(route: Route): JsonSchema {
  const documented: JsonSchema = {};
  for (const [status, response] of Object.entries(route.responses)) {
    documented[status] = response.schema
      ? { description: response.description, content: { "application/json": { schema: jsonSchema(response.schema, "output") } } }
      : response.mediaType
        ? { description: response.description, content: { [response.mediaType]: { schema: { type: "string", format: "binary" } } } }
        : Number(status) >= 400
          ? problemResponse(response.description)
          : { description: response.description };
  }
  const takesInput = route.params || route.query || route.body || route.headers;
  if (takesInput) documented["400"] ??= problemResponse("请求无效 / Invalid request (lists the bad fields)");
  if (route.access !== "public") {
    documented["401"] ??= problemResponse("未认证 / Missing token, or one that is unknown, revoked or expired (one answer for all three)");
    documented["403"] ??= problemResponse("无权执行此操作 / Role or prefecture not allowed");
    documented["429"] ??= problemResponse("登录失败次数过多 / Too many failed sign-ins from this address; Retry-After says when to try again");
  }
  if (route.params) documented["404"] ??= problemResponse("未找到 / Not found");
  if (route.fileBody) documented["413"] ??= problemResponse(`文件过大 / File over ${route.fileBody.maxBytes} bytes`);
  if (route.body) {
    documented["413"] ??= problemResponse(`请求体过大 / Body over ${route.bodyMaxBytes ?? maxRequestBodyBytes} bytes`);
    documented["415"] ??= problemResponse("不支持的内容类型 / Body is not application/json");
  }
  return documented;
}

function operation(resource: Resource, route: Route): JsonSchema {
  const allowed = route.access === "public" ? "public" : route.access.join(", ");
  return {
    tags: [resource.tag],
    summary: route.summary,
    description: [route.description, `Access: ${allowed}.`].filter(Boolean).join("\n\n"),
    operationId: `${route.method}${(resource.basePath + route.path).replace(/[^A-Za-z0-9]+(.)?/g, (_, next: string | undefined) => next?.toUpperCase() ?? "")}`,
    ...(route.deprecated && { deprecated: true }),
    security: route.access === "public" ? [] : [{ bearerToken: [] }],
    parameters: parameters(route),
    ...(route.body && {
      requestBody: { required: true, content: { "application/json": { schema: jsonSchema(route.body, "input") } } },
    }),
    ...(route.fileBody && {
      requestBody: {
        required: true,
        description: route.fileBody.description,
        content: { "*/*": { schema: { type: "string", format: "binary", maxLength: route.fileBody.maxBytes } } },
      },
    }),
    responses: responses(route),
  };
}

export function openApiPath(apiBasePath: string, resource: Resource, route: Route): string {
  return apiBasePath + resource.basePath + (route.path === "/" ? "" : route.path);
}

export function openApiDocument(apiBasePath: string, resources: readonly Resource[]): JsonSchema {
  const paths: Record<string, JsonSchema> = {};
  for (const resource of resources) {
    for (const route of resource.routes) {
      const path = openApiPath(apiBasePath, resource, route);
      paths[path] = { ...paths[path], [route.method]: operation(resource, route) };
    }
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "填报 Tianbao API",
      version: "1",
      description: `ReportingUnit-to-province reporting of the 323 forms. Errors are application/problem+json. Request bodies are limited to ${maxRequestBodyBytes} bytes.`,
    },
    servers: [{ url: "/" }],
    tags: resources.map((resource) => ({ name: resource.tag })),
    paths,
    components: {
      securitySchemes: { bearerToken: { type: "http", scheme: "bearer", description: "An API token, tb_…" } },
      schemas: { Problem: jsonSchema(problemSchema, "output") },
    },
  };
}
