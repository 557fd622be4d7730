import { XLSX_MEDIA_TYPE } from "../../shared/api/problem-types.ts";
import { contentDisposition } from "../http/content-disposition.ts";

/** An .xlsx download; the file name may be Chinese (RFC 6266 filename*, with an ASCII fallback). */
export function xlsxResponse(bytes: Uint8Array, fileName: string, asciiFileName: string): Response {
  return new Response(bytes, {
    headers: {
      "Content-Type": XLSX_MEDIA_TYPE,
      "Content-Disposition": contentDisposition(fileName, asciiFileName),
    },
  });
}
