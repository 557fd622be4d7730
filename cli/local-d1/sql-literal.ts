// SQL literals for statements passed to `wrangler d1 execute --command`, which takes no
// bound parameters. Strings are single-quoted with quotes doubled; nothing else is needed in SQLite.
export function sqlString(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export function sqlNullableString(value: string | null | undefined): string {
  return value == null ? "NULL" : sqlString(value);
}
