// npm run deploy -- --origin https://tianbao.example.cn : the Worker and its site to Cloudflare, step by step.
// npm run deploy -- --dry-run                           : bundle only (what the test runs; no account needed).
//
// 1. create the D1 database (once; its id is written into wrangler.toml)
// 2. create the R2 bucket for the stamped copies and the queue of consolidation (once; wrangler.toml names them)
// 3. apply the migrations to the database (--remote)
// 4. build the site (the web page, the task pane, the manifest naming the origin) into dist/site/
// 5. one `wrangler deploy`: the Worker with the site as its static assets, on one origin
// The origin is where clerks open it: the Worker's workers.dev address or a custom domain routed to it.
// Needs CLOUDFLARE_API_TOKEN (and CLOUDFLARE_ACCOUNT_ID if the token sees several accounts),
// so it runs unattended; without them it prints these steps and stops.
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { repoRoot } from "./lib/repo-root.ts";
import { devAddinOrigin } from "./lib/addin-bundle.ts";
import { buildSite, siteDir } from "./lib/site-build.ts";
import { applyMigrations, runWrangler } from "../cli/local-d1/wrangler.ts";

const placeholderDatabaseId = "00000000-0000-4000-8000-000000000000";
const wranglerToml = join(repoRoot, "wrangler.toml");

/** The R2 buckets wrangler.toml binds, by binding: ATTACHMENTS (the stamped copies), WORKBOOKS (rendered workbooks, disposable). */
const buckets = new Map(
  [...readFileSync(wranglerToml, "utf8").matchAll(/\[\[r2_buckets\]\]\s*binding\s*=\s*"([^"]+)"\s*bucket_name\s*=\s*"([^"]+)"/g)].map((match) => [
    match[1],
    match[2],
  ]),
);
const bucketName = buckets.get("ATTACHMENTS");
const workbooksBucket = buckets.get("WORKBOOKS");
if (!bucketName || !workbooksBucket)
  throw new Error("wrangler.toml must bind the R2 buckets ATTACHMENTS and WORKBOOKS ([[r2_buckets]] binding, then bucket_name)");
/** Kept workbooks are re-rendered when asked: R2 drops them after this many days. */
const keptWorkbookDays = 30;
/** The queue consolidation is folded through, as wrangler.toml binds it (CONSOLIDATION). */
const queueName = /\[\[queues\.producers\]\][^[]*?queue\s*=\s*"([^"]+)"/s.exec(readFileSync(wranglerToml, "utf8"))?.[1];
if (!queueName) throw new Error("wrangler.toml has no [[queues.producers]] queue (the CONSOLIDATION binding)");

const { values } = parseArgs({ options: { origin: { type: "string" }, "dry-run": { type: "boolean", default: false }, outdir: { type: "string" } } });

const steps = (origin: string) => `Deploying Tianbao takes these steps (npm run deploy -- --origin ${origin} does them in order):
  1. npx wrangler d1 create tianbao            → put the printed database_id into wrangler.toml
  2. npx wrangler r2 bucket create ${bucketName}   (the stamped copies; once)
     npx wrangler r2 bucket create ${workbooksBucket}   (rendered workbooks; once)
     npx wrangler r2 bucket lifecycle add ${workbooksBucket} expire-kept-workbooks --expire-days ${keptWorkbookDays} --force
     npx wrangler queues create ${queueName}   (consolidation as reports arrive; once)
  3. npm run db:migrate -- --remote           (wrangler d1 migrations apply DB --remote, renamed migrations reconciled first)
  4. npm run build -- --origin ${origin}       → dist/site/ (the page, the pane, manifest.xml for ${origin})
  5. npx wrangler deploy                       → the Worker with dist/site/ as its assets, one origin
     openssl rand -hex 32 | npx wrangler secret put ROSTER_ID_KEY   (once: the rosters' ID key; without it rosters are refused, 503)
  6. npm run token -- create --role admin --name <name> --remote   (the first admin token)
  Clerks open ${origin}/ (the web page); Excel users sideload ${origin}/manifest.xml.`;

function fail(message: string, origin = values.origin ?? "https://<add-in origin>"): never {
  console.error(`${message}\n\n${steps(origin)}`);
  process.exit(2);
}

async function step<T>(title: string, work: () => Promise<T>): Promise<T> {
  console.log(`▶ ${title}`);
  try {
    return await work();
  } catch (error) {
    return fail(`✗ ${title} failed:\n${error instanceof Error ? error.message : String(error)}`);
  }
}

