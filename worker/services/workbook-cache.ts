import { XLSX_MEDIA_TYPE } from "../../shared/api/problem-types.ts";
import { sha256Hex } from "../../shared/values/sha256-hex.ts";

/**
 * Workbooks are rendered when asked and kept in R2 (the WORKBOOKS bucket), keyed by the Worker's
 * version and the SHA-256 of everything the workbook shows: the same state asked again is one R2
 * read instead of a render, a new state or a new version of the renderer is a new key, and nothing
 * is ever invalidated. R2 failing only costs the render: the workbook is served all the same.
 */
export async function keptWorkbook(
  env: Pick<Env, "WORKBOOKS" | "CF_VERSION_METADATA">,
  name: string,
  shows: unknown,
  render: () => Uint8Array | Promise<Uint8Array>,
): Promise<Uint8Array> {
  const key = `${env.CF_VERSION_METADATA.id}/${name}/${await sha256Hex(JSON.stringify(shows))}.xlsx`;
  try {
    const kept = await env.WORKBOOKS.get(key);
    if (kept) return new Uint8Array(await kept.arrayBuffer());
  } catch (error) {
    console.error("kept workbook not read", key, error);
  }
  const bytes = await render();
  try {
    await env.WORKBOOKS.put(key, bytes, { httpMetadata: { contentType: XLSX_MEDIA_TYPE } });
  } catch (error) {
    console.error("workbook not kept", key, error);
  }
  return bytes;
}
