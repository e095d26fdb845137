import "server-only";
import type { ReadDb } from "@/db/readers";
import { config } from "@/lib/config";
import { hasFitReplica, readAt } from "@/lib/read/router";
import { stats } from "@/lib/read/stats";
import { CacheUnavailable, guarded } from "./breaker";
import { openEpoch } from "./epoch";
import { keys as allKeys, type ViewKeys } from "./keys";
import { GET_VIEW, PUT_VIEW } from "./lua";
import { script } from "./redis";

// Cached views: what every public page and API read goes through.
//
//   view = snapshot (read from a replica at position p) + deltas committed after p
//
// - New posts (and removals) are published by the command that made them as deltas (lib/cache/publish.ts),
//   right after commit, so every reader sees them at once, whatever the replica's lag.
// - Any other change raises the view's fence; a snapshot older than its fence is not served (except as a
//   last resort when no replica is fit and another process is already refilling it), and a refill is read
//   from a node that has applied the fence, and stored only if it is still newer than the fence (PUT_VIEW),
//   so a refill from a lagging replica can never put back what an invalidation removed.
// - Redis down: the view is read from the databases directly (the breaker makes that immediate).

export type Delta<I = unknown> = {
  s: number; // position of the commit that made the change
  i?: number; // order within that commit
  op: "upsert" | "remove";
  kind: string;
  id: number;
  item?: I;
};

export type ViewDef<A, T> = {
  name: string;
  keys: (args: A) => ViewKeys;
  load: (db: ReadDb, args: A) => Promise<T>;
  /** Applies deltas (ascending positions, all newer than the data) to the data. Defaults to ignoring them. */
  apply?: (data: T, deltas: Delta[], args: A) => T | Promise<T>;
  /**
   * Whether `after` (`before` with `deltas` applied) is the view as a database would give it now. A view whose
   * deltas can change more than the items they name (a sorted page, whose order and members they can move)
   * says when they did; the view is then read again at or after the deltas. Defaults to always.
   */
  absorbs?: (before: T, after: T, deltas: Delta[], args: A) => boolean | Promise<boolean>;
  ttlMs: number;
  /** After this many pending deltas, the snapshot is refreshed in the background. */
  refreshAfterDeltas?: number;
  /**
   * The view protects a rule (who may act): never served stale, and read on the primary whenever the
   * cache cannot vouch for it (cache off, Redis unreachable).
   */
  critical?: boolean;
};

export type ViewRead<T> = { data: T; seq: number; source: "cache" | "db" | "stale-cache" | "no-cache"; /** The database node, when one answered. */ node?: string };

type Got = [string | null, unknown, number, unknown[], number, number];
const getScript = () => script<Got>(GET_VIEW);
const putScript = () => script<number>(PUT_VIEW);

type Refill = Promise<{ data: unknown; seq: number; node: string }>;
/** The refill running in this process per view, and the position it reads at or after. */
const inflight = new Map<string, { job: Refill; atLeast: number }>();

export type ViewCtx = {
  /**
   * The reader's own last write, used only when the view has to come from a database (cache off or
   * Redis down); a function is called only then, so a cache hit costs no lookup of it.
   */
  minSeq?: number | (() => Promise<number>);
  /**
   * The reader's own last write, for a view that shows it (a user's own pages, lib/accounts/own-views.ts):
   * the cached copy counts only if Redis has heard of a change to the view at or after this position (a
   * delta or a fence raise, from that write or a later one); otherwise the view is read from a node that has
   * applied it. Such a view is never served stale.
   */
  floor?: number;
};

const readerSeq = async (ctx: ViewCtx) => (typeof ctx.minSeq === "function" ? ctx.minSeq() : ctx.minSeq);

