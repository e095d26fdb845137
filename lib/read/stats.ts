// Counters of the read side in this process, shown by /api/health and the admin status page.

type Counter =
  | "waitOk"
  | "waitTimeout"
  | "nodeErrors"
  | "nodeTimeouts"
  | "cacheHit"
  | "cacheMiss"
  | "cacheStaleServed"
  | "cacheRefillRefused"
  // A cached view read again because its deltas moved more than they say (a sorted page, lib/catalog/order.ts).
  | "cacheDeltasRefill"
  | "cacheError"
  | "deltasApplied"
  // Where a user's own pages were answered (lib/accounts/own-views.ts).
  | "ownFromCache"
  | "ownFromReplica"
  | "ownFromPrimary";

const g = globalThis as unknown as { __gxStats?: { since: number; reads: Record<string, number>; counters: Record<string, number> } };
const s = () => (g.__gxStats ??= { since: Date.now(), reads: {}, counters: {} });

export const stats = {
  read(node: string) {
    s().reads[node] = (s().reads[node] ?? 0) + 1;
  },
  count(c: Counter, n = 1) {
    s().counters[c] = (s().counters[c] ?? 0) + n;
  },
  snapshot() {
    const { since, reads, counters } = s();
    const hits = counters.cacheHit ?? 0;
    const misses = counters.cacheMiss ?? 0;
    return {
      since: new Date(since).toISOString(),
      readsByNode: { ...reads },
      counters: { ...counters },
      cacheHitRatio: hits + misses ? hits / (hits + misses) : null,
    };
  },
  reset() {
    g.__gxStats = undefined;
  },
};
