import { describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { primaryDb } from "@/db/primary";
import { redis } from "@/lib/cache/redis";
import { outboxPublished } from "@/lib/write/outbox";
import { outboxState } from "@/lib/write/outbox-stats";
import { users } from "@/db/schema";
import { pauseNode, resumeNode } from "../support/stack";

// closeDatabases (db/close.ts) ends every script and test file: afterwards nothing of the process may open a
// client again (a finished `npm start` seed that did stayed alive, holding the start up), and it must end
// within its bounds when a server is silent.

const clients = () => globalThis as unknown as { __gxRedis?: unknown; __gxPrimaryPool?: unknown };

describe("closeDatabases", () => {
  it("stops the outbox's batched deletes first: no tick after it opens a client again", async () => {
    await primaryDb().select({ id: users.id }).from(users).limit(1);
    await redis().get("close-test");
    outboxPublished(0); // a published row awaiting its delete: the 250 ms ticks are on
    expect(outboxState().timer).not.toBeNull();
    await closeDatabases();
    expect(outboxState().timer).toBeNull();
    await new Promise((r) => setTimeout(r, 700)); // what would have been two ticks of the delete
    expect(clients().__gxRedis).toBeUndefined();
    expect(clients().__gxPrimaryPool).toBeUndefined();
    outboxState().done.clear();
  });

  it("ends within a second with Redis silent and a command still waiting on it", async () => {
    await redis().get("close-test"); // connected
    pauseNode("redis");
    try {
      const waiting = redis().get("close-test").catch(() => "failed"); // never answered
      const t0 = Date.now();
      await closeDatabases();
      expect(Date.now() - t0).toBeLessThan(1_000);
      expect(await waiting).toBe("failed");
    } finally {
      resumeNode("redis");
    }
  });
});
