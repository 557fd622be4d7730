import { describe, expect, it } from "vitest";
import { includedRevision } from "../../../shared/consolidate/inclusion.ts";
import type { RevisionStatus } from "../../../shared/consolidate/inclusion.ts";

// forms-323.md, "Inclusion", case by case.
const history = (...statuses: RevisionStatus[]) => statuses.map((status, index) => ({ revision: index + 1, status }));
const latest = (...statuses: RevisionStatus[]) => includedRevision(history(...statuses), "latest")?.revision;
const accepted = (...statuses: RevisionStatus[]) => includedRevision(history(...statuses), "accepted")?.revision;

describe("which revision of a unit counts", () => {
  it("latest: the newest revision while it is not returned, whatever came before", () => {
    expect(latest()).toBeUndefined();
    expect(latest("submitted")).toBe(1);
    expect(latest("accepted", "submitted")).toBe(2);
    expect(latest("returned", "submitted", "accepted")).toBe(3);
  });

  it("latest: a returned newest revision gives way to the newest accepted one, else to nothing", () => {
    expect(latest("accepted", "returned")).toBe(1);
    expect(latest("accepted", "submitted", "accepted", "returned")).toBe(3);
    expect(latest("returned")).toBeUndefined();
    // A revision never accepted and replaced by a newer one never stands in (issue 22: 枣庄's revision 1).
    expect(latest("submitted", "returned")).toBeUndefined();
    expect(latest("accepted", "submitted", "returned")).toBe(1);
  });

  it("accepted: the newest accepted revision, or nothing", () => {
    expect(accepted("submitted", "returned")).toBeUndefined();
    expect(accepted("accepted", "submitted")).toBe(1);
    expect(accepted("accepted", "returned", "accepted", "submitted")).toBe(3);
  });

  it("takes the revisions in any order", () => {
    expect(includedRevision([...history("accepted", "submitted", "returned")].reverse(), "latest")?.revision).toBe(1);
  });
});
