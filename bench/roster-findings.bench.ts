import { rosterBodyOf } from "../shared/api/rosters.ts";
import { syntheticRoster } from "../scripts/demo/demo-rosters.ts";
import { povertyListCsv } from "../scripts/demo/demo-poverty-list.ts";
import { startWranglerDev } from "../scripts/lib/wrangler-dev.ts";
import { benchLine } from "./bench-line.ts";
import { benchHttp, percentile, timed } from "./worker-http.ts";

// What the pane asks when a prefecture's roster workbook opens (X10.3, 名册有、库无), through `wrangler dev`:
// its 40,000-student roster submitted, the poverty list uploaded without UNLISTED of them, then side by
// side in the same rounds the findings alone (GET …/rosters/latest/not-on-list, one request) and the way
// before (GET …/rosters, then the latest revision's whole masked detail). Medians of wall time, and bytes.

const ROUNDS = 9;
const UNLISTED = 200;

export async function benchRosterFindings(): Promise<string[]> {
  const dev = await startWranglerDev({});
  try {
    const { call, admin, tokenOf } = await benchHttp(dev);
    await call("POST", "/api/v1/periods", admin, { code: "2019" });
    const clerk = await tokenOf({ role: "clerk", unitCode: "370100", name: "bench 济南市" });
    // A prefecture's roster of its counties' rows, as bench/roster-heap-child.ts builds it.
    const parts = ["370102", "370103", "370104", "370105"].map((county, index) =>
      syntheticRoster("370100", county, { E01_CMP: 8_000, E01_GHS: 2_000 }, "2019", 100 + index),
    );
    const rows = parts.flatMap((part) => part.rows).map((row, position) => ({ ...row, position }));
    const body = rosterBodyOf({ unitCode: "370100", period: "2019", rows, explanations: parts.flatMap((part) => part.explanations) });
    await call("POST", "/api/v1/periods/2019/units/370100/rosters", clerk, body, { "Idempotency-Key": crypto.randomUUID() });
    const step = Math.floor(rows.length / UNLISTED);
    const list = rows.filter((_, position) => position % step !== 0).map((row) => ({ id: String(row.values.E10_ID), county: String(row.values.E10_COUNTY) }));
    const upload = await fetch(`${dev.baseUrl}/api/v1/periods/2019/poverty-list`, {
      method: "POST",
      headers: { Authorization: `Bearer ${admin}`, "Content-Type": "text/csv" },
      body: povertyListCsv(list),
    });
    if (upload.status !== 201) throw new Error(`poverty list: ${upload.status} ${await upload.text()}`);

    const base = "/api/v1/periods/2019/units/370100/rosters";
    const findings = async () => (await call("GET", `${base}/latest/not-on-list`, clerk)).byteLength;
    const detail = async () => {
      const revisions = await call("GET", base, clerk);
      const { rosters } = JSON.parse(new TextDecoder().decode(revisions)) as { rosters: { revision: number }[] };
      return revisions.byteLength + (await call("GET", `${base}/${rosters.at(-1)?.revision}`, clerk)).byteLength;
    };
    const [light, whole] = [[] as number[], [] as number[]];
    let bytes = { light: 0, whole: 0 };
    for (let round = 0; round <= ROUNDS; round++) {
      const a = await timed(findings);
      const b = await timed(detail);
      bytes = { light: a.result, whole: b.result };
      if (round === 0) continue; // warms up
      light.push(a.ms);
      whole.push(b.ms);
    }
    const [lightMs, wholeMs] = [light, whole].map((times) => percentile(times, 0.5)) as [number, number];
    const unlisted = (JSON.parse(new TextDecoder().decode(await call("GET", `${base}/latest/not-on-list`, clerk))) as { notOnList: unknown[] }).notOnList;
    if (unlisted.length !== rows.length - list.length) throw new Error(`findings: ${unlisted.length} not on the list, expected ${rows.length - list.length}`);
    return [
      benchLine(
        `roster.findings p50 (X10.3 of a prefecture's ${rows.length.toLocaleString("en")} students, ${unlisted.length} off the list; wrangler dev, ${ROUNDS} rounds): ${(bytes.light / 1024).toFixed(1)} KiB in one request; before, the revision list and the masked detail: ${wholeMs.toFixed(0)} ms, ${(bytes.whole / 1024 / 1024).toFixed(1)} MiB`,
        lightMs,
        "ms",
        { max: 500 },
      ),
      benchLine("roster.findings time / the detail's, same rounds", lightMs / wholeMs, "×", { max: 0.5 }),
      benchLine("roster.findings bytes, share of the detail's", (bytes.light / bytes.whole) * 100, "%", { max: 1 }),
    ];
  } finally {
    await dev.stop();
  }
}
