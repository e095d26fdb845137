import { withDeadline } from "@/db/deadline";
import { config } from "@/lib/config";

// Redis is an optimisation, never a single point of failure — including a Redis that stops answering
// (paused, partitioned, busy in a long script). Every call is raced against REDIS_TIMEOUT_MS; a timeout
// counts as a failure, and FAILURES_TO_OPEN timeouts in a row (one slow answer on a busy machine is not an
// outage; a silent Redis fails every call in flight at once), or any refusal, open the breaker: for OPEN_MS every call
// fails at once (callers go to the databases), then one
// call is let through as a probe (half-open) while the others keep failing fast; the probe's success
// closes the breaker, its failure opens it again.

const OPEN_MS = 1_000;
const FAILURES_TO_OPEN = 3;
const timeoutMs = () => config().REDIS_TIMEOUT_MS;

type State = { openUntil: number; probing: boolean; failures: number; timeouts: number; lastError: string | null; opened: number };
const g = globalThis as unknown as { __gxBreaker?: State };
const b = () => (g.__gxBreaker ??= { openUntil: 0, probing: false, failures: 0, timeouts: 0, lastError: null, opened: 0 });

export class CacheUnavailable extends Error {}

export async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  const s = b();
  let probe = false;
  if (s.openUntil) {
    if (Date.now() < s.openUntil || s.probing) throw new CacheUnavailable(s.lastError ?? "cache unavailable");
    s.probing = probe = true; // half-open: this call alone tries Redis
  }
  try {
    const v = await withDeadline(fn(), timeoutMs(), "redis");
    s.failures = 0;
    s.openUntil = 0;
    return v;
  } catch (e) {
    s.failures++;
    const timedOut = (e as { code?: string }).code === "ETIMEDOUT" || (e as Error)?.name === "TimeoutError";
    if (timedOut) s.timeouts++;
    s.lastError = e instanceof Error ? e.message : String(e);
    // A refusal (Redis down, not connected) is certain at once; a timeout may be one slow answer.
    if (probe || s.openUntil || !timedOut || s.failures >= FAILURES_TO_OPEN) {
      if (!s.openUntil || probe) s.opened++;
      s.openUntil = Date.now() + OPEN_MS;
    }
    throw e instanceof CacheUnavailable ? e : new CacheUnavailable(s.lastError ?? "cache error", { cause: e });
  } finally {
    if (probe) s.probing = false;
  }
}

export const cacheIsUp = () => !b().openUntil || (Date.now() >= b().openUntil && !b().probing);
export const breakerState = () => ({
  open: !!b().openUntil,
  failures: b().failures,
  timeouts: b().timeouts,
  timesOpened: b().opened,
  lastError: b().lastError,
});
