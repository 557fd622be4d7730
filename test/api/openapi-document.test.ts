// The OpenAPI document the Worker serves, checked by an OpenAPI 3.1 validator (@readme/openapi-parser)
// rather than by our own reading of it. Built here from the same declarations the Worker serves it from.
import { validate } from "@readme/openapi-parser";
import { describe, expect, it } from "vitest";
import { apiBasePath } from "../../worker/app.ts";
import { openApiResource } from "../../worker/routes/openapi.ts";
import { apiResources } from "../../worker/routes/resources.ts";
import { openApiDocument } from "../../worker/http/openapi.ts";

const document = () => openApiDocument(apiBasePath, [...apiResources, openApiResource(apiBasePath, apiResources)]) as Record<string, unknown>;

describe("openapi.json", () => {
  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await validate(structuredClone(document()) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it("is refused by the validator when broken (so a pass means something)", async () => {
    const broken = structuredClone(document());
    (broken.paths as Record<string, unknown>)["/api/v1/health"] = { get: { responses: "none" } };
    expect((await validate(broken as never)).valid).toBe(false);
  });
});
