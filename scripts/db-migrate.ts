// npm run db:migrate [-- --persist-to <dir> | --remote]
// `wrangler d1 migrations apply DB --local`, without the confirmation prompt, after reconciling
// migrations a database recorded under a name they no longer have (cli/local-d1/renamed-migrations.ts).
import { parseArgs } from "node:util";
import { applyMigrations } from "../cli/local-d1/wrangler.ts";

const { values } = parseArgs({
  options: { remote: { type: "boolean", default: false }, local: { type: "boolean" }, "persist-to": { type: "string" } },
});
const output = await applyMigrations({ remote: values.remote, persistTo: values["persist-to"] });
console.log(output.trim());
