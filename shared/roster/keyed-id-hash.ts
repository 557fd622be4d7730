import { normaliseCitizenId } from "./citizen-id.ts";

/**
 * HMAC-SHA256(key, normalised ID) in lowercase hex, with WebCrypto only (the Worker, browsers and
 * Node alike): what the server keeps of an ID (with its masked form), so that duplicates and the
 * poverty office's list can be matched without the raw number. `key` is the Worker secret
 * ROSTER_ID_KEY, as UTF-8. Import the key once (importRosterIdKey) and hash many IDs with it.
 */
export async function importRosterIdKey(secret: string): Promise<CryptoKey> {
  if (secret.length < 32) throw new Error("ROSTER_ID_KEY 至少 32 个字符 / ROSTER_ID_KEY must be at least 32 characters");
  return crypto.subtle.importKey("raw", new TextEncoder().encode(secret), { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
}

export async function keyedIdHash(key: CryptoKey, id: string): Promise<string> {
  const signature = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(normaliseCitizenId(id)));
  let hex = "";
  for (const byte of new Uint8Array(signature)) hex += byte.toString(16).padStart(2, "0");
  return hex;
}
