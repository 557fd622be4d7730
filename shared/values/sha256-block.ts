/**
 * SHA-256's compression function (FIPS 180-4 §6.2.2) in plain TypeScript, synchronous: one 64-byte
 * block into an 8-word state. For work WebCrypto makes slow by being asynchronous per call — many short
 * messages under one HMAC key (shared/roster/keyed-id-hasher.ts); one-off digests use sha256Hex.
 */

const K = new Int32Array([
  0x428a2f98, 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5, 0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74,
  0x80deb1fe, 0x9bdc06a7, 0xc19bf174, 0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da, 0x983e5152, 0xa831c66d,
  0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967, 0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e,
  0x92722c85, 0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070, 0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5,
  0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3, 0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2,
]);

/** The initial hash value H(0). */
export const SHA256_INITIAL_STATE: readonly number[] = [0x6a09e667, 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19];

const w = new Int32Array(64);

/** Folds the 64 bytes of `block` from `offset` into `state` (8 words, changed in place). */
export function sha256Block(state: Int32Array, block: Uint8Array, offset = 0): void {
  for (let t = 0; t < 16; t++) {
    const i = offset + t * 4;
    w[t] = ((block[i] as number) << 24) | ((block[i + 1] as number) << 16) | ((block[i + 2] as number) << 8) | (block[i + 3] as number);
  }
  for (let t = 16; t < 64; t++) {
    const x = w[t - 15] as number;
    const y = w[t - 2] as number;
    const s0 = ((x >>> 7) | (x << 25)) ^ ((x >>> 18) | (x << 14)) ^ (x >>> 3);
    const s1 = ((y >>> 17) | (y << 15)) ^ ((y >>> 19) | (y << 13)) ^ (y >>> 10);
    w[t] = ((w[t - 16] as number) + s0 + (w[t - 7] as number) + s1) | 0;
  }
  let a = state[0] as number;
  let b = state[1] as number;
  let c = state[2] as number;
  let d = state[3] as number;
  let e = state[4] as number;
  let f = state[5] as number;
  let g = state[6] as number;
  let h = state[7] as number;
  for (let t = 0; t < 64; t++) {
    const S1 = ((e >>> 6) | (e << 26)) ^ ((e >>> 11) | (e << 21)) ^ ((e >>> 25) | (e << 7));
    const ch = (e & f) ^ (~e & g);
    const t1 = (h + S1 + ch + (K[t] as number) + (w[t] as number)) | 0;
    const S0 = ((a >>> 2) | (a << 30)) ^ ((a >>> 13) | (a << 19)) ^ ((a >>> 22) | (a << 10));
    const maj = (a & b) ^ (a & c) ^ (b & c);
    const t2 = (S0 + maj) | 0;
    h = g;
    g = f;
    f = e;
    e = (d + t1) | 0;
    d = c;
    c = b;
    b = a;
    a = (t1 + t2) | 0;
  }
  state[0] = ((state[0] as number) + a) | 0;
  state[1] = ((state[1] as number) + b) | 0;
  state[2] = ((state[2] as number) + c) | 0;
  state[3] = ((state[3] as number) + d) | 0;
  state[4] = ((state[4] as number) + e) | 0;
  state[5] = ((state[5] as number) + f) | 0;
  state[6] = ((state[6] as number) + g) | 0;
  state[7] = ((state[7] as number) + h) | 0;
}

/**
 * The digest of `message` continued from `state`, which has already absorbed `absorbed` bytes (a
 * multiple of 64): the message's whole blocks, then the padding and the length in bits. `state` is
 * not changed; the 32-byte digest is written into `out`.
 */
export function sha256Finish(state: Int32Array, absorbed: number, message: Uint8Array, out: Uint8Array): void {
  const h = working;
  h.set(state);
  const whole = message.length - (message.length % 64);
  for (let offset = 0; offset < whole; offset += 64) sha256Block(h, message, offset);
  const rest = message.length - whole;
  const length = rest < 56 ? 64 : 128;
  tail.fill(0, 0, length);
  tail.set(message.subarray(whole));
  tail[rest] = 0x80;
  const bits = (absorbed + message.length) * 8;
  writeWord(tail, length - 8, Math.floor(bits / 0x100000000));
  writeWord(tail, length - 4, bits);
  sha256Block(h, tail, 0);
  if (length === 128) sha256Block(h, tail, 64);
  for (let i = 0; i < 8; i++) writeWord(out, i * 4, h[i] as number);
}

/** Buffers of sha256Finish, reused: it is synchronous, so no two calls share them. */
const working = new Int32Array(8);
const tail = new Uint8Array(128);

function writeWord(bytes: Uint8Array, offset: number, word: number): void {
  bytes[offset] = word >>> 24;
  bytes[offset + 1] = (word >>> 16) & 0xff;
  bytes[offset + 2] = (word >>> 8) & 0xff;
  bytes[offset + 3] = word & 0xff;
}
