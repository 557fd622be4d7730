import { describe, expect, it } from "vitest";
import { DigestSet } from "../../../shared/roster/digest-set.ts";
import { sha256Hex } from "../../../shared/values/sha256-hex.ts";

// The set an upload finds repeated IDs with: as a Set of the same hashes says, through its growth.

describe("DigestSet", () => {
  it("answers as a Set of the hashes does, across many doublings, and ignores what follows the 32nd digit", async () => {
    const set = new DigestSet(4);
    const reference = new Set<string>();
    const hashes = await Promise.all(Array.from({ length: 3000 }, (_, index) => sha256Hex(String(index % 2000))));
    for (const hash of hashes) {
      const key = hash.slice(0, 32);
      expect(set.add(hash)).toBe(!reference.has(key));
      reference.add(key);
    }
    expect(set.size).toBe(2000);
    expect(set.add(`${hashes[0]!.slice(0, 32)}ffff`)).toBe(false);
  });

  it("tells apart hashes that share their first 32 bits (the slot they start from)", () => {
    const set = new DigestSet();
    expect(set.add(`00000000${"0".repeat(23)}1`)).toBe(true);
    expect(set.add(`00000000${"0".repeat(23)}2`)).toBe(true);
    expect(set.add(`00000000${"0".repeat(23)}1`)).toBe(false);
    expect(set.size).toBe(2);
  });
});