export async function readView<A, T>(def: ViewDef<A, T>, args: A, ctx: ViewCtx = {}): Promise<ViewRead<T>> {
  const direct = async () => (def.critical ? { mode: "primary" as const } : { minSeq: await readerSeq(ctx), mode: "fresh" as const });
  if (!config().CACHE_ENABLED) {
    const r = await readAt(await direct(), (db) => def.load(db, args));
    return { data: r.value, seq: r.seq, source: "no-cache", node: r.node };
  }
  const k = def.keys(args);
  let got: Got;
  try {
    const viewKeys = [k.snap, k.fence, k.deltas, allKeys.globalFence(k.fence), allKeys.epoch(k.fence)];
    got = await guarded(() => getScript().exec(k.heard ? [...viewKeys, k.heard] : viewKeys, []));
  } catch (e) {
    if (!(e instanceof CacheUnavailable)) throw e;
    stats.count("cacheError");
    // Redis is down: straight to the databases, honouring the reader's own last write.
    const r = await readAt(await direct(), (db) => def.load(db, args));
    return { data: r.value, seq: r.seq, source: "db", node: r.node };
  }
  const [pRaw, dRaw, fenceRaw, deltaRaw, epochOpen, heardRaw] = got;
  let fence = Number(fenceRaw);
  let p = pRaw === null || pRaw === undefined ? null : Number(pRaw);
  if (!Number(epochOpen)) {
    // Redis lost its data (or never had any): nothing it holds is trusted, and the refill must be at or
    // after the primary's position now (lib/cache/epoch.ts).
    fence = Math.max(fence, await openEpoch(k.fence));
    p = null;
  }
  const deltas = parseDeltas(deltaRaw);
  // The reader's own write that Redis has not heard of (its publish failed, or nothing of it was published
  // for this view or, with `k.heard`, for any view beside it): only a node that has applied it can show the
  // view as the reader must see it. (A publish raises `heard` with the view's own deltas and fences,
  // atomically: once it is past the write, whatever the write changed here is in the deltas or the fence.)
  const heard = Math.max(p ?? 0, fence, Number(heardRaw) || 0, ...deltas.map((d) => d.s));
  const unheard = ctx.floor !== undefined && heard < ctx.floor ? ctx.floor : 0;

  if (p !== null && p >= fence && !unheard) {
    stats.count("cacheHit");
    const pending = deltas.filter((d) => d.s > p);
    const read = await settle(def, { data: dRaw as T, seq: p }, "cache", pending, args, k, fence);
    // (A view read again just now is refreshed already.)
    if (read.source === "cache" && def.refreshAfterDeltas && pending.length > def.refreshAfterDeltas) void refill(def, args, k, fence).catch(() => {});
    return read;
  }

  stats.count("cacheMiss");
  // A stale snapshot exists and no replica could serve the refill: rather than every reader going to the
  // primary, one refill runs (single-flight per process) and the others get the stale snapshot + deltas.
  if (p !== null && !def.critical && ctx.floor === undefined && inflight.has(k.snap) && !(await hasFitReplica())) {
    stats.count("cacheStaleServed");
    return { data: await applyDeltas(def, dRaw as T, deltas.filter((d) => d.s > p), args), seq: p, source: "stale-cache" };
  }
  const r = (await refill(def, args, k, fence, unheard)) as { data: T; seq: number; node: string };
  return settle(def, r, "db", deltas, args, k, fence);
}

/**
 * A snapshot with the deltas newer than it applied. If the view cannot take them as they are (def.absorbs),
 * it is read again at or after them, once; if no node has them yet or none answers in time, the snapshot with
 * the deltas is what there is (its items exact, their order maybe not).
 */
async function settle<A, T>(
  def: ViewDef<A, T>,
  base: { data: T; seq: number; node?: string },
  source: ViewRead<T>["source"],
  deltas: Delta[],
  args: A,
  k: ViewKeys,
  fence: number,
  retry = true,
): Promise<ViewRead<T>> {
  const pending = deltas.filter((d) => d.s > base.seq);
  const data = await applyDeltas(def, base.data, pending, args);
  if (await absorbed(def, base.data, data, pending, args)) return { data, seq: base.seq, source, node: base.node };
  if (retry) {
    stats.count("cacheDeltasRefill");
    try {
      const r = (await refill(def, args, k, fence, Math.max(...pending.map((d) => d.s)))) as { data: T; seq: number; node: string };
      return await settle(def, r, "db", deltas, args, k, fence, false);
    } catch {
      // below
    }
  }
  stats.count("cacheStaleServed");
  return { data, seq: base.seq, source: "stale-cache", node: base.node };
}

/**
 * Reads the view at or after `fence` (and `atLeast`: the reader's unheard write, or deltas the view could not
 * take) and stores it. Readers in this process share one refill per view; one that needs a newer position
 * than the running one reads starts its own, which later readers then share.
 */
function refill<A, T>(def: ViewDef<A, T>, args: A, k: ViewKeys, fence: number, atLeast = 0): Refill {
  const need = Math.max(fence, atLeast);
  const running = inflight.get(k.snap);
  if (running && running.atLeast >= need) return running.job;
  const job: Refill = (async () => {
    const r = await readAt({ minSeq: need, mode: "fresh" }, (db) => def.load(db, args));
    try {
      const stored = await guarded(() =>
        putScript().exec([k.snap, k.fence, allKeys.globalFence(k.fence), allKeys.epoch(k.fence)], [String(r.seq), JSON.stringify(r.value), String(def.ttlMs)]),
      );
      if (Number(stored) === 0) stats.count("cacheRefillRefused");
    } catch {
      stats.count("cacheError");
    }
    return { data: r.value as unknown, seq: r.seq, node: r.node };
  })();
  const entry = { job, atLeast: need };
  inflight.set(k.snap, entry);
  void job.finally(() => inflight.get(k.snap) === entry && inflight.delete(k.snap)).catch(() => {});
  return job;
}

/** Whether the view took its deltas as they are (def.absorbs); one that cannot tell (its check failed) did not. */
async function absorbed<A, T>(def: ViewDef<A, T>, before: T, after: T, deltas: Delta[], args: A): Promise<boolean> {
  if (!deltas.length || !def.absorbs) return true;
  try {
    return await def.absorbs(before, after, deltas, args);
  } catch {
    return false;
  }
}

async function applyDeltas<A, T>(def: ViewDef<A, T>, data: T, deltas: Delta[], args: A): Promise<T> {
  if (!deltas.length || !def.apply) return data;
  stats.count("deltasApplied", deltas.length);
  return def.apply(data, deltas.sort((a, b) => a.s - b.s || (a.i ?? 0) - (b.i ?? 0)), args);
}

function parseDeltas(raw: unknown[]): Delta[] {
  // @upstash/redis parses JSON replies on both transports; tolerate strings too.
  return (raw ?? []).map((d) => (typeof d === "string" ? JSON.parse(d) : d) as Delta);
}
