import { benchConsolidationStore } from "./consolidation-store.bench.ts";
import { benchCounties } from "./counties.bench.ts";
import { benchDashboard } from "./dashboard.bench.ts";
import { benchHostileFiles } from "./hostile-files.bench.ts";
import { benchKeystroke } from "./keystroke.bench.ts";
import { benchRoster } from "./roster.bench.ts";
import { benchRosterSubmit } from "./roster-submit.bench.ts";
import { benchScale } from "./scale.bench.ts";
import { benchValidation } from "./validation.bench.ts";
import { benchWorkbooks } from "./workbook.bench.ts";
import { benchSite } from "./site.bench.ts";
import { benchStoreJs } from "./store-js.bench.ts";
import { benchWorker } from "./worker.bench.ts";

/** `npm run bench`: every figure with its target, one line each. */
for (const line of benchValidation()) console.log(line);
for (const line of benchRoster()) console.log(line);
for (const line of await benchRosterSubmit()) console.log(line);
for (const line of await benchWorkbooks()) console.log(line);
for (const line of await benchScale()) console.log(line);
for (const line of benchHostileFiles()) console.log(line);
for (const line of await benchKeystroke()) console.log(line);
for (const line of await benchDashboard()) console.log(line);
for (const line of await benchWorker()) console.log(line);
for (const line of await benchCounties()) console.log(line);
for (const line of await benchStoreJs()) console.log(line);
for (const line of await benchConsolidationStore()) console.log(line);
for (const line of await benchSite()) console.log(line);
