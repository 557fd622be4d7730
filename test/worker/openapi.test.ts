import { describe, expect, it } from "vitest";
import { api } from "./api-client.ts";

interface OpenApi {
  openapi: string;
  paths: Record<
    string,
    Record<string, { security: unknown[]; requestBody?: any; responses: Record<string, unknown>; parameters: any[]; deprecated?: boolean }>
  >;
}

describe("GET /api/v1/openapi.json", () => {
  it("describes every endpoint from the route declarations", async () => {
    const response = await api("/openapi.json");
    expect(response.status).toBe(200);
    const document = (await response.json()) as OpenApi;
    expect(document.openapi).toBe("3.1.0");
    const operations = (deprecated: boolean) =>
      Object.entries(document.paths).flatMap(([path, methods]) =>
        Object.entries(methods)
          .filter(([, operation]) => (operation.deprecated ?? false) === deprecated)
          .map(([method]) => `${method.toUpperCase()} ${path}`),
      );
    const current = operations(false);
    // Every path of a unit answers at its old name too (before issue 24), documented as deprecated; the rosters, their comparison, the outlier ranges, a value's history, its thread and the follow-ups came later, without.
    const later = ["/roster", "/outlier-ranges", "/history", "/comments", "/follow-ups"];
    expect(operations(true).sort()).toEqual(
      current
        .filter((operation) => operation.includes("/units/{unit}") && !later.some((path) => operation.includes(path)))
        .map((operation) => operation.replace("/units/{unit}", "/prefectures/{unit}"))
        .sort(),
    );
    expect(current.sort()).toEqual(
      [
        "GET /api/v1/health",
        "GET /api/v1/me",
        "GET /api/v1/openapi.json",
        "GET /api/v1/periods",
        "POST /api/v1/periods",
        "PATCH /api/v1/periods/{period}",
        "POST /api/v1/periods/{period}/lock",
        "POST /api/v1/periods/{period}/unlock",
        "GET /api/v1/periods/{period}/units/{unit}",
        "POST /api/v1/periods/{period}/units/{unit}/submissions",
        "GET /api/v1/periods/{period}/units/{unit}/submissions",
        "GET /api/v1/periods/{period}/units/{unit}/submissions/{revision}",
        "GET /api/v1/periods/{period}/units/{unit}/submissions/{revision}/diff",
        "GET /api/v1/periods/{period}/units/{unit}/submissions/{revision}/since-accepted",
        "GET /api/v1/periods/{period}/units/{unit}/submissions/{revision}/workbook.xlsx",
        "POST /api/v1/periods/{period}/units/{unit}/submissions/{revision}/review",
        "POST /api/v1/periods/{period}/units/{unit}/submissions/{revision}/attachments",
        "GET /api/v1/periods/{period}/units/{unit}/submissions/{revision}/attachments",
        "GET /api/v1/periods/{period}/units/{unit}/submissions/{revision}/attachments/{sequence}",
        "POST /api/v1/periods/{period}/units/{unit}/rosters",
        "GET /api/v1/periods/{period}/units/{unit}/rosters",
        "GET /api/v1/periods/{period}/units/{unit}/rosters/{revision}",
        "GET /api/v1/periods/{period}/units/{unit}/rosters/{revision}/not-on-list",
        "GET /api/v1/periods/{period}/roster-duplicates",
        "POST /api/v1/periods/{period}/poverty-list",
        "GET /api/v1/periods/{period}/units/{unit}/roster-comparison",
        "GET /api/v1/periods/{period}/roster-comparison",
        "GET /api/v1/periods/{period}/roster-coverage",
        "GET /api/v1/periods/{period}/completeness",
        "GET /api/v1/periods/{period}/consolidated",
        "GET /api/v1/periods/{period}/warning-analysis",
        "PUT /api/v1/periods/{period}/units/{unit}/outlier-ranges",
        "GET /api/v1/periods/{period}/units/{unit}/outlier-ranges",
        "GET /api/v1/periods/{period}/consolidated.xlsx",
        "GET /api/v1/periods/{period}/units/{unit}/template.xlsx",
        "GET /api/v1/periods/{period}/units/{unit}/completeness",
        "GET /api/v1/periods/{period}/units/{unit}/merged",
        "GET /api/v1/periods/{period}/units/{unit}/merged.xlsx",
        "POST /api/v1/periods/{period}/units/{unit}/reminders",
        "GET /api/v1/periods/{period}/units/{unit}/reminders",
        "POST /api/v1/periods/{period}/reminders",
        "GET /api/v1/periods/{period}/units/{unit}/history",
        "GET /api/v1/periods/{period}/units/{unit}/comments",
        "POST /api/v1/periods/{period}/units/{unit}/comments",
        "POST /api/v1/periods/{period}/units/{unit}/follow-ups",
        "GET /api/v1/periods/{period}/units/{unit}/follow-ups",
        "POST /api/v1/periods/{period}/units/{unit}/follow-ups/{id}/clear",
        "GET /api/v1/periods/{period}/follow-ups",
        "GET /api/v1/editions",
        "GET /api/v1/editions/{edition}",
        "GET /api/v1/regions",
        "GET /api/v1/tokens",
        "POST /api/v1/tokens",
        "DELETE /api/v1/tokens/{id}",
        "GET /api/v1/audit",
      ].sort(),
    );
  });

  it("documents the stamped-copy upload as a binary body with its limit", async () => {
    const document = (await (await api("/openapi.json")).json()) as OpenApi;
    const attach = document.paths["/api/v1/periods/{period}/units/{unit}/submissions/{revision}/attachments"]!.post!;
    expect(attach.requestBody.content["*/*"].schema).toEqual({ type: "string", format: "binary", maxLength: 10 * 1024 * 1024 });
    expect(Object.keys(attach.responses)).toEqual(expect.arrayContaining(["201", "401", "403", "404", "409", "413", "415"]));
  });

  it("uses the validation schemas: strict bodies, path parameters, problem responses", async () => {
    const document = (await (await api("/openapi.json")).json()) as OpenApi;
    const unlock = document.paths["/api/v1/periods/{period}/unlock"]!.post!;
    const bodySchema = unlock.requestBody.content["application/json"].schema;
    expect(bodySchema.additionalProperties).toBe(false);
    expect(bodySchema.required).toEqual(["reason"]);
    // The unit as unitCode, or under its old name, documented deprecated (issue 24).
    expect(Object.keys(bodySchema.properties)).toEqual(expect.arrayContaining(["unitCode", "prefectureCode"]));
    expect(bodySchema.properties.prefectureCode.deprecated).toBe(true);
    expect(unlock.parameters).toEqual([expect.objectContaining({ name: "period", in: "path", required: true })]);
    expect(Object.keys(unlock.responses)).toEqual(expect.arrayContaining(["200", "400", "401", "403", "409", "413", "415"]));
    expect(unlock.security).toEqual([{ bearerToken: [] }]);
    expect(document.paths["/api/v1/health"]!.get!.security).toEqual([]);
  });

  it("documents the 429 of too many failed sign-ins on every route with a token, and the audit log's query", async () => {
    const document = (await (await api("/openapi.json")).json()) as OpenApi;
    expect(Object.keys(document.paths["/api/v1/me"]!.get!.responses)).toEqual(expect.arrayContaining(["401", "429"]));
    expect(Object.keys(document.paths["/api/v1/health"]!.get!.responses)).not.toContain("429");
    expect(Object.keys(document.paths["/api/v1/tokens/{id}"]!.delete!.responses)).toContain("409");
    const audit = document.paths["/api/v1/audit"]!.get!;
    expect(audit.parameters.map((parameter: { name: string }) => parameter.name).sort()).toEqual(["action", "cursor", "from", "limit", "to", "unit"]);
  });

  it("documents the submit endpoint's Idempotency-Key header and its 409, 422 and 423 problems", async () => {
    const document = (await (await api("/openapi.json")).json()) as OpenApi;
    const submit = document.paths["/api/v1/periods/{period}/units/{unit}/submissions"]!.post!;
    expect(submit.parameters).toEqual(expect.arrayContaining([expect.objectContaining({ name: "idempotency-key", in: "header", required: true })]));
    expect(Object.keys(submit.responses)).toEqual(expect.arrayContaining(["200", "201", "400", "403", "409", "413", "422", "423"]));
    expect(submit.requestBody.content["application/json"].schema.required).toEqual(expect.arrayContaining(["report", "basedOnRevision"]));
  });
});
