import { benchStoreSchools } from "./store-schools.bench.ts";

/** The store's lines over a tree of distinct schools (issue 31) alone, without `wrangler dev`: `npx tsx bench/store-schools-run.ts`. */
for (const line of await benchStoreSchools()) console.log(line);
