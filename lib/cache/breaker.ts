// Redis is an optimisation, never a single point of failure. After a failed call the breaker stays open
// for a moment, so while Redis is down requests go straight to the databases instead of each waiting for a
// timeout; the first call after that moment tries Redis again, and success closes the breaker.

const OPEN_MS = 1_000;
const g = globalThis as unknown as { __gxBreaker?: { openUntil: number; failures: number; lastError: string | null } };
const b = () => (g.__gxBreaker ??= { openUntil: 0, failures: 0, lastError: null });

export class CacheUnavailable extends Error {}

export async function guarded<T>(fn: () => Promise<T>): Promise<T> {
  if (Date.now() < b().openUntil) throw new CacheUnavailable(b().lastError ?? "cache unavailable");
  try {
    const v = await fn();
    b().failures = 0;
    return v;
  } catch (e) {
    b().failures++;
    b().lastError = e instanceof Error ? e.message : String(e);
    b().openUntil = Date.now() + OPEN_MS;
    throw e instanceof CacheUnavailable ? e : new CacheUnavailable(b().lastError ?? "cache error", { cause: e });
  }
}

export const cacheIsUp = () => Date.now() >= b().openUntil;
export const breakerState = () => ({ open: !cacheIsUp(), failures: b().failures, lastError: b().lastError });
