import { afterAll, describe, expect, it } from "vitest";

// Small settings for this file (read when the config is first used): 3 failures, then 2 s doubling to 8 s.
process.env.SIGN_IN_BACKOFF = "3/2/8";
process.env.RATE_LIMIT_SIGN_IN = "1000/60";

import { closeDatabases } from "@/db/close";
import { beginSignIn, signInSucceeded } from "@/lib/security/sign-in-guard";
import { AppError } from "@/lib/errors";
import { startNode, stopNode } from "../support/stack";
import { uniq } from "../support/factory";

afterAll(async () => {
  startNode("redis");
  await closeDatabases();
});

const headers = new Headers();
/** The time one attempt for `email` must still wait (0 when it may go ahead). */
async function attempt(email: string): Promise<number> {
  try {
    await beginSignIn(headers, email);
    return 0;
  } catch (e) {
    if (!(e instanceof AppError) || e.code !== "rate_limited") throw e;
    return e.retryAfterSeconds!;
  }
}

describe("sign-in backoff per email", () => {
  it("after 3 attempts without success the email waits, the same for an account that does not exist", async () => {
    for (const email of [`real-${uniq()}@example.test`, `nobody-${uniq()}@example.test`]) {
      expect([await attempt(email), await attempt(email), await attempt(email)]).toEqual([0, 0, 0]);
      const wait = await attempt(email);
      expect(wait).toBeGreaterThanOrEqual(1);
      expect(wait).toBeLessThanOrEqual(2);
      // Waiting attempts do not count: the lock does not grow while refused.
      expect(await attempt(email)).toBeLessThanOrEqual(2);
    }
  });

  it("a burst of parallel guesses gets no more tries than a patient guesser", async () => {
    const email = `burst-${uniq()}@example.test`;
    const waits = await Promise.all(Array.from({ length: 30 }, () => attempt(email)));
    expect(waits.filter((w) => w === 0)).toHaveLength(3);
    expect(waits.filter((w) => w > 0)).toHaveLength(27);
  });

  it("a success forgets the failures", async () => {
    const email = `ok-${uniq()}@example.test`;
    await attempt(email);
    await attempt(email);
    await signInSucceeded(email);
    expect([await attempt(email), await attempt(email)]).toEqual([0, 0]);
  });

  it("the lockout doubles with each further failure, up to the longest (checked by moving the clock)", async () => {
    const email = `grow-${uniq()}@example.test`;
    const realNow = Date.now;
    let t = realNow();
    Date.now = () => t;
    try {
      const waits: number[] = [];
      for (let i = 0; i < 6; i++) {
        expect(await attempt(email)).toBe(0);
        const w = await attempt(email);
        waits.push(w);
        t += w * 1000 + 1; // wait it out, then fail again
      }
      expect(waits).toEqual([0, 2, 4, 8, 8, 8]);
    } finally {
      Date.now = realNow;
    }
  });

  it("with Redis down, each process still keeps its own backoff", async () => {
    stopNode("redis");
    try {
      const email = `local-${uniq()}@example.test`;
      expect([await attempt(email), await attempt(email), await attempt(email)]).toEqual([0, 0, 0]);
      expect(await attempt(email)).toBeGreaterThan(0);
    } finally {
      startNode("redis");
    }
  });
});