if (values["dry-run"]) {
  const outdir = values.outdir ?? join(repoRoot, "dist", "worker");
  const origin = values.origin ?? devAddinOrigin;
  console.log(`▶ (dry run) 2. would create the R2 bucket for the stamped copies: wrangler r2 bucket create ${bucketName} (skipped when it exists)`);
  console.log(
    `▶ (dry run) 2. would create the R2 bucket for rendered workbooks: wrangler r2 bucket create ${workbooksBucket}, expiring objects after ${keptWorkbookDays} days (skipped when it exists)`,
  );
  console.log(`▶ (dry run) 2. would create the queue of consolidation: wrangler queues create ${queueName} (skipped when it exists)`);
  const site = join(outdir, "site");
  await step(`4. build the site for ${origin}`, () => buildSite({ outDir: site, origin, deploy: true }));
  const output = await step("5. wrangler deploy --dry-run", () => runWrangler(["deploy", "--dry-run", "--outdir", join(outdir, "worker"), "--assets", site]));
  console.log(
    output
      .split("\n")
      .filter((line) => /assets directory|Total Upload|dry-run|R2 Bucket|D1 Database|Queue/.test(line))
      .join("\n"),
  );
  console.log(`Bundle in ${outdir}; nothing was deployed.`);
  process.exit(0);
}

const origin = values.origin;
if (!origin || !/^https:\/\/[^/]+$/.test(origin)) fail("--origin is required: the HTTPS origin clerks open, e.g. https://tianbao.example.cn (no path).");
if (!process.env.CLOUDFLARE_API_TOKEN)
  fail("CLOUDFLARE_API_TOKEN is not set: create an API token with Workers and D1 edit rights, export it, and run again.", origin);

if (readFileSync(wranglerToml, "utf8").includes(placeholderDatabaseId)) {
  const created = await step("1. wrangler d1 create tianbao", () => runWrangler(["d1", "create", "tianbao"]));
  const databaseId = /database_id\s*=\s*"([0-9a-f-]{36})"/.exec(created)?.[1] ?? /"database_id":\s*"([0-9a-f-]{36})"/.exec(created)?.[1];
  if (!databaseId) fail(`✗ could not find the new database_id in wrangler's output:\n${created}`, origin);
  writeFileSync(wranglerToml, readFileSync(wranglerToml, "utf8").replace(placeholderDatabaseId, databaseId));
  console.log(`  database_id ${databaseId} written to wrangler.toml (commit it)`);
} else {
  console.log("▶ 1. D1 database: wrangler.toml already names one");
}
const createBucket = (name: string) =>
  step(`2. wrangler r2 bucket create ${name}`, async () => {
    const existing = await runWrangler(["r2", "bucket", "list"]);
    if (new RegExp(`^name:\\s+${name}$`, "m").test(existing)) return `  R2 bucket ${name} exists`;
    return runWrangler(["r2", "bucket", "create", name]).catch((error: unknown) => {
      if (/already exists/i.test(String(error))) return `  R2 bucket ${name} exists`;
      throw error;
    });
  });
console.log(await createBucket(bucketName));
console.log(await createBucket(workbooksBucket));
console.log(
  await step(`2. wrangler r2 bucket lifecycle add ${workbooksBucket} (expire after ${keptWorkbookDays} days)`, () =>
    runWrangler(["r2", "bucket", "lifecycle", "add", workbooksBucket, "expire-kept-workbooks", "--expire-days", String(keptWorkbookDays), "--force"]).catch(
      (error: unknown) => {
        if (/already exists/i.test(String(error))) return "  lifecycle rule exists";
        throw error;
      },
    ),
  ),
);
console.log(
  await step(`2. wrangler queues create ${queueName}`, async () => {
    const existing = await runWrangler(["queues", "list"]);
    if (existing.includes(queueName)) return `  queue ${queueName} exists`;
    return runWrangler(["queues", "create", queueName]).catch((error: unknown) => {
      if (/already (exists|taken)/i.test(String(error))) return `  queue ${queueName} exists`;
      throw error;
    });
  }),
);
console.log(await step("3. wrangler d1 migrations apply DB --remote (renamed migrations reconciled first)", () => applyMigrations({ remote: true })));
await step(`4. build the site for ${origin} into dist/site/`, () => buildSite({ outDir: siteDir, origin, deploy: true }));
const deployed = await step("5. wrangler deploy (the Worker and dist/site/)", () => runWrangler(["deploy"]));
const workerUrl = /https:\/\/[\w.-]+\.workers\.dev/.exec(deployed)?.[0] ?? "<the Worker URL>";
console.log(deployed);
// The roster's ID key is a secret only an operator sets (and keeps: a new one unmatches every stored hash).
const secrets = await runWrangler(["secret", "list"]).catch(() => "");
if (!secrets.includes("ROSTER_ID_KEY"))
  console.log(
    "⚠ ROSTER_ID_KEY is not set: rosters are refused (503) until it is. Once: openssl rand -hex 32 | npx wrangler secret put ROSTER_ID_KEY (README, Personal data)",
  );
console.log(`Deployed: ${workerUrl}/api/v1/health
Clerks open ${origin}/; Excel users sideload ${origin}/manifest.xml${workerUrl.startsWith(origin) ? "" : ` (route ${origin} to the Worker as a custom domain if it is not ${workerUrl})`}.
Next: npm run token -- create --role admin --name <name> --remote`);
