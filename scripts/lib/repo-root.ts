import { fileURLToPath } from "node:url";

/** The repository's root folder: where wrangler.toml, addin/ and the tests are. */
export const repoRoot = fileURLToPath(new URL("../..", import.meta.url));
