import type { Caller } from "./auth/caller.ts";

// Hono's environment: the Worker bindings (typed by `wrangler types`, see
// worker-configuration.d.ts) and what middleware puts in the context.
export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** Set by `authenticate` on every route that is not public. */
    caller: Caller;
  };
}
