import { describe, expect, it } from "vitest";
import { isCleanText } from "../../../shared/values/clean-text.ts";

describe("clean text", () => {
  it("keeps letters, CJK, emoji (surrogate pairs), tab and newline", () => {
    for (const text of ["王五", "Zhang San", "济南市\t历下区\n第二行", "🚀 火箭", "‎"]) expect(isCleanText(text), JSON.stringify(text)).toBe(true);
  });

  it("refuses C0 controls but tab and newline, lone surrogates and bidirectional overrides", () => {
    const refused = [
      "\u0000",
      "\u0001",
      "\u0008",
      "\u000b",
      "\u000c",
      "\r",
      "\u001b",
      "\u001f",
      "\ud800",
      "x\udc00",
      "\ud83d",
      "\u202a",
      "\u202e",
      "\u2066",
      "\u2069",
    ];
    for (const character of refused) expect(isCleanText(`王${character}五`), JSON.stringify(character)).toBe(false);
  });
});
