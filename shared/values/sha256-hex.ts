/** SHA-256 of text (UTF-8) or bytes in lowercase hex, with WebCrypto only (Workers, browsers and Node alike). */
export async function sha256Hex(input: string | Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest("SHA-256", typeof input === "string" ? new TextEncoder().encode(input) : (input as Uint8Array<ArrayBuffer>));
  return [...new Uint8Array(digest)].map((byte) => byte.toString(16).padStart(2, "0")).join("");
}
