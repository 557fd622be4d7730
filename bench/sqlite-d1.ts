import { DatabaseSync } from "node:sqlite";
import type { SQLInputValue, StatementSync } from "node:sqlite";

// The part of Workers' D1 API the Worker uses (prepare, bind, all, first, run, raw, batch), over a
// SQLite file in Node: the heap probe (bench/store-heap-probe.ts) runs the Worker's own code on a
// copy of the bench's local D1 with it. Like D1, integers bind as integers, booleans as 1 and 0, and a
// batch is one transaction. `onStatement` is called after every statement with its time in milliseconds
// (the probe samples the heap there, and counts the time spent in SQLite).

type Bound = string | number | boolean | null | Uint8Array;

export interface SqliteD1Statement {
  bind: (...values: Bound[]) => SqliteD1Statement;
  all: () => Promise<{
    results: Record<string, unknown>[];
    success: true;
    meta: { changes: number; last_row_id: number; rows_read: number; rows_written: number };
  }>;
  first: (column?: string) => Promise<unknown>;
  run: () => Promise<{
    results: Record<string, unknown>[];
    success: true;
    meta: { changes: number; last_row_id: number; rows_read: number; rows_written: number };
  }>;
  raw: () => Promise<unknown[][]>;
}

export interface SqliteD1 {
  prepare: (sql: string) => SqliteD1Statement;
  batch: (statements: SqliteD1Statement[]) => Promise<Awaited<ReturnType<SqliteD1Statement["all"]>>[]>;
}

export function sqliteD1(path: string, onStatement: (ms: number) => void = () => {}): SqliteD1 {
  const db = new DatabaseSync(path);
  const compiled = new Map<string, StatementSync>();
  const compile = (sql: string) => {
    let statement = compiled.get(sql);
    if (!statement) compiled.set(sql, (statement = db.prepare(sql)));
    return statement;
  };
  const input = (value: Bound): SQLInputValue => {
    if (typeof value === "boolean") return value ? 1n : 0n;
    if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
    if ((value as Bound | undefined) === undefined) throw new TypeError("D1_TYPE_ERROR: undefined is not a supported bind value");
    return value;
  };
  const execute = (sql: string, params: Bound[]) => {
    const start = performance.now();
    const statement = compile(sql);
    const values = params.map(input);
    let results: Record<string, unknown>[] = [];
    let changes = 0;
    let lastRowId = 0;
    if (statement.columns().length > 0) results = statement.all(...values) as Record<string, unknown>[];
    else ({ changes, lastInsertRowid: lastRowId } = statement.run(...values) as { changes: number; lastInsertRowid: number });
    onStatement(performance.now() - start);
    return { results, success: true as const, meta: { changes: Number(changes), last_row_id: Number(lastRowId), rows_read: 0, rows_written: 0 } };
  };
  const statementOf = (sql: string, params: Bound[]): SqliteD1Statement & { sql: string; params: Bound[] } => ({
    sql,
    params,
    bind: (...values) => statementOf(sql, values),
    all: async () => execute(sql, params),
    run: async () => execute(sql, params),
    first: async (column) => {
      const row = execute(sql, params).results[0];
      if (row === undefined) return null;
      return column === undefined ? row : row[column];
    },
    raw: async () => execute(sql, params).results.map((row) => Object.values(row)),
  });
  return {
    prepare: (sql) => statementOf(sql, []),
    batch: async (statements) => {
      db.exec("BEGIN");
      try {
        const results = statements.map((statement) => {
          const { sql, params } = statement as SqliteD1Statement & { sql: string; params: Bound[] };
          return execute(sql, params);
        });
        db.exec("COMMIT");
        return results;
      } catch (error) {
        db.exec("ROLLBACK");
        throw error;
      }
    },
  };
}
