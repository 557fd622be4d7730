// Failed sign-ins per client address, in a fixed window that starts at the address's first failure
// (worker/auth/sign-in-throttle.ts sets the window and the threshold).

export interface FailureWindow {
  failures: number;
  windowStartedAt: string;
}

interface FailureRow {
  failures: number;
  window_started_at: string;
}

/** The address's failures in the window still open (it started after `windowOpenSince`), or null. */
export async function findOpenFailureWindow(db: D1Database, clientKey: string, windowOpenSince: string): Promise<FailureWindow | null> {
  const row = await db
    .prepare("SELECT failures, window_started_at FROM sign_in_failures WHERE client_key = ? AND window_started_at > ?")
    .bind(clientKey, windowOpenSince)
    .first<FailureRow>();
  return row ? { failures: row.failures, windowStartedAt: row.window_started_at } : null;
}

/**
 * Counts one failure in one statement (concurrent failures cannot lose a count): the open window's
 * count goes up, or a closed window starts over at 1 from `at`.
 */
export function countFailureStatement(db: D1Database, clientKey: string, at: string, windowOpenSince: string): D1PreparedStatement {
  return db
    .prepare(
      `INSERT INTO sign_in_failures (client_key, window_started_at, failures) VALUES (?1, ?2, 1)
       ON CONFLICT (client_key) DO UPDATE SET
         failures = CASE WHEN window_started_at > ?3 THEN failures + 1 ELSE 1 END,
         window_started_at = CASE WHEN window_started_at > ?3 THEN window_started_at ELSE ?2 END`,
    )
    .bind(clientKey, at, windowOpenSince);
}

/** Forgets closed windows, so the table holds only the addresses that failed lately. */
export function forgetClosedWindowsStatement(db: D1Database, windowOpenSince: string): D1PreparedStatement {
  return db.prepare("DELETE FROM sign_in_failures WHERE window_started_at <= ?").bind(windowOpenSince);
}
