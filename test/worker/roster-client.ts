import { api, jsonRequest } from "./api-client.ts";
import { rosterBodyOf } from "../../shared/api/rosters.ts";
import type { RosterReceipt } from "../../shared/api/rosters.ts";
import type { RosterData } from "../../shared/roster/roster-data.ts";
import { ROSTER_STAGES } from "../../shared/roster/roster-definition.ts";
import { syntheticRoster } from "../../scripts/demo/demo-rosters.ts";

// Helpers for the roster endpoints: synthetic rosters (scripts/demo/demo-rosters.ts) sent as a client sends them.

export const rostersPath = (period: string, unitCode: string) => `/periods/${period}/units/${unitCode}/rosters`;

/** A county's synthetic roster with `students` students spread over the stages; seeded. */
export function countyRoster(countyCode: string, students: number, seed: number, period = "2019"): RosterData {
  const perStage = Math.floor(students / ROSTER_STAGES.length);
  const counts = Object.fromEntries(
    ROSTER_STAGES.map((stage, index) => [stage.countField, perStage + (index < students - perStage * ROSTER_STAGES.length ? 1 : 0)]),
  );
  return syntheticRoster(countyCode, countyCode, counts, period, seed);
}

export function submitRosterRequest(token: string, body: unknown, options: { period?: string; unitCode: string; idempotencyKey?: string }): Promise<Response> {
  const init = jsonRequest("POST", body, token);
  (init.headers as Record<string, string>)["Idempotency-Key"] = options.idempotencyKey ?? crypto.randomUUID();
  return api(rostersPath(options.period ?? "2019", options.unitCode), init);
}

/** Submits a roster as a client does (no names); fails the test unless it is stored. */
export async function submitRosterOk(token: string, roster: RosterData, idempotencyKey?: string): Promise<RosterReceipt> {
  const response = await submitRosterRequest(token, rosterBodyOf(roster), { period: roster.period, unitCode: roster.unitCode, idempotencyKey });
  if (response.status !== 201) throw new Error(`expected 201, got ${response.status}: ${await response.text()}`);
  return (await response.json()) as RosterReceipt;
}
