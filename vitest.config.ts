import { availableParallelism } from "node:os";
import { fileURLToPath } from "node:url";
import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-plugin";
import { defineConfig } from "vitest/config";

// One project per runtime: the domain core in plain Node, the Worker inside workerd.
export default defineConfig({
  test: {
    // Two files at a time even on 2 cores (vitest's default there is one): the slow files, e2e and
    // browser, mostly wait on wrangler dev and Chromium, so two of them run side by side. They share
    // the one pool with the rest: a project with fileParallelism off would run after all the others,
    // its files one by one (vitest's "sequential" group), and e2e after browser. Each of their files
    // starts its own wrangler dev on free ports over its own state dir, so two at once do not meet.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    projects: [
      {
        test: {
          name: "shared",
          include: [
            "test/shared/**/*.test.ts",
            "test/cli/**/*.test.ts",
            "test/api/**/*.test.ts",
            "test/guardrails/**/*.test.ts",
            "test/bench/**/*.test.ts",
            "test/scripts/**/*.test.ts",
          ],
          environment: "node",
          // A timeout catches a hang, not slowness (speed is `npm run bench`'s): rendering a province's workbook takes seconds on a busy 2-core machine.
          testTimeout: 30_000,
        },
      },
      {
        // The add-in: the model of Excel, the Excel adapter and the pane logic over it, in plain Node.
        test: {
          name: "addin",
          include: ["test/addin/**/*.test.ts"],
          environment: "node",
          testTimeout: 30_000,
        },
      },
      {
        // The real task pane in headless Chromium (Debian's) against wrangler dev; screenshots in test-results/.
        test: {
          name: "browser",
          include: ["test/browser/**/*.test.ts"],
          environment: "node",
          testTimeout: 240_000,
          hookTimeout: 180_000,
        },
      },
      {
        // The Worker inside workerd, bindings from wrangler.toml; each test file gets its own D1,
        // migrated by the setup file.
        plugins: [
          cloudflareTest(async () => ({
            wrangler: { configPath: "./wrangler.toml" },
            // ALLOWED_ORIGIN: a pane served from another origin (as the browser tests' pane server is); deployed, there is none.
            // ROSTER_ID_KEY: the tests' own roster key, no secret (deployed, `wrangler secret put`; `npm start`, .dev.vars).
            miniflare: {
              bindings: {
                TEST_MIGRATIONS: await readD1Migrations(fileURLToPath(new URL("./worker/migrations", import.meta.url))),
                ALLOWED_ORIGIN: "http://127.0.0.1:3999",
                ROSTER_ID_KEY: "tianbao-tests-roster-id-key-not-a-secret",
              },
            },
          })),
        ],
        test: {
          name: "worker",
          include: ["test/worker/**/*.test.ts"],
          setupFiles: ["test/worker/apply-migrations.ts"],
          testTimeout: 30_000,
        },
      },
      {
        // Real processes (wrangler dev, wrangler deploy --dry-run, the scripts): slow; each file its own wrangler dev.
        test: {
          name: "e2e",
          include: ["test/e2e/**/*.test.ts"],
          environment: "node",
          testTimeout: 180_000,
          hookTimeout: 180_000,
        },
      },
    ],
  },
});
