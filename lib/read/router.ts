import "server-only";
import { drizzle } from "drizzle-orm/mysql2";
import type { PoolConnection } from "mysql2/promise";
import { acquire, boundedQuery, DeadlineExceeded, remaining, withDeadline } from "@/db/deadline";
import { isUnreachable } from "@/db/errors";
import { positions } from "@/db/positions";
import { readNodes, type ReadDb, type ReadNode } from "@/db/readers";
import { config } from "@/lib/config";
import { AppError, isAppError } from "@/lib/errors";
import { ALL_WRITES, consistency } from "./consistency";
import { ensureMonitor, markUnreachable, nodeState, nodeStates } from "./monitor";
import { countRead } from "@/lib/ops/metrics";
import { stats } from "./stats";

// Lag-aware routing of reads. A read names the oldest position it may see (`minSeq`: the reader's own
// last write, or the last change of a cached view); the router sends it to a replica that is fit (reachable,
// not too far behind) and has applied that position, waits briefly for one that almost has
// (MASTER_GTID_WAIT), and otherwise reads the primary through its read-only account.
//
// Every read runs in a consistent snapshot and reports the exact position it saw, so a cache entry made
// from it can be fenced against newer invalidations (lib/cache/views.ts).

export type ReadNeed = {
  /** The read must see at least this position (ALL_WRITES: every commit so far, i.e. the primary). */
  minSeq?: number;
  /**
   * "fresh": must honour minSeq (primary if need be). "any": any fit node, no primary unless nothing else.
   * "primary": the primary itself, for decisions that protect an invariant (who may see a code).
   */
  mode?: "fresh" | "any" | "primary";
};

export type ReadResult<T> = { value: T; seq: number; node: string; stale?: boolean };

export class NoFitReplica extends Error {}

/** Why a read went where it went (gx_reads_total{why}). */
type ReadWhy =
  | "primary_required" // a decision that protects an invariant
  | "primary_pinned" // the reader wrote within the consistency window (CONSISTENCY=window)
  | "replica_caught_up" // a fit replica had applied the reader's position
  | "replica_after_wait" // one did after a short MASTER_GTID_WAIT
  | "replica_any" // any fit replica would do
  | "primary_replicas_behind" // fit replicas, none with the reader's position
  | "primary_no_fit_replica" // every replica lagging or down
  | "replica_primary_down" // the primary is down: the freshest replica
  | "primary_last_resort";

function fitReplicas(): { node: ReadNode; seq: number }[] {
  const scheme = consistency();
  const now = Date.now();
  const primaryUp = nodeState("primary")?.reachable ?? false;
  const out: { node: ReadNode; seq: number }[] = [];
  for (const node of readNodes()) {
    if (node.role !== "replica") continue;
    const s = nodeState(node.name);
    if (!s?.reachable) continue;
    // With the primary down, lag cannot be measured: every reachable replica is the best there is.
    if (primaryUp && !scheme.replicaFit(s, now)) continue;
    out.push({ node, seq: s.seq });
  }
  return out;
}

const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
const primaryNode = () => readNodes().find((n) => n.role === "primary")!;

/** Chooses where a read goes. Returns the node and whether the choice needed a wait. */
async function choose(need: ReadNeed, exclude: Set<string>): Promise<{ node: ReadNode; why: ReadWhy }> {
  await ensureMonitor();
  if (need.mode === "primary") {
    if (exclude.has("primary")) throw new AppError("unavailable", "primary_unavailable", "지금은 이 정보를 볼 수 없습니다. 잠시 후 다시 시도해 주세요.");
    return { node: primaryNode(), why: "primary_required" };
  }
  const minSeq = need.minSeq ?? 0;
  if (minSeq === ALL_WRITES && need.mode !== "any") {
    // Pinned: no replica can vouch for "everything so far". With the primary gone, the freshest replica
    // (below) is still better than no answer, as for any read.
    if (nodeState("primary")?.reachable !== false && !exclude.has("primary")) return { node: primaryNode(), why: "primary_pinned" };
  }
  const fit = fitReplicas().filter((r) => !exclude.has(r.node.name));
  const ready = fit.filter((r) => r.seq >= minSeq);
  if (ready.length) return { node: pick(ready).node, why: "replica_caught_up" };
  if (fit.length && need.mode !== "any") {
    // The freshest fit replica may be a few milliseconds short: let it catch up for READ_WAIT_MS — but
    // only if it is that close; waiting on a replica seconds behind would only delay the fallback.
    const best = fit.reduce((a, b) => (b.seq > a.seq ? b : a));
    const lag = nodeState(best.node.name)?.lagMs ?? Infinity;
    if (lag <= config().READ_WAIT_MS && (await waitFor(best.node, minSeq, config().READ_WAIT_MS))) return { node: best.node, why: "replica_after_wait" };
  }
  if (fit.length && need.mode === "any") return { node: pick(fit).node, why: "replica_any" };
  const primaryUp = nodeState("primary")?.reachable !== false;
  if (primaryUp && !exclude.has("primary")) return { node: primaryNode(), why: fit.length ? "primary_replicas_behind" : "primary_no_fit_replica" };
  // Primary down too: the best reachable replica, even if behind (reads keep working; writes cannot).
  const anyReplica = nodeStates()
    .filter((s) => s.role === "replica" && s.reachable && !exclude.has(s.name))
    .sort((a, b) => b.seq - a.seq)[0];
  if (anyReplica) return { node: readNodes().find((n) => n.name === anyReplica.name)!, why: "replica_primary_down" };
  if (!exclude.has("primary")) return { node: primaryNode(), why: "primary_last_resort" };
  throw new AppError("unavailable", "no_database", "데이터베이스에 연결할 수 없습니다. 잠시 후 다시 시도해 주세요.");
}

