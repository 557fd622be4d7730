import { attachmentListSchema, attachmentParamsSchema, attachmentSchema, attachQuerySchema } from "../../shared/api/attachments.ts";
import { revisionParamsSchema } from "../../shared/api/submissions.ts";
import { maxStampedCopyBytes } from "../../shared/attachments/stamped-copy.ts";
import { roles } from "../auth/caller.ts";
import { contentDisposition } from "../http/content-disposition.ts";
import { defineRoute } from "../http/route.ts";
import type { Resource } from "../http/route.ts";
import { attachStampedCopy, revisionAttachments, stampedCopyFile } from "../services/stamped-copies.ts";
import { requireUnitInPath } from "../services/require-unit.ts";

const attachmentsPath = "/{period}/units/{unit}/submissions/{revision}/attachments";

export const attachmentsResource: Resource = {
  basePath: "/periods",
  tag: "attachments",
  routes: [
    defineRoute({
      method: "post",
      path: attachmentsPath,
      summary: "附盖章件 / Attach the signed and stamped copy of a revision (PDF, JPEG or PNG)",
      description: [
        "Only the unit's clerk, only to the latest revision while it awaits review (not once returned or accepted) and its period is open for the unit.",
        "The body is the file itself; its type is read from its structure (PDF header and trailer, JPEG SOI…EOI, PNG IHDR…IEND), never from its name or Content-Type; the stored name ends in the type's extension.",
        "A later copy supersedes an earlier one, which stays readable.",
      ].join(" "),
      access: ["clerk"],
      params: revisionParamsSchema,
      query: attachQuerySchema,
      fileBody: { description: "The file: PDF, JPEG or PNG", maxBytes: maxStampedCopyBytes },
      responses: {
        201: { description: "Stored: the copy's record", schema: attachmentSchema },
        409: { description: "revision-not-attachable: not the latest revision, or no longer awaiting review (returned, or accepted: final)" },
        423: { description: "period-locked: the period is locked and not unlocked for this unit" },
        413: { description: `Over ${maxStampedCopyBytes} bytes` },
        415: { description: "attachment-type-not-allowed: not a PDF, JPEG or PNG by content" },
      },
      handle: async (c, { params, query }) => {
        const caller = c.get("caller");
        const prefecture = requireUnitInPath(caller, params.unit, "write");
        const bytes = new Uint8Array(await c.req.arrayBuffer());
        const attachment = await attachStampedCopy(c.env, caller, params.period, prefecture, params.revision, bytes, query.fileName);
        c.header("Location", `${c.req.path}/${attachment.sequence}`);
        return c.json(attachment, 201);
      },
    }),

    defineRoute({
      method: "get",
      path: attachmentsPath,
      summary: "盖章件列表 / The stamped copies of a revision",
      access: roles,
      params: revisionParamsSchema,
      responses: { 200: { description: "Oldest first; the last is current", schema: attachmentListSchema } },
      handle: async (c, { params }) => {
        const prefecture = requireUnitInPath(c.get("caller"), params.unit, "read");
        return c.json({ attachments: await revisionAttachments(c.env.DB, params.period, prefecture.code, params.revision) });
      },
    }),

    defineRoute({
      method: "get",
      path: `${attachmentsPath}/{sequence}`,
      summary: "下载盖章件 / Download one stamped copy",
      access: roles,
      params: attachmentParamsSchema,
      responses: { 200: { description: "The file as attached (ETag = its SHA-256)", mediaType: "application/octet-stream" } },
      handle: async (c, { params }) => {
        const prefecture = requireUnitInPath(c.get("caller"), params.unit, "read");
        const { attachment, body } = await stampedCopyFile(c.env, params.period, prefecture.code, params.revision, params.sequence);
        return new Response(body, {
          headers: {
            "Content-Type": attachment.mediaType,
            "Content-Length": String(attachment.sizeBytes),
            "Content-Disposition": contentDisposition(attachment.fileName, `stamped-copy.${attachment.mediaType.split("/")[1]}`),
            "X-Content-Type-Options": "nosniff",
            ETag: `"${attachment.sha256}"`,
          },
        });
      },
    }),
  ],
};
