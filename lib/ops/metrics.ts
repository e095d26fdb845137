import client from "prom-client";

// Prometheus metrics of this process (GET /api/metrics, behind the ops token). One registry per process,
// kept on globalThis: server.ts (which observes every HTTP request) and Next.js's bundles (route handlers,
// commands, the cache) each load their own copy of this module, and all of them must count into the same
// metrics. No "server-only" here, for the same reason: server.ts imports it outside React's server graph.
//
// Most of the read side's numbers already live in per-process state that /api/health shows (lib/read/stats,
// the breaker, the outbox, the replica monitor, the page-cache handler); those are read at scrape
// time rather than counted twice.

type State = {
  registry: client.Registry;
  httpRequests: client.Counter<"method" | "route" | "status">;
  httpDuration: client.Histogram<"method" | "route" | "status">;
  rateLimited: client.Counter<"limit">;
  marketEvents: client.Counter<"event">;
  rows: client.Gauge<"table" | "status">;
};

type Globals = {
  __gxMetrics?: State;
  __gxStats?: { reads: Record<string, number>; readsWhy?: Record<string, number>; counters: Record<string, number> };
  __gxBreaker?: { openUntil: number; failures: number };
  __gxMonitor?: { states: Map<string, { name: string; role: string; reachable: boolean; lagMs: number | null; seq: number }> };
  __gxPageCacheStats?: Record<string, number>;
  // Set by lib/write/outbox-stats.ts (which reads the primary, so this module cannot import it).
  __gxOutboxStats?: () => Promise<{ pending: number | null }>;
  __gxOutbox?: { drained: number };
};
const g = globalThis as unknown as Globals;

/** A counter whose value is read from elsewhere at scrape time (prom-client: collect() sets it). */
function mirroredCounter<L extends string>(registry: client.Registry, name: string, help: string, labelNames: L[], read: () => [Record<L, string>, number][]) {
  return new client.Counter<L>({
    name,
    help,
    labelNames,
    registers: [registry],
    collect() {
      this.reset();
      for (const [labels, v] of read()) if (v > 0) this.inc(labels as Partial<Record<L, string | number>>, v);
    },
  });
}

const PAGE_LOOKUP_RESULTS = ["hits", "misses", "stale", "unverified"] as const;

