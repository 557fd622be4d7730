/** Dates travel as Excel serial day numbers (1900 date system), as Excel stores them. */
const EXCEL_EPOCH_MS = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

export function serialToDate(serial: number): Date {
  return new Date(EXCEL_EPOCH_MS + Math.floor(serial) * DAY_MS);
}

export function dateToSerial(year: number, month: number, day: number): number {
  return Math.round((Date.UTC(year, month - 1, day) - EXCEL_EPOCH_MS) / DAY_MS);
}

/** "2020-01-15" or "2020/1/15" → serial; undefined when it is not a real calendar date. */
export function parseDateText(text: string): number | undefined {
  const match = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(text.trim());
  if (!match) return undefined;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return undefined;
  return dateToSerial(year, month, day);
}

export function serialToIsoDate(serial: number): string {
  return serialToDate(serial).toISOString().slice(0, 10);
}
