import type { Context } from "hono";
import type { z } from "zod";
import type { Role } from "../../shared/units/roles.ts";
import type { AppEnv } from "../env.ts";

// One declaration per endpoint: the router mounts it with authentication and validation,
// and the OpenAPI document is generated from it. To add an endpoint, write a `defineRoute`
// and add it to its resource's `routes`.

export type HttpMethod = "get" | "post" | "put" | "patch" | "delete";

/** `"public"`: no token. Otherwise the roles that may call it (further checks in the handler). */
export type Access = "public" | readonly Role[];

export interface ResponseSpec {
  description: string;
  /** The JSON body; omit for responses without one. */
  schema?: z.ZodType;
  /** A non-JSON body (e.g. an .xlsx file), documented as binary of this media type. */
  mediaType?: string;
}

type Parsed<Schema> = Schema extends z.ZodType ? z.output<Schema> : undefined;

export interface RouteInput<Params, Query, Body, Headers = undefined> {
  params: Parsed<Params>;
  query: Parsed<Query>;
  body: Parsed<Body>;
  headers: Parsed<Headers>;
}

export interface RouteSpec<
  Params extends z.ZodType | undefined,
  Query extends z.ZodType | undefined,
  Body extends z.ZodType | undefined,
  Headers extends z.ZodType | undefined = undefined,
> {
  method: HttpMethod;
  /** Relative to the resource, OpenAPI style: `/{code}/lock`. */
  path: string;
  summary: string;
  description?: string;
  access: Access;
  /** Path parameters, a `z.object` of strings named as in `path`. */
  params?: Params;
  /** Query string, a `z.strictObject`. */
  query?: Query;
  /** JSON body, a `z.strictObject` (unknown fields are rejected). */
  body?: Body;
  /** A file as the raw body (any Content-Type; the handler reads and judges it), up to `maxBytes`. */
  fileBody?: { description: string; maxBytes: number };
  /** A JSON body larger than the API's limit (a prefecture's roster): this route's own limit in bytes. */
  bodyMaxBytes?: number;
  /** Request headers the route reads, a `z.object` keyed by lower-case header name. */
  headers?: Headers;
  /** By status; problem responses (400, 401, 403, 404, 405, 413, 415) are added automatically. */
  responses: Record<number, ResponseSpec>;
  /** An old path kept for older clients: it answers the same, and the OpenAPI document marks it deprecated. */
  deprecated?: boolean;
  handle: (c: Context<AppEnv>, input: RouteInput<Params, Query, Body, Headers>) => Response | Promise<Response>;
}

/** A route with its schema types erased, so routes of a resource fit in one list. */
export type Route = RouteSpec<z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined, z.ZodType | undefined>;

export function defineRoute<
  Params extends z.ZodType | undefined = undefined,
  Query extends z.ZodType | undefined = undefined,
  Body extends z.ZodType | undefined = undefined,
  Headers extends z.ZodType | undefined = undefined,
>(spec: RouteSpec<Params, Query, Body, Headers>): Route {
  return spec as unknown as Route;
}

/** A group of routes under one path, mounted as one Hono sub-router and one OpenAPI tag. */
export interface Resource {
  basePath: string;
  tag: string;
  routes: readonly Route[];
}

/** The path segment that names any reporting unit, and the name it had when only prefectures reported. */
const unitSegment = "/units/{unit}";
const prefectureSegment = "/prefectures/{unit}";

/**
 * A resource whose routes under `/units/{unit}` also answer at `/prefectures/{unit}`, their path
 * before issue 24 (panes, scripts and bookmarks of that time): the same route, marked deprecated.
 */
export function withPrefectureAliases(resource: Resource): Resource {
  const aliases = resource.routes
    .filter((route) => route.path.includes(unitSegment))
    .map((route): Route => ({ ...route, path: route.path.replace(unitSegment, prefectureSegment), deprecated: true }));
  return aliases.length === 0 ? resource : { ...resource, routes: [...resource.routes, ...aliases] };
}
