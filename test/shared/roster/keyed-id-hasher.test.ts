import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withCheckCharacter } from "../../../shared/roster/citizen-id.ts";
import { importRosterIdKey, keyedIdHash } from "../../../shared/roster/keyed-id-hash.ts";
import { hmacSha256, rosterIdHasher } from "../../../shared/roster/keyed-id-hasher.ts";

const TEST_KEY = "tianbao-roster-id-key-for-tests-only-0001";
const hex = (text: string) => Uint8Array.from(text.match(/../g) ?? [], (pair) => Number.parseInt(pair, 16));
const ascii = (text: string) => new TextEncoder().encode(text);
const toHex = (bytes: Uint8Array) => Buffer.from(bytes).toString("hex");

// RFC 4231 §4.2–4.8: HMAC-SHA-256 of the seven test cases (case 5's output is truncated to 128 bits).
const RFC_4231: { key: Uint8Array; data: Uint8Array; mac: string }[] = [
  { key: new Uint8Array(20).fill(0x0b), data: ascii("Hi There"), mac: "b0344c61d8db38535ca8afceaf0bf12b881dc200c9833da726e9376c2e32cff7" },
  { key: ascii("Jefe"), data: ascii("what do ya want for nothing?"), mac: "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843" },
  { key: new Uint8Array(20).fill(0xaa), data: new Uint8Array(50).fill(0xdd), mac: "773ea91e36800e46854db8ebd09181a72959098b3ef8c122d9635514ced565fe" },
  {
    key: hex("0102030405060708090a0b0c0d0e0f10111213141516171819"),
    data: new Uint8Array(50).fill(0xcd),
    mac: "82558a389a443c0ea4cc819899f2083a85f0faa3e578f8077a2e3ff46729665b",
  },
  { key: new Uint8Array(20).fill(0x0c), data: ascii("Test With Truncation"), mac: "a3b6167473100ee06e0c796c2955552b" },
  {
    key: new Uint8Array(131).fill(0xaa),
    data: ascii("Test Using Larger Than Block-Size Key - Hash Key First"),
    mac: "60e431591ee0b67f0d8a26aacbf5b77f8e0bc6213728c5140546040f0ee37f54",
  },
  {
    key: new Uint8Array(131).fill(0xaa),
    data: ascii(
      "This is a test using a larger than block-size key and a larger than block-size data. The key needs to be hashed before being used by the HMAC algorithm.",
    ),
    mac: "9b09ffa71b942fcb27635fbcd5b0e944bfdc63644f0713938a7f51535c3a35e2",
  },
];

describe("the synchronous HMAC-SHA256 with precomputed pads", () => {
  it("gives RFC 4231's test vectors", () => {
    for (const { key, data, mac } of RFC_4231) expect(toHex(hmacSha256(key)(data)).slice(0, mac.length)).toBe(mac);
  });

  it("gives WebCrypto's HMAC on any bytes under any key, one key many messages", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.uint8Array({ minLength: 1, maxLength: 200 }),
        fc.array(fc.uint8Array({ maxLength: 200 }), { minLength: 1, maxLength: 5 }),
        async (key, messages) => {
          const webKey = await crypto.subtle.importKey("raw", key, { name: "HMAC", hash: "SHA-256" }, false, ["sign"]);
          const mac = hmacSha256(key);
          for (const message of messages) expect(toHex(mac(message))).toBe(toHex(new Uint8Array(await crypto.subtle.sign("HMAC", webKey, message))));
        },
      ),
      { numRuns: 100 },
    );
  });

  it("gives keyedIdHash's (WebCrypto's) hash of every ID, normalised the same way", async () => {
    const hash = rosterIdHasher(TEST_KEY);
    const key = await importRosterIdKey(TEST_KEY);
    expect(hash(" 11010519491231002x")).toBe("c5b93419f503854b8093bc7a47e9299f80f000eb412e7f8145e5bc3f50de26fd");
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^\d{17}$/), async (first17) => {
        const id = withCheckCharacter(first17);
        expect(hash(id)).toBe(await keyedIdHash(key, id));
        expect(hash(id.toLowerCase())).toBe(hash(id));
        // What a roster stores: the first 32 hex digits, made as that string alone.
        expect(hash(id, 32)).toBe(hash(id).slice(0, 32));
      }),
      { numRuns: 1000 },
    );
  });

  it("refuses a key too short to be a secret, like importRosterIdKey", () => {
    expect(() => rosterIdHasher("short")).toThrow(/32/);
  });
});
