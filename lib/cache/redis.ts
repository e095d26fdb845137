import "server-only";
import { Redis } from "@upstash/redis";
import { config } from "@/lib/config";
import { createTcpRequester, type Shard, type TcpRequester } from "./tcp-requester";

// The one Redis client of the app: `@upstash/redis`'s API over either transport.
// - UPSTASH_REDIS_REST_URL + UPSTASH_REDIS_REST_TOKEN set: Upstash's REST API over HTTPS (serverless hosts).
// - REDIS_CLUSTER_NODES set: RESP over TCP to a Redis Cluster (node-redis's cluster client), same requester.
// - otherwise REDIS_URL: RESP over TCP to any Redis (the local default), through lib/cache/tcp-requester.ts.

export type Transport = "rest" | "tcp" | "cluster";

type Created = {
  redis: Redis;
  transport: Transport;
  close(): Promise<void>;
  pending(): number;
  replicated(budgetMs: number): Promise<boolean>;
  shards(): Promise<Shard[] | null>;
};

export function createRedis(
  opts: ({ restUrl: string; restToken: string } | { tcpUrl: string } | { clusterNodes: string[] }) & {
    timeoutMs?: number;
    maxPending?: number;
  },
): Created {
  if ("restUrl" in opts) {
    const redis = new Redis({
      url: opts.restUrl,
      token: opts.restToken,
      // Fail fast: when Redis is unreachable the app reads the databases instead of waiting.
      retry: { retries: 1, backoff: () => 50 },
      // The HTTP request's own limit (a new TLS connection can take longer than one command should); the
      // app's calls are bounded tighter by the breaker (REDIS_TIMEOUT_MS, lib/cache/breaker.ts).
      signal: () => AbortSignal.timeout(Math.max(opts.timeoutMs ?? 250, 1_500)),
      enableTelemetry: false,
      readYourWrites: false,
    });
    // Upstash replicates and fails over on its own side: nothing here can see or wait for it.
    return { redis, transport: "rest", close: async () => {}, pending: () => 0, replicated: async () => true, shards: async () => null };
  }
  const bounds = { timeoutMs: opts.timeoutMs, maxPending: opts.maxPending };
  const requester: TcpRequester =
    "clusterNodes" in opts
      ? createTcpRequester(opts.clusterNodes, bounds)
      : createTcpRequester(opts.tcpUrl, bounds);
  return {
    redis: new Redis(requester),
    transport: "clusterNodes" in opts ? "cluster" : "tcp",
    close: () => requester.close(),
    pending: () => requester.pending(),
    replicated: (budgetMs) => requester.replicated(budgetMs),
    shards: () => requester.shards(),
  };
}

const g = globalThis as unknown as { __gxRedis?: Created };

function instance() {
  const c = config();
  const bounds = { timeoutMs: c.REDIS_TIMEOUT_MS, maxPending: c.REDIS_MAX_PENDING };
  g.__gxRedis ??= c.UPSTASH_REDIS_REST_URL
    ? createRedis({ restUrl: c.UPSTASH_REDIS_REST_URL, restToken: c.UPSTASH_REDIS_REST_TOKEN!, ...bounds })
    : c.REDIS_CLUSTER_NODES.length
      ? createRedis({ clusterNodes: c.REDIS_CLUSTER_NODES, ...bounds })
      : createRedis({ tcpUrl: c.REDIS_URL, ...bounds });
  return g.__gxRedis;
}

export const redis = (): Redis => instance().redis;
export const redisTransport = (): Transport => instance().transport;
/** Commands sent to Redis and not answered yet (TCP transport). */
export const redisPending = (): number => instance().pending();
/**
 * Whether what the app wrote to Redis so far would survive a failover: on a cluster, every shard's replica
 * has it (lib/cache/tcp-requester.ts); elsewhere always true. Waits up to `budgetMs`.
 */
export const redisReplicated = (budgetMs: number): Promise<boolean> => instance().replicated(budgetMs);
/** A Redis Cluster's shards as their primaries report them (health); null for one Redis or Upstash. */
export const redisShards = (): Promise<Shard[] | null> => instance().shards();

export async function closeRedis() {
  const r = g.__gxRedis;
  // Forgotten once closed, not before: a call made while it closes gets the closing client (and fails fast)
  // rather than a new one that would keep the process alive.
  await r?.close();
  if (g.__gxRedis === r) g.__gxRedis = undefined;
}

const scripts = new WeakMap<Redis, Map<string, ReturnType<Redis["createScript"]>>>();
/** A Lua script on the app's client (EVALSHA, falling back to EVAL once), its SHA computed once. */
export function script<T>(lua: string): { exec(keys: string[], args: string[]): Promise<T> } {
  const r = redis();
  let m = scripts.get(r);
  if (!m) scripts.set(r, (m = new Map()));
  let s = m.get(lua);
  if (!s) m.set(lua, (s = r.createScript(lua)));
  const sc = s;
  return { exec: (keys, args) => sc.exec(keys, args) as Promise<T> };
}
