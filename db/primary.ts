import "server-only";
import { sql } from "drizzle-orm";
import { drizzle, type MySql2Database } from "drizzle-orm/mysql2";
import type { PoolConnection } from "mysql2/promise";
import { config } from "@/lib/config";
import { commitUnknown, ER_LOCK_DEADLOCK, errnoOf, isRetryableLock, isUnreachable, primaryUnavailable } from "./errors";
import { DeadlineExceeded, remaining, withDeadline } from "./deadline";
import { createPool, type Pool } from "./pool";
import { positions } from "./positions";

// The primary: the only client that can write. Commands (lib/**/commands) use it through
// runCommand(); query modules cannot import it (tests/architecture.test.ts fails the build if one does).

// No relational `db.query` API is used, so the clients carry no schema: building one per command (on its
// pooled connection) then costs about a microsecond instead of ~45 µs.
export type PrimaryDb = MySql2Database;
export type Tx = Parameters<Parameters<PrimaryDb["transaction"]>[0]>[0];

const g = globalThis as unknown as { __gxPrimaryPool?: Pool; __gxPrimaryDb?: PrimaryDb };

export function primaryPool(): Pool {
  if (!g.__gxPrimaryPool) {
    g.__gxPrimaryPool = createPool(config().DATABASE_PRIMARY_URL, {
      size: config().DATABASE_POOL_SIZE,
      tls: config().DATABASE_TLS,
      name: "primary",
      connectTimeoutMs: config().DB_CONNECT_TIMEOUT_MS,
    });
    // (The listener gets mysql2's core connection, whatever its typings say.)
    g.__gxPrimaryPool.on("connection", (conn) => prepareSession(conn as unknown as CoreConnection));
  }
  return g.__gxPrimaryPool;
}

// Each new connection is set up once, so that a command needs fewer round trips: READ COMMITTED for the
// session (otherwise each transaction sets it first) and whatever the position source reads from replies
// (db/positions.ts). The statements are queued on the connection before anything else it will run; a
// command counts on the isolation level only once its statement has succeeded (until then, and if it
// fails, the transaction sets it itself), so no command ever runs at another level.
type CoreConnection = { query: (sql: string, cb: (err: unknown) => void) => void };
const readCommitted = new WeakSet<object>();
function prepareSession(core: CoreConnection) {
  core.query("SET SESSION TRANSACTION ISOLATION LEVEL READ COMMITTED", (err) => {
    if (!err) readCommitted.add(core);
  });
  const extra = positions().sessionSql;
  if (extra) core.query(extra, () => {}); // without it, the commit's position takes one more query
}

/** The value and the commit's position (db/positions.ts; null: committed, position unknown). */
export type CommandResult<T> = { value: T; seq: number | null };

const MAX_ATTEMPTS = 4;

/** Lock conflicts seen by commands in this process: retried ones, and ones that reached the caller. */
export const lockStats = { deadlockRetries: 0, lockWaitRetries: 0, surfaced: 0 };

/**
 * Runs `fn` in one READ COMMITTED transaction on the primary and returns its value with the position of the
 * commit (db/positions.ts: its GTID, read on the same connection, or the counter it raised last), which the
 * read side uses to know when a replica or a cache entry contains this write. Deadlocks and lock-wait timeouts roll back and are retried, so
 * `fn` must not have side effects outside the transaction. An unreachable primary becomes a 503 AppError;
 * either way, nothing is half-done: the transaction committed or it did not.
 */
