import { normaliseCitizenId } from "./citizen-id.ts";

/** The form of an ID every roster response and server workbook shows: first 6, last 4, 370102********123X. */
export function maskCitizenId(id: string): string {
  const normalised = normaliseCitizenId(id);
  if (normalised.length !== 18) throw new Error("只能遮蔽 18 位身份证件号码 / only an 18-character ID number can be masked");
  return `${normalised.slice(0, 6)}********${normalised.slice(14)}`;
}
