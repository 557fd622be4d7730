import { SHA256_INITIAL_STATE, sha256Block, sha256Finish } from "../values/sha256-block.ts";
import { normaliseCitizenId } from "./citizen-id.ts";

/**
 * Hashes one ID under the key the hasher was made with: keyedIdHash's answer, synchronously; its first
 * `hexDigits` hex digits when asked (what a roster stores), made as that string alone.
 */
export type RosterIdHasher = (id: string, hexDigits?: number) => string;

const HEX_CODES = [..."0123456789abcdef"].map((digit) => digit.charCodeAt(0));

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
  const hex = new Array<number>(64);
  return (id, hexDigits = 64) => {
    const normalised = normaliseCitizenId(id);
    const digest = mac(isAscii(normalised, ascii) ? ascii.subarray(0, normalised.length) : encoder.encode(normalised));
    // One string of char codes, not 32 concatenations (a prefecture's 40,000 IDs made a million strings of garbage).
    for (let i = 0; i < 32; i++) {
      const byte = digest[i] as number;
      hex[2 * i] = HEX_CODES[byte >>> 4] as number;
      hex[2 * i + 1] = HEX_CODES[byte & 15] as number;
    }
    return String.fromCharCode(...hex.slice(0, Math.min(64, Math.max(0, hexDigits))));
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
