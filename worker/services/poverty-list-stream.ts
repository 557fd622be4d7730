import { CsvRowReader } from "../../shared/roster/csv-row-reader.ts";
import { ListTableError, tooManyBytes } from "../../shared/roster/list-table-limits.ts";
import type { ListTableLimits } from "../../shared/roster/list-table-limits.ts";
import { isZip, xlsxListRows } from "../../shared/roster/list-table.ts";
import { PovertyListReader } from "../../shared/roster/poverty-list.ts";
import type { ListEntry, PovertyListSummary } from "../../shared/roster/poverty-list.ts";

/** What becomes of each entry kept: a promise when the reading must wait (a chunk being written). */
export type ListEntrySink = (entry: ListEntry) => Promise<void> | undefined;

/**
 * The list read from a request body as it arrives: a CSV row by row (never held whole: the bytes of one
 * network chunk, the row being read, the entries of one chunk), each row checked, hashed with `hashOf`
 * and handed to `sink`; an .xlsx (a zip, read through its central directory) gathered within
 * `limits.maxBytes`, its sheet then inflated and read a row at a time (xlsxListRows), each row handed
 * on the same way. Every bound is checked as the bytes come, so a hostile file stops at the row where
 * it goes wrong (ListTableError).
 */
export async function readStreamedList(
  body: ReadableStream<Uint8Array> | null,
  limits: ListTableLimits,
  hashOf: (id: string) => string,
  sink: ListEntrySink,
): Promise<PovertyListSummary> {
  const chunks = body?.getReader();
  let list: PovertyListReader | undefined;
  const take = async (rows: Iterable<string[]>) => {
    for (const row of rows) {
      if (!list) list = new PovertyListReader(row, hashOf);
      else {
        const entry = list.read(row);
        if (entry) await sink(entry);
      }
    }
  };
  try {
    let first = chunks ? await chunks.read() : { done: true as const, value: undefined };
    // A zip's signature is 4 bytes: a first chunk shorter than that is rare, but possible.
    while (!first.done && first.value.length < 4) {
      const next = await chunks!.read();
      if (next.done) break;
      first = { done: false, value: concatenated([first.value, next.value]) };
    }
    if (first.done || first.value.length === 0) throw new ListTableError("文件为空 / the file is empty");
    if (isZip(first.value)) await take(xlsxListRows(await gathered(first.value, chunks!, limits), limits));
    else {
      const csv = new CsvRowReader(limits);
      await take(csv.push(first.value));
      for (let next = await chunks!.read(); !next.done; next = await chunks!.read()) await take(csv.push(next.value));
      await take(csv.end());
    }
  } finally {
    // A refusal midway leaves the rest unread: the body is let go, not drained.
    await chunks?.cancel().catch(() => {});
  }
  if (!list) throw new ListTableError("文件为空 / the file is empty");
  return list.summary();
}

/** The rest of the body after `first`, held whole within `limits.maxBytes` (an .xlsx). */
async function gathered(first: Uint8Array, chunks: ReadableStreamDefaultReader<Uint8Array>, limits: ListTableLimits): Promise<Uint8Array> {
  const parts = [first];
  let bytes = first.length;
  for (let next = await chunks.read(); !next.done; next = await chunks.read()) {
    bytes += next.value.length;
    if (bytes > limits.maxBytes) throw tooManyBytes(limits);
    parts.push(next.value);
  }
  return concatenated(parts);
}

function concatenated(parts: Uint8Array[]): Uint8Array {
  const whole = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let offset = 0;
  for (const part of parts) whole.set(part, offset), (offset += part.length);
  return whole;
}