export async function runCommand<T>(fn: (tx: Tx) => Promise<T>): Promise<CommandResult<T>> {
  // One budget for the whole command, retries included: a silent primary is a 503 within
  // DB_WRITE_TIMEOUT_MS, never a hang.
  let end = Date.now() + config().DB_WRITE_TIMEOUT_MS;
  for (let attempt = 1; ; attempt++) {
    let conn: PoolConnection | undefined;
    let committing = false;
    let stamped: number | null = null;
    try {
      conn = await patiently(primaryPool().getConnection(), () => remaining(end), "primary: pool acquire", (ms) => (end = Date.now() + ms), true);
      const c = conn;
      // The reply to the last statement Drizzle sent on this connection: after the transaction, COMMIT's.
      let lastReply: unknown;
      const client = Object.create(c, {
        query: { value: (...args: Parameters<typeof c.query>) => c.query(...args).then((r) => ((lastReply = r[0]), r)) },
      }) as PoolConnection;
      const work = (async () => {
        const db = drizzle({ client });
        const value = await db.transaction(
          async (tx) => {
            const v = await fn(tx);
            stamped = await positions().stamp((statement) => tx.execute(sql.raw(statement)));
            committing = true; // Drizzle sends COMMIT right after this returns
            return v;
          },
          readCommitted.has(c.connection) ? undefined : { isolationLevel: "read committed" },
        );
        committing = false;
        return value;
      })();
      const value = await patiently(work, () => remaining(end), "primary: command", (ms) => (end = Date.now() + ms));
      // Committed. The position is worth a short wait only: without it the outbox row, drained later at
      // the drain-time position, still tells the readers (lib/write/command.ts).
      let seq: number | null = stamped;
      try {
        seq = await withDeadline(positions().committed(conn, stamped, lastReply), Math.min(remaining(end), 250), "primary: commit position");
        conn.release();
      } catch {
        conn.destroy(); // a query may still be pending on it
      }
      conn = undefined;
      return { value, seq };
    } catch (e) {
      if (conn) {
        // A connection that failed or overran mid-transaction is not trusted again (destroying it also
        // makes a silent server roll the transaction back when it wakes, unless COMMIT was already sent).
        if (isUnreachable(e) || e instanceof DeadlineExceeded) conn.destroy();
        else conn.release();
      }
      // COMMIT was (or was about to be) sent when the primary went silent or the connection died: it may
      // have committed. (Drizzle reports the failed ROLLBACK that follows, not the COMMIT's own error.)
      if (committing && (e instanceof DeadlineExceeded || isUnreachable(e))) throw commitUnknown(e);
      if (isUnreachable(e)) throw primaryUnavailable(e);
      if (!isRetryableLock(e)) throw e;
      if (errnoOf(e) === ER_LOCK_DEADLOCK) lockStats.deadlockRetries++;
      else lockStats.lockWaitRetries++;
      if (attempt >= MAX_ATTEMPTS || remaining(end) < 50) {
        lockStats.surfaced++;
        throw e;
      }
      await new Promise((r) => setTimeout(r, 5 * attempt + Math.random() * 20 * attempt));
    }
  }
}

// A command that overran its budget while the primary keeps answering the replica monitor's probes (5×/s,
// lib/read/monitor.ts) is waiting on a busy primary — a queue of commits, rows or a product's book locked by
// other commands that are progressing — not on a silent one. Such a wait gets more rounds, up to
// DB_WRITE_BUSY_MAX_MS in all; a silent primary answers no probe, so its commands still fail at the first
// budget (503).
const BUSY_ROUND_MS = 500;
const mon = globalThis as unknown as { __gxMonitor?: { states: Map<string, { role: string; reachable: boolean; checkedAt: number }> } };
function primaryAnswering(): boolean {
  for (const s of mon.__gxMonitor?.states.values() ?? []) if (s.role === "primary") return s.reachable && Date.now() - s.checkedAt < 400;
  return false;
}

/** Waits for `work` within the budget, and longer while the primary is busy rather than silent. */
async function patiently<T>(work: Promise<T>, left: () => number, what: string, extend: (ms: number) => void, acquiring = false): Promise<T> {
  const hardEnd = Date.now() + config().DB_WRITE_BUSY_MAX_MS;
  for (;;) {
    try {
      return await withDeadline(work, left(), what);
    } catch (e) {
      if (!(e instanceof DeadlineExceeded) || !primaryAnswering() || Date.now() + BUSY_ROUND_MS > hardEnd) {
        // Given up: a pooled connection that arrives after all goes back to the pool.
        if (e instanceof DeadlineExceeded && acquiring) work.then((c) => (c as { release?: () => void }).release?.(), () => {});
        throw e;
      }
      extend(BUSY_ROUND_MS);
    }
  }
}

/** A plain (non-transactional) primary client for scripts and the seed. Commands use runCommand. */
export function primaryDb(): PrimaryDb {
  g.__gxPrimaryDb ??= drizzle({ client: primaryPool() });
  return g.__gxPrimaryDb;
}
