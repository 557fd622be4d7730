/**
 * How much of a poverty office's list is read: a file past `maxBytes` or `maxRows`, or a row past
 * `maxRowChars`, is refused before it is kept (whole or streamed), naming the row where it happened.
 */
export interface ListTableLimits {
  maxBytes: number;
  /** Data rows, the header row not counted. */
  maxRows: number;
  /** Characters of one row, quotes and commas included: a quote never closed stops here, not at the end of the file. */
  maxRowChars: number;
}

/** A province's list: 250,000 people of school age with room to spare; 40 MiB is 160 bytes a row. */
export const LIST_TABLE_LIMITS: ListTableLimits = { maxBytes: 40 * 2 ** 20, maxRows: 300_000, maxRowChars: 4096 };

/** A file that is not a readable list; the message is Chinese then English. */
export class ListTableError extends Error {
  override name = "ListTableError";
}

export const tooManyRows = (limits: ListTableLimits) =>
  new ListTableError(
    `名单超过 ${limits.maxRows} 行(第 ${limits.maxRows + 2} 行起) / the list has more than ${limits.maxRows} rows (from row ${limits.maxRows + 2})`,
  );

export const tooManyBytes = (limits: ListTableLimits) => new ListTableError(`文件超过 ${limits.maxBytes} 字节 / the file is over ${limits.maxBytes} bytes`);
