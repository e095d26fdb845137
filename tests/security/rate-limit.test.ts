import { afterAll, describe, expect, it } from "vitest";

// Small limits for this file (read when the config is first used).
process.env.RATE_LIMIT_TRADE = "3/60";

import { closeDatabases } from "@/db/close";
import { redis } from "@/lib/cache/redis";
import { enforceRateLimit } from "@/lib/security/rate-limit";
import { uniq } from "../support/factory";

afterAll(() => closeDatabases());

const forgetThisProcess = () => {
  const g = globalThis as { __gxLimiters?: unknown; __gxLocalWindows?: unknown };
  g.__gxLimiters = undefined;
  g.__gxLocalWindows = undefined;
};

describe("rate limits", () => {
  it("the 4th trade in a minute is refused with 429 and a Retry-After, and the window lives in Redis", async () => {
    const id = `user:test-${uniq()}`;
    for (let i = 0; i < 3; i++) await enforceRateLimit("trade", id);
    const err = await enforceRateLimit("trade", id).catch((e) => e);
    expect(err).toMatchObject({ kind: "rate_limited", status: 429 });
    expect(err.retryAfterSeconds).toBeGreaterThan(0);
    expect(err.retryAfterSeconds).toBeLessThanOrEqual(60);
    // Shared by every app instance: the counters are Redis keys, not this process's memory.
    const found: string[] = [];
    let cursor: string | number = 0;
    do {
      const [next, batch]: [string | number, string[]] = await redis().scan(cursor, { match: `rl:trade:{${id}}*`, count: 1000 });
      found.push(...batch);
      cursor = next;
    } while (String(cursor) !== "0");
    expect(found.length).toBeGreaterThan(0);
  });

  it("another app instance (no memory of this one) sees the same limit", async () => {
    const id = `user:test-${uniq()}`;
    for (let i = 0; i < 3; i++) await enforceRateLimit("trade", id);
    forgetThisProcess();
    await expect(enforceRateLimit("trade", id)).rejects.toMatchObject({ kind: "rate_limited" });
  });

  it("limits are per identity: another user is not affected", async () => {
    const a = `user:test-${uniq()}`;
    for (let i = 0; i < 3; i++) await enforceRateLimit("trade", a);
    await expect(enforceRateLimit("trade", `user:test-${uniq()}`)).resolves.toBeUndefined();
  });
});
