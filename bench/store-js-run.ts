import { benchStoreJs } from "./store-js.bench.ts";

/** The store's JavaScript lines of `npm run bench` alone (issue 31), without `wrangler dev`: `npx tsx bench/store-js-run.ts`. */
for (const line of await benchStoreJs()) console.log(line);