function create(): State {
  const registry = new client.Registry();
  client.collectDefaultMetrics({ register: registry });
  const reg = [registry];
  const state: State = {
    registry,
    httpRequests: new client.Counter({ name: "gx_http_requests_total", help: "HTTP requests by route template and status", labelNames: ["method", "route", "status"], registers: reg }),
    httpDuration: new client.Histogram({
      name: "gx_http_request_duration_seconds",
      help: "HTTP request latency (until the response is finished) by route template and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
      registers: reg,
    }),
    rateLimited: new client.Counter({ name: "gx_rate_limited_total", help: "Requests refused by a rate limit (429), by limit", labelNames: ["limit"], registers: reg }),
    marketEvents: new client.Counter({
      name: "gx_market_events_total",
      help: "Committed market events: listing_posted (incl. re-posts at a new price), listing_removed, bid_placed, bid_removed, trade",
      labelNames: ["event"],
      registers: reg,
    }),
    rows: new client.Gauge({ name: "gx_rows", help: "Listings, bids and orders by status (counted at scrape time on a replica)", labelNames: ["table", "status"], registers: reg }),
  };

  const stats = () => g.__gxStats ?? { reads: {}, counters: {} };
  mirroredCounter(registry, "gx_reads_total", "Database reads by node and why the router chose it", ["node", "why"], () =>
    Object.entries(stats().readsWhy ?? {}).map(([k, v]) => {
      const [node, why] = k.split("|");
      return [{ node, why }, v];
    }),
  );
  mirroredCounter(registry, "gx_read_events_total", "Read-side events: waits for a replica, node errors, refused refills…", ["event"], () =>
    Object.entries(stats().counters)
      .filter(([k]) => !k.startsWith("cache"))
      .map(([event, v]) => [{ event }, v]),
  );
  mirroredCounter(registry, "gx_cache_requests_total", "Cached view lookups by result (hit, miss, stale_served, refill_refused, error)", ["result"], () =>
    Object.entries(stats().counters)
      .filter(([k]) => k.startsWith("cache"))
      .map(([k, v]) => [{ result: k.replace(/^cache/, "").replace(/[A-Z]/g, (c, i: number) => (i ? "_" : "") + c.toLowerCase()) }, v]),
  );
  // Lookups only: the handler's other figures (entry counts, renders kept) are not results of a lookup.
  const pageStats = () => g.__gxPageCacheStats ?? {};
  mirroredCounter(registry, "gx_page_cache_requests_total", "Rendered-page cache lookups by result (hits, misses, stale, unverified)", ["result"], () =>
    PAGE_LOOKUP_RESULTS.map((result) => [{ result }, pageStats()[result] ?? 0]),
  );
  new client.Counter({
    name: "gx_page_cache_renders_total",
    help: "Pages rendered and kept by this process's page cache (each one a render that a change made necessary, or a first one)",
    registers: reg,
    collect() {
      this.reset();
      this.inc(pageStats().stores ?? 0);
    },
  });
  new client.Gauge({
    name: "gx_page_cache_entries",
    help: "Rendered pages kept by this process's page cache",
    registers: reg,
    collect() {
      this.set(g.__gxPageCacheStats?.entries ?? 0);
    },
  });
  new client.Gauge({
    name: "gx_replica_lag_seconds",
    help: "Each replica's replication lag as the monitor measures it (NaN while unknown)",
    labelNames: ["node"],
    registers: reg,
    collect() {
      this.reset();
      for (const s of g.__gxMonitor?.states.values() ?? []) if (s.role === "replica") this.set({ node: s.name }, s.lagMs === null ? NaN : s.lagMs / 1000);
    },
  });
  new client.Gauge({
    name: "gx_node_up",
    help: "Whether each database node answers the monitor (1) or not (0)",
    labelNames: ["node", "role"],
    registers: reg,
    collect() {
      this.reset();
      for (const s of g.__gxMonitor?.states.values() ?? []) this.set({ node: s.name, role: s.role }, s.reachable ? 1 : 0);
    },
  });
  new client.Gauge({
    name: "gx_cache_breaker_open",
    help: "1 while the Redis circuit breaker is open (reads go to the databases, deltas queue in memory)",
    registers: reg,
    collect() {
      this.set(Date.now() < (g.__gxBreaker?.openUntil ?? 0) ? 1 : 0);
    },
  });
  new client.Gauge({
    name: "gx_after_commit_backlog",
    help: "Committed changes not yet known to be published to Redis: rows in the outbox (lib/write/outbox.ts)",
    registers: reg,
    async collect() {
      const pending = (await g.__gxOutboxStats?.())?.pending;
      if (pending != null) this.set(pending);
    },
  });
  new client.Gauge({
    name: "gx_outbox_drained",
    help: "Outbox rows this process drained (published late, as fence raises)",
    registers: reg,
    collect() {
      this.set(g.__gxOutbox?.drained ?? 0);
    },
  });
  return state;
}

export function metrics(): State {
  return (g.__gxMetrics ??= create());
}

/** Counts a read by the node it went to and why (lib/read/router.ts), into the stats /api/health shows. */
export function countRead(node: string, why: string) {
  const s = (g.__gxStats ??= { reads: {}, counters: {} } as unknown as NonNullable<Globals["__gxStats"]>);
  s.readsWhy ??= {};
  s.readsWhy[`${node}|${why}`] = (s.readsWhy[`${node}|${why}`] ?? 0) + 1;
}

/** The route template of a request path, from the app's own route list (bounded label values). */
export function routeTemplate(pathname: string, known: Set<string>): string {
  if (pathname.startsWith("/_next/")) return "/_next/*";
  const t = pathname
    .split("/")
    .map((seg) => (/^\d+$/.test(seg) ? "{id}" : seg))
    .join("/")
    .replace(/\/$/, "") || "/";
  if (known.has(t)) return t;
  // A dynamic segment that is not a number (docs assets, Auth.js's catch-all).
  for (const k of known) if (k.includes("{") && new RegExp(`^${k.replace(/\{\w+\}/g, "[^/]+").replace(/\*$/, ".*")}$`).test(t)) return k;
  return "other";
}