async function waitFor(node: ReadNode, seq: number, ms: number): Promise<boolean> {
  if (ms <= 0) return false;
  try {
    const wait = positions().waitSql(seq, ms);
    let ok: boolean;
    if (wait) {
      const rows = await boundedQuery<{ r: number }>(node.pool, wait[0], wait[1], ms + 100, `${node.name}: position wait`);
      ok = Number(rows[0]?.r) === 0;
    } else ok = await pollFor(node, seq, Date.now() + ms);
    stats.count(ok ? "waitOk" : "waitTimeout");
    return ok;
  } catch {
    return false;
  }
}

/** Without a server-side wait (POSITIONS=counter): the node's position, read every few ms until `end`. */
async function pollFor(node: ReadNode, seq: number, end: number): Promise<boolean> {
  for (;;) {
    const [row] = await boundedQuery<{ pos: unknown }>(node.pool, positions().snapshotSql(node.role), [], remaining(end) + 100, `${node.name}: position poll`);
    if (positions().parse(row?.pos) >= seq) return true;
    if (Date.now() + POLL_EVERY_MS >= end) return false;
    await new Promise((r) => setTimeout(r, POLL_EVERY_MS));
  }
}
const POLL_EVERY_MS = 5;

// One consistent snapshot on one connection; the position is read inside it, so it is exactly what the
// queries see (db/positions.ts: with GTIDs, the binlog position of the snapshot on the primary and the
// applied GTID on a replica, which records it in mysql.gtid_slave_pos in the same transaction as the
// replicated rows; with the counter, the row's value in the snapshot).
async function inSnapshot<T>(node: ReadNode, fn: (db: ReadDb) => Promise<T>, ms: number): Promise<{ value: T; seq: number }> {
  // The snapshot and its queries within `ms`: a node that stops answering costs one budget, and the read
  // moves on (readAt). The overrun connection is destroyed, not reused. Acquiring the connection has its
  // own bound (DB_CONNECT_TIMEOUT_MS): opening one to a healthy node on a loaded machine can take longer
  // than a read should, and a silent node is marked unreachable by the first overrun, so no new reads
  // (and no new connections) go to it.
  const conn: PoolConnection = await acquire(node.pool, config().DB_CONNECT_TIMEOUT_MS, node.name);
  const end = Date.now() + ms;
  let ok = false;
  try {
    const work = (async () => {
      await conn.query("START TRANSACTION WITH CONSISTENT SNAPSHOT, READ ONLY");
      const [rows] = await conn.query(positions().snapshotSql(node.role));
      const seq = positions().parse((rows as { pos: unknown }[])[0]?.pos);
      const value = await fn(drizzle({ client: conn }) as unknown as ReadDb);
      await conn.query("COMMIT");
      return { value, seq };
    })();
    const r = await withDeadline(work, remaining(end), `${node.name}: read`);
    ok = true;
    return r;
  } finally {
    if (ok) conn.release();
    else conn.destroy();
  }
}

/**
 * Runs a read where `need` allows and returns it with the position it saw. A node that fails to answer is
 * skipped and the read tried elsewhere, so a replica going down costs one failed attempt, not an error.
 */
export async function readAt<T>(need: ReadNeed, fn: (db: ReadDb) => Promise<T>): Promise<ReadResult<T>> {
  const exclude = new Set<string>();
  let overran: { node: ReadNode; why: ReadWhy } | null = null;
  let lastChance: unknown = null;
  for (let attempt = 0; ; attempt++) {
    let node: ReadNode;
    let why: ReadWhy;
    try {
      ({ node, why } = await choose(need, exclude));
    } catch (e) {
      // Every node failed, and one of them only overran its budget: a machine short of CPU makes every
      // node look slow. One last try there, with the longest budget, before giving up.
      if (!overran || lastChance || !isAppError(e)) throw e;
      lastChance = e;
      ({ node, why } = overran);
    }
    try {
      // DB_READ_TIMEOUT_MS for the first node; each further node gets one more budget, so that on a
      // machine short of CPU, where every node is merely slow, the read ends slower rather than failing.
      // A read that only the primary may answer has nowhere to move to, so it gets two budgets at once.
      const { value, seq } = await inSnapshot(node, fn, config().DB_READ_TIMEOUT_MS * (attempt + 1 + (need.mode === "primary" ? 1 : 0)));
      stats.read(node.name);
      countRead(node.name, why);
      const stale = node.role !== "primary" && (need.minSeq ?? 0) > seq;
      return { value, seq, node: node.name, stale };
    } catch (e) {
      if (!isUnreachable(e)) throw e;
      stats.count(e instanceof DeadlineExceeded ? "nodeTimeouts" : "nodeErrors");
      if (lastChance) throw lastChance; // the 503 that choose() gave, not the driver's error
      if (e instanceof DeadlineExceeded) overran = { node, why };
      // Until the monitor sees it answer again, no other read is sent there.
      markUnreachable(node.name, e);
      exclude.add(node.name);
    }
  }
}

/** Whether some replica can serve reads right now (used to decide between the cache and the primary). */
export async function hasFitReplica(): Promise<boolean> {
  await ensureMonitor();
  return fitReplicas().length > 0;
}

/** A read that must see the reader's own last write (`minSeq`): their own pages, admin lists. */
export function readFresh<T>(minSeq: number, fn: (db: ReadDb) => Promise<T>): Promise<T> {
  return readAt({ minSeq, mode: "fresh" }, fn).then((r) => r.value);
}
