import { benchValidation } from "./validation.bench.ts";

/** `npm run bench`: every figure with its target, one line each. */
for (const line of benchValidation()) console.log(line);
