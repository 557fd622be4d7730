import { rosterBodyOf } from "../shared/api/rosters.ts";
import { startWranglerDev } from "../scripts/lib/wrangler-dev.ts";
import { generatedRosterIdKey } from "../scripts/lib/dev-vars.ts";
import { benchLine } from "./bench-line.ts";
import { rosterHeapProbe } from "./roster-heap-probe.ts";
import { fullCountyRoster } from "./roster.bench.ts";
import { benchHttp, percentile, timed } from "./worker-http.ts";

// A county's 10,000-student roster submitted through `wrangler dev` (a new revision each round), and
// side by side in the same rounds the bench routes of bench/worker/bench-worker.ts: the same IDs
// posted and parsed only (the floor), posted, parsed and hashed as the submit hashes them (the
// synchronous HMAC, pads precomputed once), and hashed as it did before (WebCrypto's HMAC sign per ID).
// Hashing's share is (hashed − floor) / submit, each a median; the before-share is against the same submit.

const ROUNDS = 7;

export async function benchRosterSubmit(): Promise<string[]> {
  const dev = await startWranglerDev({ entry: "bench/worker/bench-worker.ts" });
  try {
    const { call, admin, tokenOf } = await benchHttp(dev);
    await call("POST", "/api/v1/periods", admin, { code: "2019" });
    const clerk = await tokenOf({ role: "clerk", unitCode: "370102", name: "bench 历下区" });
    const body = rosterBodyOf(fullCountyRoster());
    const ids = { ids: body.rows.map((row) => row.id) };
    const submits: number[] = [];
    const floors: number[] = [];
    const hashed: number[] = [];
    const webCrypto: number[] = [];
    for (let round = 0; round <= ROUNDS; round++) {
      const submit = await timed(() => call("POST", "/api/v1/periods/2019/units/370102/rosters", clerk, body, { "Idempotency-Key": crypto.randomUUID() }));
      const floor = await timed(() => call("POST", "/bench/roster-ids", admin, ids));
      const hashing = await timed(() => call("POST", "/bench/roster-hashes", admin, ids));
      const before = await timed(() => call("POST", "/bench/roster-hashes-webcrypto", admin, ids));
      if (round === 0) continue; // warms up
      submits.push(submit.ms);
      floors.push(floor.ms);
      hashed.push(hashing.ms);
      webCrypto.push(before.ms);
    }
    const [submit, floor, hash, web] = [submits, floors, hashed, webCrypto].map((times) => percentile(times, 0.5)) as [number, number, number, number];
    const share = Math.max(0, hash - floor) / submit;
    const webShare = Math.max(0, web - floor) / submit;
    // The peak heap of a prefecture's 40,000-student submit, on a copy of this D1 (bench/roster-heap-probe.ts).
    const prefectureClerk = await tokenOf({ role: "clerk", unitCode: "370100", name: "bench 济南市" });
    await dev.pause();
    const heap = await rosterHeapProbe(dev.persistTo, { period: "2019", unitCode: "370100", clerkToken: prefectureClerk, rosterIdKey: generatedRosterIdKey() });
    return [
      benchLine(`roster.submit p50 (10,000 students, wrangler dev, ${ROUNDS} revisions)`, submit, "ms", { max: 2_000 }),
      benchLine(
        `roster.submit hashing share (HMAC-SHA256 ×10,000, synchronous, pads precomputed: ${(hash - floor).toFixed(0)} ms = ${hash.toFixed(0)} hashed − ${floor.toFixed(0)} parsed only, of ${submit.toFixed(0)} ms; before, WebCrypto's sign per ID: ${(web - floor).toFixed(0)} ms = ${(webShare * 100).toFixed(1)} %, ${((web - floor) / Math.max(1, hash - floor)).toFixed(1)}× the time)`,
        share * 100,
        "%",
        { max: 20 },
      ),
      ...heap,
    ];
  } finally {
    await dev.stop();
  }
}
