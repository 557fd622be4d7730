import { SHA256_INITIAL_STATE, sha256Block, sha256Finish } from "../values/sha256-block.ts";
import { normaliseCitizenId } from "./citizen-id.ts";

/** Hashes one ID under the key the hasher was made with: keyedIdHash's answer, synchronously. */
export type RosterIdHasher = (id: string) => string;

const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, "0"));

/**
 * HMAC-SHA256(key, normalised ID) in lowercase hex (RFC 2104), the same value as keyedIdHash, but
 * synchronous and with the key's inner and outer pads folded into SHA-256 states once, when the hasher
 * is made: an 18-character ID then costs two compressions and no promise, where WebCrypto's sign costs
 * four and a round trip through the event loop each — what makes hashing a small share of a roster
 * submit. `secret` is ROSTER_ID_KEY, as UTF-8.
 */
export function rosterIdHasher(secret: string): RosterIdHasher {
  if (secret.length < 32) throw new Error("ROSTER_ID_KEY 至少 32 个字符 / ROSTER_ID_KEY must be at least 32 characters");
  const mac = hmacSha256(new TextEncoder().encode(secret));
  const encoder = new TextEncoder();
  const ascii = new Uint8Array(64);
  return (id) => {
    const normalised = normaliseCitizenId(id);
    const digest = mac(isAscii(normalised, ascii) ? ascii.subarray(0, normalised.length) : encoder.encode(normalised));
    let hex = "";
    for (const byte of digest) hex += HEX[byte];
    return hex;
  };
}

/** Writes `text` into `buffer` as UTF-8 when it is short ASCII (an ID always is), without TextEncoder's new array; false otherwise. */
function isAscii(text: string, buffer: Uint8Array): boolean {
  if (text.length > buffer.length) return false;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code > 0x7f) return false;
    buffer[i] = code;
  }
  return true;
}

/** HMAC-SHA256 under `key` (any length; a key longer than a block is hashed first, as RFC 2104 says). */
export function hmacSha256(key: Uint8Array): (message: Uint8Array) => Uint8Array {
  const block = new Uint8Array(64);
  if (key.length > 64) sha256Finish(new Int32Array(SHA256_INITIAL_STATE), 0, key, block);
  else block.set(key);
  const padded = (pad: number) => {
    const state = new Int32Array(SHA256_INITIAL_STATE);
    sha256Block(
      state,
      block.map((byte) => byte ^ pad),
    );
    return state;
  };
  const inner = padded(0x36);
  const outer = padded(0x5c);
  block.fill(0); // the key is not kept beyond the two states
  const innerDigest = new Uint8Array(32);
  return (message) => {
    sha256Finish(inner, 64, message, innerDigest);
    const digest = new Uint8Array(32);
    sha256Finish(outer, 64, innerDigest, digest);
    return digest;
  };
}
