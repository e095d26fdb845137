import "server-only";
import { guarded } from "@/lib/cache/breaker";
import { keys, TTL } from "@/lib/cache/keys";
import { RAISE } from "@/lib/cache/lua";
import { redis, script } from "@/lib/cache/redis";
import { config } from "@/lib/config";
import type { NodeState } from "./monitor";

// Read-your-writes, behind one small interface with two schemes (CONSISTENCY):
//
// - "gtid" (MariaDB, the default): a user's mark is the replication position of their last write; their
//   reads go to a node that has applied it (lib/read/router.ts), so most of them stay on a replica.
// - "window" (engines whose replicas expose no position: Aurora MySQL, PlanetScale/Vitess): a user's mark
//   is the time until which their reads are pinned to the primary, CONSISTENCY_WINDOW_MS after their last
//   write or sign-in. Replicas get reads only while their lag, bounded from above by the heartbeat they
//   have applied (lib/ops/heartbeat.ts, written with the primary's clock), is below that window; so a
//   write older than the window is on every replica that gets reads.
//
// Either way the mark is one number that only grows: kept in Redis per user (every device and app instance
// sees it) by the caller, and in a signed cookie (lib/session/position.ts) for when Redis is down.

/** A read floor that only the primary meets: "every write committed so far". */
export const ALL_WRITES = Number.POSITIVE_INFINITY;

/** What a session's sign-in recorded: the primary's position then, and the time. */
export type SignedIn = { seq: number; at: number };

export interface Consistency {
  readonly name: "gtid" | "window";
  /** Where the marks are kept in Redis, and for how long. */
  key(userId: number): string;
  readonly markTtlMs: number;
  /** The mark a write leaves: `seq` is its position (0 when it could not be read). */
  mark(seq: number, now: number): number;
  /** The floor for a user's reads (a position, 0 or ALL_WRITES) from their newest mark and sign-in. */
  floor(mark: number, signedIn: SignedIn | null, now: number): number;
  /** May this replica serve reads at all? (Both schemes also need it reachable; see the router.) */
  replicaFit(s: NodeState, now: number): boolean;
}

const gtid = (): Consistency => ({
  name: "gtid",
  key: keys.userPosition,
  markTtlMs: TTL.userPositionMs,
  mark: (seq) => seq,
  floor: (mark, signedIn) => Math.max(mark, signedIn?.seq ?? 0),
  replicaFit: (s) => s.lagMs !== null && s.lagMs <= config().REPLICA_MAX_LAG_MS,
});

/**
 * The monitor's view of a replica is up to a poll old, and the app's and the database's clocks may differ
 * by a little: a replica counts as inside the window only with this much to spare.
 */
export const WINDOW_MARGIN_MS = 300;

const window = (): Consistency => {
  const w = config().CONSISTENCY_WINDOW_MS;
  return {
    name: "window",
    key: keys.userPinnedUntil,
    markTtlMs: w,
    mark: (_seq, now) => now + w,
    floor: (mark, signedIn, now) => (Math.max(mark, signedIn ? signedIn.at + w : 0) > now ? ALL_WRITES : 0),
    // The heartbeat bound is all this scheme trusts (it needs no position). Lag grows at most as fast as
    // time passes, so the age of the probe counts against the window too.
    replicaFit: (s, now) =>
      s.heartbeatLagMs !== null && s.heartbeatLagMs + Math.max(0, now - s.checkedAt) + WINDOW_MARGIN_MS <= Math.min(w, config().REPLICA_MAX_LAG_MS),
  };
};

const g = globalThis as unknown as { __gxConsistency?: { name: string; w: number; impl: Consistency } };

/** The scheme CONSISTENCY selects (one per process). */
export function consistency(): Consistency {
  const { CONSISTENCY: name, CONSISTENCY_WINDOW_MS: w } = config();
  if (g.__gxConsistency?.name !== name || g.__gxConsistency.w !== w) g.__gxConsistency = { name, w, impl: name === "window" ? window() : gtid() };
  return g.__gxConsistency.impl;
}

/** After a user's committed write: raise their mark in Redis. Returns the mark (for the cookie). Never throws. */
export async function markWrite(userId: number, seq: number, now = Date.now()): Promise<number> {
  const c = consistency();
  const mark = c.mark(seq, now);
  if (!mark) return 0;
  await guarded(() => script<number>(RAISE).exec([c.key(userId)], [String(mark), String(c.markTtlMs)])).catch(() => {});
  return mark;
}

/** The user's mark kept in Redis (0 when none, or Redis is down). */
export async function storedMark(userId: number): Promise<number> {
  const raw = await guarded(() => redis().get<number | string>(consistency().key(userId))).catch(() => 0);
  return Number(raw) || 0;
}

/** The floor for a user's reads, from the marks that the caller has (Redis's, a cookie's) and the sign-in. */
export async function readFloor(userId: number, opts: { cookieMark?: number; signedIn?: SignedIn | null; now?: number } = {}): Promise<number> {
  const mark = Math.max(opts.cookieMark ?? 0, await storedMark(userId));
  return consistency().floor(mark, opts.signedIn ?? null, opts.now ?? Date.now());
}
