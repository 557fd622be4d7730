import type { RosterData } from "../roster/roster-data.ts";
import type { ApiClient } from "./api-client.ts";
import { NetworkError } from "./api-client.ts";
import type { RosterReceipt } from "./rosters.ts";
import { rosterBodyOf } from "./roster-body.ts";

/**
 * Submits a checked roster (the CLI's `tianbao roster submit`, the pane's and the page's 报送名册):
 * the rows without names (rosterBodyOf). The idempotency key is random, not derived from the content
 * (a hash of the IDs would be kept by the server): one retry after a lost answer reuses it, so the
 * revision is stored once.
 */
export async function submitRosterData(api: ApiClient, roster: RosterData): Promise<RosterReceipt> {
  const key = crypto.randomUUID();
  const body = rosterBodyOf(roster);
  try {
    return await api.submitRoster(roster.period, roster.unitCode, body, key);
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    return api.submitRoster(roster.period, roster.unitCode, body, key);
  }
}
