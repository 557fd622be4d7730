// The documents stay true to the tree: ARCHITECTURE.md names only paths that exist and stays a
// one-sitting read, and every link between the Markdown files reaches an existing file and heading
// (sections move between the README and docs/). Each check also bites on a made-up document.
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";
import { repoRoot } from "../../scripts/lib/repo-root.ts";

/** The documents a newcomer reads, relative to the repository's root. */
const documents = [
  "README.md",
  "ARCHITECTURE.md",
  "CONTRIBUTING.md",
  ...readdirSync(join(repoRoot, "docs"))
    .filter((name) => name.endsWith(".md"))
    .map((name) => `docs/${name}`),
];

const read = (path: string) => readFileSync(join(repoRoot, path), "utf8");

/**
 * The backticked spans that name a file or folder of the repository: no spaces, a first segment with a
 * letter (not `323/2019`), a slash or a file extension (not `T01`), not an API path (`/api/v1/…`).
 * A `<placeholder>` segment stands for any name: the folder before it must exist.
 */
function backtickedPaths(markdown: string): string[] {
  const spans = [...markdown.matchAll(/`([^`\s]+)`/g)].map((match) => match[1] as string);
  const pathLike = /^[\w.-]*[A-Za-z][\w.-]*(\/[\w.<>-]+)*\/?$/;
  const fileName = /\.(md|ts|js|mjs|cjs|json|sql|toml|xml|html|css|png)$/;
  return [...new Set(spans.filter((span) => pathLike.test(span) && (span.includes("/") || fileName.test(span))))];
}

function missingPaths(markdown: string, root: string): string[] {
  return backtickedPaths(markdown).filter((path) => {
    const placeholder = path.split("/").findIndex((segment) => segment.includes("<"));
    const mustExist = placeholder === -1 ? path : path.split("/").slice(0, placeholder).join("/");
    return !existsSync(join(root, mustExist));
  });
}

/** GitHub's anchor of a heading: lower case, punctuation dropped (letters of any script kept), spaces → hyphens; repeats get -1, -2… */
function headingAnchors(markdown: string): Set<string> {
  const anchors = new Set<string>();
  const seen = new Map<string, number>();
  let fenced = false;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("```")) fenced = !fenced;
    const heading = !fenced && /^#{1,6} (.+)$/.exec(line);
    if (!heading) continue;
    const slug = (heading[1] as string)
      .trim()
      .toLowerCase()
      .replace(/[^\p{L}\p{M}\p{N}\s_-]/gu, "")
      .replace(/\s/g, "-");
    const count = seen.get(slug) ?? 0;
    seen.set(slug, count + 1);
    anchors.add(count === 0 ? slug : `${slug}-${count}`);
  }
  return anchors;
}

/** Links `[text](target)` to a file of the repository or to `#anchor` that lead nowhere, as written. */
function brokenLinks(document: string, markdown: string, readDocument: (path: string) => string | undefined): string[] {
  const targets = [...markdown.matchAll(/\]\(([^)\s]+)\)/g)].map((match) => match[1] as string).filter((target) => !/^[a-z]+:/.test(target));
  return targets.filter((target) => {
    const [file = "", anchor] = target.split("#");
    const path = file === "" ? document : join(dirname(document), file);
    const text = readDocument(path);
    if (text === undefined) return true;
    return anchor !== undefined && path.endsWith(".md") && !headingAnchors(text).has(anchor);
  });
}

const readIfThere = (path: string) => {
  const absolute = join(repoRoot, path);
  if (!existsSync(absolute)) return undefined;
  return statSync(absolute).isDirectory() ? "" : readFileSync(absolute, "utf8");
};

describe("ARCHITECTURE.md", () => {
  const architecture = read("ARCHITECTURE.md");

  it("names only paths that exist", () => {
    expect(backtickedPaths(architecture).length).toBeGreaterThan(50);
    expect(missingPaths(architecture, repoRoot)).toEqual([]);
  });

  it("is at most 120 lines", () => {
    expect(architecture.trimEnd().split("\n").length).toBeLessThanOrEqual(120);
  });

  it("bites on a path that is not there, and not on what is no path", () => {
    const made =
      "`worker/services/submit-report.ts`, `worker/services/no-such-file.ts`, `cli/commands/<name>.ts`, `323/2019`, `/api/v1/health`, `T01`, `GET …/merged`, `README.md`, `NOPE.md`";
    expect(missingPaths(made, repoRoot)).toEqual(["worker/services/no-such-file.ts", "NOPE.md"]);
  });
});

describe("links between the documents", () => {
  it.each(documents)("%s links only to files and headings that exist", (document) => {
    expect(brokenLinks(document, read(document), readIfThere)).toEqual([]);
  });

  it("bites on a link to a heading that moved away or a file that is not there", () => {
    const files: Record<string, string> = {
      "README.md":
        "# Tianbao\n\n## Counties (county → prefecture → province)\n\nSee [limits](docs/limits.md#limits) and [plan](docs/operations.md#which-workers-plan).\n",
      "docs/limits.md":
        "# Limits\n\n## What the browser is told\n\nBack to [counties](../README.md#counties-county--prefecture--province), [here](#what-the-browser-is-told), [gone](#security).\n",
    };
    const readMade = (path: string) => files[path];
    expect(brokenLinks("README.md", files["README.md"] as string, readMade)).toEqual(["docs/operations.md#which-workers-plan"]);
    expect(brokenLinks("docs/limits.md", files["docs/limits.md"] as string, readMade)).toEqual(["#security"]);
  });

  it("finds GitHub's anchors, repeated headings numbered and fenced lines skipped", () => {
    const anchors = headingAnchors("## The Excel add-in: sideloading\n```sh\n# not a heading\n```\n## Tokens\n## Tokens\n### `_prev` 说明\n");
    expect([...anchors]).toEqual(["the-excel-add-in-sideloading", "tokens", "tokens-1", "_prev-说明"]);
  });
});
