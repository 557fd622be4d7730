import type { Caller } from "./auth/caller.ts";
import type { UnitTree } from "../shared/units/unit-tree.ts";

// Hono's environment: the Worker bindings (typed by `wrangler types`, see
// worker-configuration.d.ts) and what middleware puts in the context.
export interface AppEnv {
  Bindings: Env;
  Variables: {
    /** Set by `authenticate` on every route that is not public. */
    caller: Caller;
    /** The reporting tree the app serves (createApp): Shandong's; a bench or test may build the app over another. */
    tree: UnitTree;
  };
}
