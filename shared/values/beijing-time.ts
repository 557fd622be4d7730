const BEIJING_OFFSET_MS = 8 * 3_600_000;

/** A timestamp as the province reads it: Beijing time (UTC+8 all year), "2026-11-28 22:31:07"; what is not a time comes back as it is. */
export function beijingTime(iso: string): string {
  const time = new Date(iso).getTime();
  if (Number.isNaN(time)) return iso;
  return new Date(time + BEIJING_OFFSET_MS).toISOString().slice(0, 19).replace("T", " ");
}
