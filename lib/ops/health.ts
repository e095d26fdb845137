import "server-only";
import { readNodes } from "@/db/readers";
import { breakerState } from "@/lib/cache/breaker";
import { boundedQuery, withDeadline } from "@/db/deadline";
import { epochsOpened } from "@/lib/cache/epoch";
import { redis, redisPending, redisShards, redisTransport } from "@/lib/cache/redis";
import { outboxStats } from "@/lib/write/outbox-stats";
import { config } from "@/lib/config";
import { consistency } from "@/lib/read/consistency";
import { ensureMonitor, nodeStates, refreshNow } from "@/lib/read/monitor";
import { stats } from "@/lib/read/stats";

// What /api/health and the admin status page show: every node, the cache, and where reads went.

export type ReplicationStatus = {
  ioRunning: boolean;
  sqlRunning: boolean;
  secondsBehindMaster: number | null;
  configuredDelaySeconds: number;
  lastError: string | null;
};

export type NodeHealth = {
  name: string;
  role: "primary" | "replica";
  address: string;
  reachable: boolean;
  gtid: string | null;
  position: number;
  lagMs: number | null;
  behindTransactions: number | null;
  fitForReads: boolean | null;
  replication?: ReplicationStatus | null;
  error: string | null;
};

async function replicationOf(name: string): Promise<ReplicationStatus | null> {
  const node = readNodes().find((n) => n.name === name);
  if (!node) return null;
  try {
    const rows = await boundedQuery<Record<string, unknown>>(node.pool, "SHOW SLAVE STATUS", [], config().HEALTH_PROBE_TIMEOUT_MS, `${name}: replication status`);
    const r = rows[0];
    if (!r) return null;
    return {
      ioRunning: r.Slave_IO_Running === "Yes",
      sqlRunning: r.Slave_SQL_Running === "Yes",
      secondsBehindMaster: r.Seconds_Behind_Master === null ? null : Number(r.Seconds_Behind_Master),
      configuredDelaySeconds: Number(r.SQL_Delay ?? 0),
      lastError: (r.Last_IO_Error || r.Last_SQL_Error || null) as string | null,
    };
  } catch {
    return null;
  }
}

async function redisHealth() {
  const t = performance.now();
  // A cluster's shards: every primary answering, with its replicas (null for one Redis or Upstash).
  const shards = withDeadline(redisShards(), config().HEALTH_PROBE_TIMEOUT_MS, "redis shards").catch(() => null);
  try {
    // Not through the breaker: health reports what Redis does now, even while the breaker is open.
    const pong = await withDeadline(redis().ping(), config().HEALTH_PROBE_TIMEOUT_MS, "redis ping");
    const s = await shards;
    const reachable = pong === "PONG" && (s === null ? redisTransport() !== "cluster" : s.length > 0 && s.every((x) => x.reachable));
    return { reachable, transport: redisTransport(), latencyMs: +(performance.now() - t).toFixed(2), shards: s, error: null };
  } catch (e) {
    return { reachable: false, transport: redisTransport(), latencyMs: null, shards: await shards, error: e instanceof Error ? e.message : String(e) };
  }
}

export async function health() {
  // Every probe below is bounded (HEALTH_PROBE_TIMEOUT_MS): health answers even when a node is silent.
  const budget = config().HEALTH_PROBE_TIMEOUT_MS;
  // Redis and the outbox are asked at once, in parallel with the nodes' probes.
  const others = Promise.all([redisHealth(), outboxStats()]);
  await withDeadline(ensureMonitor(), budget, "monitor start").catch(() => {});
  await withDeadline(refreshNow(), budget, "node probes").catch(() => {});
  const states = nodeStates();
  const primary = states.find((s) => s.role === "primary");
  const maxLag = config().REPLICA_MAX_LAG_MS;
  const nodes: NodeHealth[] = await Promise.all(
    states.map(async (s) => {
      const replication = s.role === "replica" && s.reachable ? await replicationOf(s.name) : undefined;
      return {
        name: s.name,
        role: s.role,
        address: s.url,
        reachable: s.reachable,
        gtid: s.gtid,
        position: s.seq,
        lagMs: s.role === "replica" ? s.lagMs : null,
        behindTransactions: s.role === "replica" && primary?.reachable && s.reachable ? Math.max(0, primary.seq - s.seq) : null,
        fitForReads: s.role === "replica" ? s.reachable && consistency().replicaFit(s, Date.now()) : null,
        ...(s.role === "replica" ? { replication: replication ?? null } : {}),
        error: s.reachable ? null : s.error,
      };
    }),
  );
  const pages = (globalThis as { __gxPageCacheStats?: Record<string, number> }).__gxPageCacheStats ?? null;
  const [redisNow, outbox] = await others;
  const cache = {
    ...redisNow,
    pendingCommands: redisPending(),
    epochsOpened: epochsOpened(),
    enabled: config().CACHE_ENABLED,
    breaker: breakerState(),
    outbox,
    // Rendered pages served by lib/cache/page-cache-handler.cjs in this process.
    pages: pages ? { ...pages, hitRatio: pages.hits + pages.misses + pages.stale ? pages.hits / (pages.hits + pages.misses + pages.stale) : null } : null,
  };
  const healthy =
    nodes.every((n) => n.reachable) &&
    nodes.every((n) => n.role === "primary" || (n.replication?.ioRunning && n.replication?.sqlRunning)) &&
    cache.reachable;
  return {
    status: healthy ? ("ok" as const) : ("degraded" as const),
    checkedAt: new Date().toISOString(),
    nodes,
    cache,
    reads: stats.snapshot(),
    settings: {
      replicaMaxLagMs: maxLag,
      consistency: consistency().name,
      consistencyWindowMs: config().CONSISTENCY === "window" ? config().CONSISTENCY_WINDOW_MS : null,
      readWaitMs: config().READ_WAIT_MS,
      redisTimeoutMs: config().REDIS_TIMEOUT_MS,
      redisMaxPending: config().REDIS_MAX_PENDING,
      dbConnectTimeoutMs: config().DB_CONNECT_TIMEOUT_MS,
      dbReadTimeoutMs: config().DB_READ_TIMEOUT_MS,
      dbWriteTimeoutMs: config().DB_WRITE_TIMEOUT_MS,
      healthProbeTimeoutMs: config().HEALTH_PROBE_TIMEOUT_MS,
    },
  };
}
