import { DatabaseSync } from "node:sqlite";
import type { SQLInputValue, StatementSync } from "node:sqlite";

// The part of Workers' D1 API the Worker uses (prepare, bind, all, first, run, raw, batch), over a
// SQLite file in Node: the heap probe (bench/store-heap-probe.ts) runs the Worker's own code on a
// copy of the bench's local D1 with it. Like D1, integers bind as integers, booleans as 1 and 0, and a
// batch is one transaction. `onStatement` is called after every statement with its time in milliseconds
// (wall, and the process's CPU: on a busy machine only CPU time is the machine's own measure)
// (the probe samples the heap there, and counts the time spent in SQLite). Rows come back as D1's
// binding hands them to the Worker: its JSON answer parsed and each row made an object in the
// Worker's isolate (that part is the Worker's CPU, as deployed), not node:sqlite's own row objects
// (null-prototype dictionaries, several times slower to read than a Worker's rows).

/** The process's CPU time (user + system) since `start` (process.cpuUsage()), in milliseconds. */
export function cpuMsSince(start: NodeJS.CpuUsage): number {
  const { user, system } = process.cpuUsage(start);
  return (user + system) / 1000;
}

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

export function sqliteD1(path: string, onStatement: (ms: number, cpuMs: number, query: boolean) => void = () => {}): SqliteD1 {
  const db = new DatabaseSync(path);
  const compiled = new Map<string, StatementSync>();
  const compile = (sql: string) => {
    let statement = compiled.get(sql);
    if (!statement) {
      compiled.set(sql, (statement = db.prepare(sql)));
      statement.setReturnArrays(true);
    }
    return statement;
  };
  const input = (value: Bound): SQLInputValue => {
    if (typeof value === "boolean") return value ? 1n : 0n;
    if (typeof value === "number" && Number.isSafeInteger(value)) return BigInt(value);
    if ((value as Bound | undefined) === undefined) throw new TypeError("D1_TYPE_ERROR: undefined is not a supported bind value");
    return value;
  };
  /** Runs a statement; SQLite's part (timed) ends with D1's answer as JSON, columns and rows of arrays, as D1 sends it to the Worker. */
  const execute = (sql: string, params: Bound[]) => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    const statement = compile(sql);
    const values = params.map(input);
    let wire: string | null = null;
    let changes = 0;
    let lastRowId = 0;
    const columns = statement.columns().map((column) => column.name);
    if (columns.length > 0) wire = JSON.stringify({ columns, rows: statement.all(...values) });
    else ({ changes, lastInsertRowid: lastRowId } = statement.run(...values) as { changes: number; lastInsertRowid: number });
    onStatement(performance.now() - start, cpuMsSince(cpu), true);
    // The Worker's part, as workerd's D1 binding does it in the isolate: the answer parsed, later each row an object.
    const answer = (wire === null ? { columns: [], rows: [] } : JSON.parse(wire)) as { columns: string[]; rows: unknown[][] };
    return { answer, meta: { changes: Number(changes), last_row_id: Number(lastRowId), rows_read: 0, rows_written: 0 } };
  };
  /** D1's result: the rows as objects, built as workerd's toArrayOfObjects builds them (Object.fromEntries of each row). */
  const resultOf = ({ answer, meta }: ReturnType<typeof execute>) => ({
    results: answer.rows.map((row) => Object.fromEntries(row.map((cell, index) => [answer.columns[index], cell]))) as Record<string, unknown>[],
    success: true as const,
    meta,
  });
  // A batch's BEGIN and COMMIT are SQLite's time too (a COMMIT writes the WAL): timed like a statement.
  const transaction = (sql: string) => {
    const start = performance.now();
    const cpu = process.cpuUsage();
    db.exec(sql);
    onStatement(performance.now() - start, cpuMsSince(cpu), false);
  };
  const statementOf = (sql: string, params: Bound[]): SqliteD1Statement & { sql: string; params: Bound[] } => ({
    sql,
    params,
    bind: (...values) => statementOf(sql, values),
    all: async () => resultOf(execute(sql, params)),
    run: async () => resultOf(execute(sql, params)),
    first: async (column) => {
      const row = resultOf(execute(sql, params)).results[0];
      if (row === undefined) return null;
      return column === undefined ? row : row[column];
    },
    raw: async () => execute(sql, params).answer.rows,
  });
  return {
    prepare: (sql) => statementOf(sql, []),
    batch: async (statements) => {
      transaction("BEGIN");
      try {
        const results = statements.map((statement) => {
          const { sql, params } = statement as SqliteD1Statement & { sql: string; params: Bound[] };
          return execute(sql, params);
        });
        transaction("COMMIT");
        return results.map(resultOf);
      } catch (error) {
        transaction("ROLLBACK");
        throw error;
      }
    },
  };
}

/**
 * What the store benches run the Worker's app over: a database file as D1 with the time and statements
 * SQLite spent counted (`sqlite`, added to as they run), an env whose queue drops its messages, and an
 * execution context that does nothing.
 */
export function countedWorkerEnv(path: string) {
  const sqlite = { ms: 0, cpuMs: 0, statements: 0 };
  const db = sqliteD1(path, (ms, cpuMs, query) => {
    sqlite.ms += ms;
    sqlite.cpuMs += cpuMs;
    if (query) sqlite.statements++;
  });
  const env = { DB: db, CONSOLIDATION: { send: async () => {} }, ALLOWED_ORIGIN: "" };
  const context = { waitUntil: () => {}, passThroughOnException: () => {}, props: {} };
  return { sqlite, db, env, context };
}
