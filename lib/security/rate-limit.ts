import "server-only";
import { guarded } from "@/lib/cache/breaker";
import { Ratelimit } from "@upstash/ratelimit";
import { redis } from "@/lib/cache/redis";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { behindEdgeServer, CLIENT_ADDRESS_HEADER } from "@/lib/http/client-address";
import { metrics } from "@/lib/ops/metrics";

// Rate limits with @upstash/ratelimit over the app's Redis (sliding windows shared by every instance).
// If Redis cannot be reached, a per-process window of the same size takes over, so a Redis outage neither
// locks everyone out nor lets a bot through unlimited.

export type Bucket = "signIn" | "signUp" | "trade" | "claim" | "reprice" | "like";

const settings = (b: Bucket) =>
  ({
    signIn: config().RATE_LIMIT_SIGN_IN,
    signUp: config().RATE_LIMIT_SIGN_UP,
    trade: config().RATE_LIMIT_TRADE,
    claim: config().RATE_LIMIT_CLAIM,
    reprice: config().RATE_LIMIT_REPRICE,
    like: config().RATE_LIMIT_LIKE,
  })[b];

const g = globalThis as unknown as { __gxLimiters?: Map<Bucket, Ratelimit>; __gxLocalWindows?: Map<string, number[]> };

function limiter(b: Bucket) {
  g.__gxLimiters ??= new Map();
  let l = g.__gxLimiters.get(b);
  if (!l) {
    const { requests, seconds } = settings(b);
    l = new Ratelimit({
      redis: redis(),
      limiter: Ratelimit.slidingWindow(requests, `${seconds} s`),
      prefix: `rl:${b}`,
      timeout: 0,
      ephemeralCache: new Map(),
    });
    g.__gxLimiters.set(b, l);
  }
  return l;
}

function localWindow(b: Bucket, id: string) {
  const { requests, seconds } = settings(b);
  g.__gxLocalWindows ??= new Map();
  const now = Date.now();
  const key = `${b}:${id}`;
  const hits = (g.__gxLocalWindows.get(key) ?? []).filter((t) => t > now - seconds * 1000);
  const success = hits.length < requests;
  if (success) hits.push(now);
  g.__gxLocalWindows.delete(key); // re-inserted last: the map stays ordered by latest use
  g.__gxLocalWindows.set(key, hits);
  // Bounded: identities not seen for the longest time go first (a Redis outage must not grow it forever).
  while (g.__gxLocalWindows.size > 50_000) g.__gxLocalWindows.delete(g.__gxLocalWindows.keys().next().value!);
  return { success, reset: (hits[0] ?? now) + seconds * 1000 };
}

/** Counts one request of `id` in `bucket`; throws a 429 AppError (with Retry-After) when over the limit. */
export async function enforceRateLimit(bucket: Bucket, id: string): Promise<void> {
  let r: { success: boolean; reset: number };
  try {
    // Through the breaker: a silent Redis costs one bounded wait, then the local window answers at once.
    // In braces: a hash tag, so the two windows of one identity are in one slot of a Redis Cluster.
    r = await guarded(() => limiter(bucket).limit(`{${id}}`));
  } catch {
    r = localWindow(bucket, id);
  }
  if (!r.success) {
    const retryAfterSeconds = Math.max(1, Math.ceil((r.reset - Date.now()) / 1000));
    metrics().rateLimited.inc({ limit: bucket });
    throw new AppError("rate_limited", "rate_limited", `요청이 너무 많습니다. ${retryAfterSeconds}초 후에 다시 시도해 주세요.`, { retryAfterSeconds });
  }
}

let warned = false;
/**
 * The client's address for per-address limits, as the app's server (server.ts) determined it from the
 * connection: an IPv4 address or an IPv6 /64. Not run by that server (`next dev`), no header can be
 * trusted, so every client shares one address: the limits still hold, for everyone at once.
 */
export function clientAddress(headers: Headers): string {
  if (behindEdgeServer()) return headers.get(CLIENT_ADDRESS_HEADER) || "unknown";
  if (!warned) {
    warned = true;
    console.warn("[rate-limit] not served by server.ts: per-address limits count every client as one");
  }
  return "unknown";
}
