import "server-only";
import { boundedQuery } from "@/db/deadline";
import { primaryPool, type Tx } from "@/db/primary";
import { outbox } from "@/db/schema";
import { pagesOf, raiseFences, type Change } from "@/lib/cache/publish";
import { redisReplicated } from "@/lib/cache/redis";
import { config } from "@/lib/config";
import { primaryPositionVia } from "@/db/positions";
import { outboxState } from "./outbox-stats";

// The transactional outbox. Every command that changes what readers see writes one row in its own
// transaction: the fences and page versions its changes raise. After the commit the command publishes its
// deltas (lib/cache/publish.ts, bounded) and marks the row done; rows still there after DRAIN_AFTER_MS
// belong to a publish that failed (Redis silent or down) or a process that died, and any process drains
// them (lib/ops/sweeper.ts): at least once, and idempotent, because a drained row only raises fences —
// at the primary's position at drain time, which contains the row's commit — and fences only go up.
// A drained change therefore makes its views re-read from a node that has it; it never replays a delta
// out of order.
// On a Redis Cluster a row is deleted only once every shard's replica has what was published
// (redisReplicated): a shard primary lost before its replica had a change would otherwise take the change
// with it. Until then the row stays, and if the primary is lost, the drain tells the promoted replica.

type Entry = { f: string[]; p: string[] };

const DRAIN_AFTER_MS = 2_000;
const BATCH = 500;
/** Replicas acknowledge once a second: how long a delete waits for them before leaving it to the drain. */
const REPLICATED_WITHIN_MS = 1_200;

const state = outboxState;

/** Writes the command's outbox row in its transaction; null when nothing needs telling. */
export async function writeOutbox(tx: Tx, changes: Change[]): Promise<number | null> {
  if (!changes.length) return null;
  const f = new Set<string>();
  const p = new Set<string>();
  for (const c of changes) {
    f.add(c.view.fence);
    for (const page of pagesOf(c)) p.add(page);
  }
  const entry: Entry = { f: [...f], p: [...p] };
  const [{ id }] = await tx.insert(outbox).values({ changes: JSON.stringify(entry) }).$returningId();
  return id;
}

/** The row's changes reached Redis: delete it (batched, off the command's path). */
export function outboxPublished(id: number) {
  const s = state();
  s.published++;
  s.done.add(id);
  if (!s.timer) {
    s.timer = setInterval(() => void deleteDone(), 250);
    s.timer.unref?.();
  }
}

function deleteDone() {
  const s = state();
  if (s.deleting) return;
  if (!s.done.size) {
    if (s.timer) clearInterval(s.timer);
    s.timer = null;
    return;
  }
  s.deleting = deleteBatch([...s.done].slice(0, BATCH)).finally(() => (s.deleting = null));
}

/**
 * A process that closes its clients (db/close.ts) stops deleting first and lets a delete in flight finish:
 * a tick after the close would open new clients, which keep a finished script alive. The rows it leaves are
 * drained as any others.
 */
export async function stopOutboxDeletes() {
  const s = state();
  if (s.timer) clearInterval(s.timer);
  s.timer = null;
  await s.deleting;
}

async function deleteBatch(ids: number[]) {
  const s = state();
  try {
    if (!(await redisReplicated(REPLICATED_WITHIN_MS))) {
      // Not on the replicas yet: the rows stay, and the drain raises their fences again after DRAIN_AFTER_MS.
      for (const id of ids) s.done.delete(id);
      return;
    }
    await query(`DELETE FROM outbox WHERE id IN (${ids.map(() => "?").join(",")})`, ids);
    for (const id of ids) s.done.delete(id);
  } catch {
    // primary busy or silent: the next tick tries again; if this process dies, a drain raises the fences
  }
}

const query = <T>(sql: string, params: unknown[] = []) => boundedQuery<T>(primaryPool(), sql, params, config().DB_WRITE_TIMEOUT_MS, "outbox");

/**
 * Publishes the outbox rows older than `minAgeMs` as fence raises at the primary's current position and
 * deletes them. Safe to run in every process at once. Returns how many rows were drained.
 */
export async function drainOutbox(opts: { minAgeMs?: number } = {}): Promise<number> {
  const minAgeMs = opts.minAgeMs ?? DRAIN_AFTER_MS;
  const rows = await query<{ id: number; changes: string }>(
    "SELECT id, changes FROM outbox WHERE created_at <= NOW(3) - INTERVAL ? MICROSECOND ORDER BY id LIMIT ?",
    [minAgeMs * 1000, BATCH],
  );
  if (!rows.length) return 0;
  // Read after the rows: this position contains every one of their commits.
  const seq = await primaryPositionVia((sql) => query(sql));
  const fences: string[] = [];
  const pages: string[] = [];
  for (const r of rows) {
    const e = JSON.parse(r.changes) as Entry;
    fences.push(...e.f);
    pages.push(...e.p);
  }
  if (!(await raiseFences(seq, fences, pages))) return 0; // Redis still away: the rows stay
  if (!(await redisReplicated(REPLICATED_WITHIN_MS))) return 0; // a shard's replica does not have it yet
  const ids = rows.map((r) => Number(r.id));
  await query(`DELETE FROM outbox WHERE id IN (${ids.map(() => "?").join(",")})`, ids);
  state().drained += ids.length;
  return ids.length;
}
