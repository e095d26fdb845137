// Every wait in the app is bounded. This is the one helper that bounds a promise: it settles with the
// promise's value or, after `ms`, rejects with DeadlineExceeded. The work itself is not cancelled by the
// race, so callers pass `onLate` to clean up what arrives after the deadline (release a connection that
// was acquired too late), and destroy connections whose query overran (mysql2 then fails the query).

export class DeadlineExceeded extends Error {
  /** Looks like a driver timeout to the code that classifies errors (db/errors.ts isUnreachable). */
  readonly code = "ETIMEDOUT";
  constructor(
    readonly what: string,
    readonly ms: number,
  ) {
    super(`${what}: no answer within ${ms} ms`);
  }
}

export function withDeadline<T>(work: Promise<T>, ms: number, what: string, onLate?: (value: T) => void): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  let timedOut = false;
  const deadline = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      // One more turn of the event loop first: on a CPU-starved process the timer and the answer can be
      // due in the same turn, and timers run before I/O; an answer that did arrive in time wins.
      setImmediate(() => {
        timedOut = true;
        reject(new DeadlineExceeded(what, ms));
      });
    }, ms);
  });
  work.then(
    (v) => {
      if (timedOut) onLate?.(v);
    },
    () => {},
  );
  return Promise.race([work, deadline]).finally(() => clearTimeout(timer));
}

/** The time left until `end` (a Date.now() value), at least 1 ms. */
export const remaining = (end: number) => Math.max(1, end - Date.now());

/**
 * A pooled connection within `ms`. mysql2's pool has no acquire timeout: with every connection stuck on
 * a silent server, getConnection() would wait forever. A connection that arrives after the deadline is
 * released at once.
 */
export function acquire<C extends { release(): void }>(pool: { getConnection(): Promise<C> }, ms: number, what: string): Promise<C> {
  return withDeadline(pool.getConnection(), ms, `${what}: pool acquire`, (c) => c.release());
}

type Conn = {
  release(): void;
  destroy(): void;
  query(opts: { sql: string; timeout?: number }, params?: unknown): Promise<[unknown, unknown]>;
};

/**
 * One statement on a pooled connection, acquire and answer within `ms`. A connection that overran or
 * failed is destroyed, not put back (a silent server would hold it forever).
 */
export async function boundedQuery<T>(pool: { getConnection(): Promise<Conn> }, sql: string, params: unknown[], ms: number, what: string): Promise<T[]> {
  const end = Date.now() + ms;
  const conn = await acquire(pool, ms, what);
  try {
    const [rows] = await withDeadline(conn.query({ sql, timeout: remaining(end) }, params), remaining(end) + 20, what);
    conn.release();
    return rows as T[];
  } catch (e) {
    conn.destroy();
    throw e;
  }
}
