import { createHash } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { SHA256_INITIAL_STATE, sha256Finish } from "../../../shared/values/sha256-block.ts";

function digestHex(message: Uint8Array): string {
  const out = new Uint8Array(32);
  sha256Finish(new Int32Array(SHA256_INITIAL_STATE), 0, message, out);
  return Buffer.from(out).toString("hex");
}

describe("SHA-256's compression in plain TypeScript", () => {
  it("gives FIPS 180-4's examples", () => {
    const ascii = (text: string) => new TextEncoder().encode(text);
    expect(digestHex(ascii("abc"))).toBe("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    expect(digestHex(ascii(""))).toBe("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
    expect(digestHex(ascii("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq"))).toBe(
      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1",
    );
  });

  it("agrees with node:crypto on any bytes, across the one- and two-block paddings (55, 56, 63, 64 bytes…)", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        expect(digestHex(bytes)).toBe(createHash("sha256").update(bytes).digest("hex"));
      }),
      { numRuns: 300 },
    );
    for (const length of [55, 56, 63, 64, 65, 119, 120, 128])
      expect(digestHex(new Uint8Array(length).fill(length))).toBe(createHash("sha256").update(new Uint8Array(length).fill(length)).digest("hex"));
  });
});
