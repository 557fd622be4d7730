import { createHash } from "node:crypto";
import { mkdir, mkdtemp, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { runWrangler } from "../../cli/local-d1/wrangler.ts";
import { repoRoot } from "../../scripts/lib/repo-root.ts";

// The migrations of past releases, rebuilt from today's files (the tests cannot rely on git history: a CI
// clone may be shallow) and checked byte for byte against the SHA-256 each file had at that commit, then
// applied by wrangler to a local D1 as that release's `npm run db:migrate` applied them.
// Landed files are pinned (test/guardrails/landed-migrations.json), so these stay true.

const today = (name: string) => readFile(join(repoRoot, "worker", "migrations", name), "utf8");

/** 0005 as main had it from a30f4a7 to 9f6c82d is byte for byte today's 0009 (moved there when 0005 was restored). */
const definitionWithBounds = () => today("0009_edition_323_2019_definition_bounds.sql");

export interface Release {
  commit: string;
  /** File name → its contents then. */
  files: () => Promise<Record<string, string>>;
  /** File name → SHA-256 at that commit (`git show <commit>:worker/migrations/<name> | sha256sum`). */
  sha256: Record<string, string>;
}

const firstFour = {
  "0001_schema.sql": "81b05effdd5e160cca63b45723c881e08254e67a9ac222b6c42ffb297c75e836",
  "0002_append_only.sql": "df38aa3488784c80d8c0758f78fb10f0e24460235aa10af925bf4bf7f57c8644",
  "0003_seed_regions.sql": "ef1f7e68801174ce3d93aa7c8f1093f6c39e2982a877a3eb18b8bac18c8d7a15",
  "0004_seed_edition_323_2019.sql": "08df95f7ae8c21244a737f654f5b4c6d1bee8783b28b7447e5ed211c78ed0212",
};
const readFirstFour = async () => Object.fromEntries(await Promise.all(Object.keys(firstFour).map(async (name) => [name, await today(name)])));

/** The first Worker: 0005 with the form set's first definition. */
export const firstWorker: Release = {
  commit: "7f6aadf",
  files: async () => ({ ...(await readFirstFour()), "0005_edition_323_2019_definition.sql": await today("0005_edition_323_2019_definition.sql") }),
  sha256: { ...firstFour, "0005_edition_323_2019_definition.sql": "5f0612536123cd922b83136ed4560cdf97cec10597def8b53425d97449713461" },
};

/** Counties in the Worker: 0007 was 0007_level_deadlines.sql, the level deadlines alone (the first statement of today's 0007_counties.sql). */
export const levelDeadlines: Release = {
  commit: "61b6dc4",
  files: async () => ({
    ...(await readFirstFour()),
    "0005_edition_323_2019_definition.sql": await definitionWithBounds(),
    "0006_stamped_copies.sql": await today("0006_stamped_copies.sql"),
    "0007_level_deadlines.sql": `${(await today("0007_counties.sql")).split("\n").slice(0, 9).join("\n")}\n`,
  }),
  sha256: {
    ...firstFour,
    "0005_edition_323_2019_definition.sql": "e04e2e4ea07d28839f36602d52690cb231c50a1f021a6356742ad044849dac5e",
    "0006_stamped_copies.sql": "9467e358a0ec46640a81c98f686e83beaf6d0794a661b22c9a92ec646bb089a7",
    "0007_level_deadlines.sql": "eac05c199b6f9c5f0769eb644722fce70e2c4af250077740d4036fee0173c7fa",
  },
};

/** main when issue 22 was filed: 0005 with the bounds, 0007_counties.sql, the consolidation store. */
export const issue22Main: Release = {
  commit: "9f6c82d",
  files: async () => ({
    ...(await readFirstFour()),
    "0005_edition_323_2019_definition.sql": await definitionWithBounds(),
    "0006_stamped_copies.sql": await today("0006_stamped_copies.sql"),
    "0007_counties.sql": await today("0007_counties.sql"),
    "0008_consolidation_store.sql": await today("0008_consolidation_store.sql"),
  }),
  sha256: {
    ...firstFour,
    "0005_edition_323_2019_definition.sql": "e04e2e4ea07d28839f36602d52690cb231c50a1f021a6356742ad044849dac5e",
    "0006_stamped_copies.sql": "9467e358a0ec46640a81c98f686e83beaf6d0794a661b22c9a92ec646bb089a7",
    "0007_counties.sql": "6fd1f165024451a68517f5ab55165d1d348cec089eef51e65a5174d0d15c25bd",
    "0008_consolidation_store.sql": "fba2d37cef916618ec859e510f132c3c353ecb3612c13f6110c0400a5dc66379",
  },
};

/** main before 0009 landed beside them: 9f6c82d's files and the state rules and token lifecycle (0010, 0011). */
export const tokenLifecycleMain: Release = {
  commit: "30779e7",
  files: async () => ({
    ...(await issue22Main.files()),
    "0010_state_rules.sql": await today("0010_state_rules.sql"),
    "0011_token_lifecycle.sql": await today("0011_token_lifecycle.sql"),
  }),
  sha256: {
    ...issue22Main.sha256,
    "0010_state_rules.sql": "bff6be4417b6d3c3b2dfdc1326c74079555155d331be939524ee8c3af6f2fa7e",
    "0011_token_lifecycle.sql": "4e53f37ecbfdb3cd091976433521e4a4f477a65cda5fb5da0ad93daef7179f11",
  },
};

export const sha256Of = (text: string) => createHash("sha256").update(text).digest("hex");

/** Applies a release's migrations to the local D1 in `persistTo` with wrangler, as that release's db:migrate did; returns its files' SHA-256. */
export async function migrateAsRelease(release: Release, persistTo: string): Promise<Record<string, string>> {
  const dir = await mkdtemp(join(tmpdir(), `tianbao-release-${release.commit}-`));
  await mkdir(join(dir, "migrations"));
  const files = await release.files();
  for (const [name, text] of Object.entries(files)) await writeFile(join(dir, "migrations", name), text);
  // The same binding and database id as wrangler.toml, so the same local D1 file under persistTo.
  const databaseId = /database_id\s*=\s*"([^"]+)"/.exec(await readFile(join(repoRoot, "wrangler.toml"), "utf8"))![1]!;
  await writeFile(
    join(dir, "wrangler.toml"),
    `name = "tianbao-release-${release.commit}"\ncompatibility_date = "2026-11-01"\n[[d1_databases]]\nbinding = "DB"\ndatabase_name = "tianbao"\ndatabase_id = "${databaseId}"\nmigrations_dir = "migrations"\n`,
  );
  try {
    await runWrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", persistTo, "--config", join(dir, "wrangler.toml")]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  return Object.fromEntries(Object.entries(files).map(([name, text]) => [name, sha256Of(text)]));
}
