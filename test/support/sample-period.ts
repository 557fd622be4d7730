import type { Period } from "../../shared/api/api-client.ts";

/** Period 2019 as the API answers it, open with its 2020-01-31 deadline; `overrides` set what a test is about. */
export const samplePeriod = (overrides: Partial<Period> = {}): Period => ({
  code: "2019",
  editionId: "323/2019",
  status: "open",
  deadline: "2020-01-31",
  openedAt: "2019-12-01T00:00:00.000Z",
  lockedAt: null,
  requireStampedCopy: false,
  requireRoster: false,
  openUnlocks: [],
  levelDeadlines: {},
  ...overrides,
});
