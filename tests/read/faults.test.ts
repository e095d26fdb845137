import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { getProductBook } from "@/lib/catalog/queries";
import { cacheIsUp } from "@/lib/cache/breaker";
import { publishBacklog } from "@/lib/cache/publish";
import { myListings } from "@/lib/accounts/queries";
import { createListing } from "@/lib/market/commands/listings";
import { createListingSchema } from "@/lib/market/schemas";
import { getFeed } from "@/lib/market/queries";
import { startHeartbeat, stopHeartbeat } from "@/lib/ops/heartbeat";
import { refreshNow } from "@/lib/read/monitor";
import { stats } from "@/lib/read/stats";
import { inDays, makeProduct, makeUser, newCode } from "../support/factory";
import { healReplication, opsQuery, startNode, stopNode, waitForReplica } from "../support/stack";

// Issue 4, behaviour 5: every server is really stopped and started again during the test.
// Redis down → the site works from the databases and recovers by itself. A replica down → reads move.
// Primary down → reads keep working, writes fail with a clear 503 and nothing half-done, and work again
// when it returns.

const eventually = async <T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> => {
  const end = Date.now() + ms;
  let last: T | undefined;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (ok(last)) return last;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)?.slice(0, 200)})`);
};

const listing = (productId: number, price = 4000) => createListingSchema.parse({ productId, price, code: newCode(), expiresAt: inDays(30) });

beforeAll(() => startHeartbeat());
afterEach(async () => {
  for (const n of ["primary", "replica1", "replica2", "redis"] as const) startNode(n);
  await healReplication();
});
afterAll(async () => {
  stopHeartbeat();
  await closeDatabases();
});

describe("Redis down", () => {
  it("pages and commands keep working from the databases, and the cache comes back by itself", async () => {
    const product = await makeProduct(5000);
    const seller = await makeUser();
    const first = await createListing(seller, listing(product.id));
    await getProductBook(product.id);

    stopNode("redis");
    stats.reset();
    const book = await getProductBook(product.id);
    expect(book!.asks.map((a) => a.id)).toContain(first.value.id);
    expect(cacheIsUp()).toBe(false);
    // Writes still work; their deltas wait in memory for Redis to come back.
    const second = await createListing(seller, listing(product.id, 3900));
    expect(publishBacklog()).toBeGreaterThan(0);
    await waitForReplica("replica1", `0-1-${second.seq}`);
    await waitForReplica("replica2", `0-1-${second.seq}`);
    expect((await getProductBook(product.id))!.asks.map((a) => a.id)).toContain(second.value.id);
    expect(stats.snapshot().counters.cacheError ?? 0).toBeGreaterThan(0);

    startNode("redis");
    await eventually("the cache to serve again", async () => {
      stats.reset();
      await getProductBook(product.id);
      await getProductBook(product.id);
      return stats.snapshot().counters.cacheHit ?? 0;
    }, (hits) => hits > 0);
    await eventually("the publish backlog to drain", async () => publishBacklog(), (n) => n === 0);
    const again = await getProductBook(product.id);
    expect(again!.asks.map((a) => a.id).sort()).toEqual([first.value.id, second.value.id].sort());
  });
});

describe("a replica down", () => {
  it("reads move to the other replica or the primary, without an error", async () => {
    const seller = await makeUser();
    const product = await makeProduct(5000);
    const l = await createListing(seller, listing(product.id));
    stopNode("replica1");
    await refreshNow();
    stats.reset();
    for (let i = 0; i < 20; i++) {
      const mine = await myListings({ userId: seller.id, minSeq: l.seq });
      expect(mine.map((m) => m.id)).toContain(l.value.id);
    }
    expect(stats.snapshot().readsByNode.replica1 ?? 0).toBe(0);

    stopNode("replica2");
    await refreshNow();
    stats.reset();
    const mine = await myListings({ userId: seller.id, minSeq: l.seq });
    expect(mine.map((m) => m.id)).toContain(l.value.id);
    expect(stats.snapshot().readsByNode.primary).toBe(1);
  });
});

describe("the primary down", () => {
  it("reads keep working, writes fail with a clear 503 and leave nothing behind, and work again after", async () => {
    const seller = await makeUser();
    const product = await makeProduct(5000);
    const before = await createListing(seller, listing(product.id));
    await getProductBook(product.id);
    await getFeed();
    await healReplication();

    stopNode("primary");
    await refreshNow();
    const book = await getProductBook(product.id);
    expect(book!.asks.map((a) => a.id)).toContain(before.value.id);
    expect((await myListings({ userId: seller.id, minSeq: before.seq })).map((m) => m.id)).toContain(before.value.id);

    const code = newCode();
    const err = await createListing(seller, { ...listing(product.id), code }).catch((e) => e);
    expect(err).toMatchObject({ kind: "unavailable", code: "primary_unavailable", status: 503 });

    startNode("primary");
    const after = await eventually("writes to work again", () => createListing(seller, listing(product.id, 3800)), () => true);
    expect(after.value.status).toBe("on_sale");
    // The failed write left nothing: its code was never stored, so it can be listed now.
    const rows = await opsQuery<{ n: number }>("primary", "SELECT COUNT(*) AS n FROM listings WHERE seller_id = ?", [seller.id]);
    expect(Number(rows[0].n)).toBe(2);
    const retry = await createListing(seller, { ...listing(product.id, 3700), code });
    expect(retry.value.status).toBe("on_sale");
  });
});
