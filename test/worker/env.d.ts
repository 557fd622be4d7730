// Test-only bindings and the Worker's main module, for `env` and `exports` from cloudflare:workers.
declare namespace Cloudflare {
  interface Env {
    /** Read from worker/migrations by vitest.config.ts, applied by apply-migrations.ts. */
    TEST_MIGRATIONS: import("cloudflare:test").D1Migration[];
  }
  interface GlobalProps {
    mainModule: typeof import("../../worker/index.ts");
  }
}
