import { createHmac } from "node:crypto";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { withCheckCharacter } from "../../../shared/roster/citizen-id.ts";
import { importRosterIdKey, keyedIdHash } from "../../../shared/roster/keyed-id-hash.ts";
import { maskCitizenId } from "../../../shared/roster/masked-id.ts";

const TEST_KEY = "tianbao-roster-id-key-for-tests-only-0001";

describe("what the server keeps of an ID", () => {
  it("masks all but the first 6 and the last 4 characters, as the spec shows", () => {
    expect(maskCitizenId("37010220080101123X")).toBe("370102********123X");
    expect(maskCitizenId(" 11010519491231002x ")).toBe("110105********002X");
    expect(() => maskCitizenId("3701022008")).toThrow(/18/);
  });

  it("hashes the normalised ID with HMAC-SHA256 under the key (test vector)", async () => {
    const key = await importRosterIdKey(TEST_KEY);
    // Computed with OpenSSL's HMAC (node:crypto) once and written down: the vector any other implementation must give.
    expect(await keyedIdHash(key, "11010519491231002X")).toBe("c5b93419f503854b8093bc7a47e9299f80f000eb412e7f8145e5bc3f50de26fd");
    expect(await keyedIdHash(key, " 11010519491231002x")).toBe("c5b93419f503854b8093bc7a47e9299f80f000eb412e7f8145e5bc3f50de26fd");
    expect(await keyedIdHash(key, "370102200801011235")).toBe("2d2e2c08c205d457a9c00d7eebe4565de70e22cb1d9ea30d84445500df49443a");
  });

  it("agrees with node:crypto's HMAC on any ID, and another key gives another hash", async () => {
    const key = await importRosterIdKey(TEST_KEY);
    const otherKey = await importRosterIdKey(`${TEST_KEY}-rotated`);
    await fc.assert(
      fc.asyncProperty(fc.stringMatching(/^\d{17}$/), async (first17) => {
        const id = withCheckCharacter(first17);
        const hash = await keyedIdHash(key, id);
        expect(hash).toBe(createHmac("sha256", TEST_KEY).update(id).digest("hex"));
        expect(await keyedIdHash(otherKey, id)).not.toBe(hash);
      }),
      { numRuns: 50 },
    );
  });

  it("refuses a key too short to be a secret", async () => {
    await expect(importRosterIdKey("short")).rejects.toThrow(/32/);
  });
});
