import { afterAll, afterEach, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { askNode as ask, clusterPid, eventually, healReplication, outboxRows, pauseReplication, primaryOf, redisCluster, startClusterNode } from "../support/stack";

// The app's Redis is the stack's 3-primary Redis Cluster (REDIS_CLUSTER_NODES), and one primary dies for
// good (SIGKILL, as a lost machine) right after a sale, while the database replicas are stopped with the
// voucher still on sale. Reads never fail while the shard is away (they go to the databases, as in any
// Redis outage: up to REPLICA_MAX_LAG_MS behind, and the buy itself refuses a sold voucher). Once its
// replica has taken over, the views are served from Redis again and the sold voucher does not come back:
// - a sale whose outbox row is deleted is on the shard's replica (rows are deleted only then), so the
//   promoted replica has it and the cached snapshot that still shows the voucher is never served without it;
// - a sale the replica did not have keeps its outbox row, and the drain raises the book's fence on the
//   promoted replica (between the promotion and that drain, its readers may see the state before the sale:
//   README "Redis Cluster").
const cluster = redisCluster();
process.env.REDIS_CLUSTER_NODES = cluster.nodes;

const { keys } = await import("@/lib/cache/keys");
const { closeRedis, redis, redisShards, redisTransport } = await import("@/lib/cache/redis");
const { getProductBook } = await import("@/lib/catalog/queries");
const { buyListing } = await import("@/lib/market/commands/buy");
const { createListing } = await import("@/lib/market/commands/listings");
const { createListingSchema } = await import("@/lib/market/schemas");
const { stats } = await import("@/lib/read/stats");
const { drainOutbox } = await import("@/lib/write/outbox");
const { inDays, makeProduct, makeUser, newCode } = await import("../support/factory");

const ports = cluster.urls.map((u) => Number(new URL(u).port));
let killed: number | null = null;

/** The port of the replica of the primary on `port`. */
async function replicaOf(port: number): Promise<number> {
  const lines = String(await ask<string>(port, "CLUSTER", "NODES")).trim().split("\n").map((l) => l.split(" "));
  const id = lines.find((l) => l[2].includes("myself"))![0];
  const replica = lines.find((l) => l[3] === id && l[2].includes("slave") && !l[2].includes("fail"));
  if (!replica) throw new Error(`no replica of ${port}`);
  return Number(replica[1].split(":")[1].split("@")[0]);
}

/**
 * Kills the shard primary of `key` (on port `victim`) and waits until its replica serves the slot, as seen
 * from a node other than the victim and `avoid`; reads go on meanwhile.
 */
async function losePrimary(victim: number, key: string, read: () => Promise<unknown>, opts: { avoid?: number; beforeWaiting?: () => void } = {}) {
  const other = ports.find((p) => p !== victim && p !== opts.avoid)!;
  killed = ports.indexOf(victim);
  process.kill(clusterPid(killed), "SIGKILL");
  opts.beforeWaiting?.();
  // Read as customers would until the shard's replica has taken over (cluster-node-timeout is 1 s).
  const started = Date.now();
  let reads = 0;
  while (Date.now() - started < 20_000) {
    await read(); // never throws: Redis away → the databases
    reads++;
    const owner = await primaryOf(key, other).catch(() => victim);
    if (owner !== victim && String(await ask<string>(other, "CLUSTER", "INFO")).includes("cluster_state:ok")) return reads;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("the replica was not promoted within 20 s");
}

/** Reads until a read is served from Redis again (the breaker lets a probe through after 1 s). */
async function untilServedFromRedis(read: () => Promise<unknown>) {
  const back = Date.now() + 5_000;
  do {
    stats.reset();
    await read();
    if (stats.snapshot().counters.cacheHit) return;
    await new Promise((r) => setTimeout(r, 100));
  } while (Date.now() < back);
  throw new Error("reads were not served from Redis again within 5 s");
}

afterEach(async () => {
  // The dead node comes back and rejoins as its shard's replica; the cluster is whole for what follows.
  if (killed !== null) startClusterNode(killed);
  killed = null;
  redisCluster();
  // …and has caught up with its primary before the next test relies on it.
  await eventually(
    "every primary to have a replica in sync",
    async () => {
      const infos = await Promise.all(ports.map((p) => ask<string>(p, "INFO", "replication").catch(() => "")));
      const primaries = infos.filter((i) => i.includes("role:master"));
      return primaries.length === 3 && primaries.every((i) => /slave0:[^\r\n]*state=online/.test(i) && /connected_slaves:1/.test(i));
    },
    (ok) => ok,
    30_000,
  );
  await healReplication();
});

afterAll(async () => {
  await closeRedis();
  await closeDatabases();
});

async function cachedListing() {
  const product = await makeProduct(5000);
  const seller = await makeUser();
  const buyer = await makeUser({ points: 10_000 });
  const { value: listing } = await createListing(seller, createListingSchema.parse({ productId: product.id, price: 4000, code: newCode(), expiresAt: inDays(30) }));
  expect((await getProductBook(product.id))!.asks.map((a) => a.id)).toEqual([listing.id]); // cached, with the ask
  // The database replicas stay behind with the listing on sale: a refill read from them would bring it back.
  await pauseReplication("replica1");
  await pauseReplication("replica2");
  return { product, listing, buyer, book: () => getProductBook(product.id) };
}

describe("Redis Cluster: a primary lost right after a sale", () => {
  it("is the transport in use, with every shard replicated", async () => {
    expect(redisTransport()).toBe("cluster");
    const roles = await Promise.all(ports.map((p) => ask<string[]>(p, "ROLE").then((r) => r[0])));
    expect(roles.filter((r) => r === "master")).toHaveLength(3);
    expect(roles.filter((r) => r === "slave")).toHaveLength(3);
    // As /api/health shows them.
    const shards = (await redisShards())!;
    expect(shards.map((x) => x.primary).sort()).toEqual(ports.filter((p, i) => roles[i] === "master").map((p) => `127.0.0.1:${p}`).sort());
    for (const x of shards) expect(x).toMatchObject({ reachable: true, replicas: 1 });
  });

  it("never shows the sold voucher as buyable once the replica has taken over, and serves from Redis again", async () => {
    const { product, listing, buyer, book } = await cachedListing();
    const rows = await outboxRows();
    const { seq } = await buyListing(buyer, { listingId: listing.id, expectedPrice: listing.price });
    expect((await book())!.asks).toEqual([]);
    // Its outbox row is deleted once the shard's replica has the sale (lib/write/outbox.ts).
    await eventually("the sale's outbox row to be deleted", outboxRows, (n) => n <= rows, 10_000);

    const key = keys.book(product.id).fence; // the slot of every key of the book
    expect(await losePrimary(await primaryOf(key, ports[0]), key, book)).toBeGreaterThan(1);

    // The promoted replica has the sale (the removal of the ask from the book's deltas), so the snapshot
    // that still has the ask is never served without it.
    let removal: unknown[] = [];
    for (const until = Date.now() + 5_000; !removal.length && Date.now() < until; await new Promise((r) => setTimeout(r, 100)))
      removal = await redis()
        .zrange(keys.book(product.id).deltas, seq, seq, { byScore: true })
        .catch(() => []); // the client may not have seen the new topology yet
    expect(removal).toEqual(expect.arrayContaining([expect.objectContaining({ s: seq, op: "remove", kind: "ask", id: listing.id })]));

    await untilServedFromRedis(book);
    stats.reset();
    for (let i = 0; i < 5; i++) expect((await book())!.asks).toEqual([]);
    expect(stats.snapshot().counters.cacheHit).toBe(5);
    // Health sees the shard that lost its primary: its promoted replica serves it, with no replica of its own.
    const promoted = `127.0.0.1:${await primaryOf(key, ports.find((p) => p !== ports[killed!])!)}`;
    expect((await redisShards())!.find((x) => x.primary === promoted)).toMatchObject({ reachable: true, replicas: 0 });
  });

  it("a sale its shard's replica did not acknowledge stays in the outbox, and the drain after the failover takes it off", async () => {
    const { product, listing, buyer, book } = await cachedListing();
    const key = keys.book(product.id).fence;
    const victim = await primaryOf(key, ports[0]);
    const replica = await replicaOf(victim);
    const replicaPid = clusterPid(ports.indexOf(replica));
    process.kill(replicaPid, "SIGSTOP"); // connected, silent: it acknowledges nothing
    try {
      const rows = await outboxRows();
      const t0 = Date.now();
      await buyListing(buyer, { listingId: listing.id, expectedPrice: listing.price });
      expect(Date.now() - t0).toBeLessThan(2_000); // the command did not wait on the replica
      // The shard's primary has the sale, and readers see it.
      expect((await book())!.asks).toEqual([]);
      // Not on the replica, so the outbox row is not deleted (the delete waits 1.2 s for it, then gives up).
      await new Promise((r) => setTimeout(r, 2_000));
      expect(await outboxRows()).toBeGreaterThan(rows);
      await losePrimary(victim, key, book, { avoid: replica, beforeWaiting: () => process.kill(replicaPid, "SIGCONT") });
    } finally {
      process.kill(replicaPid, "SIGCONT");
    }
    // The promoted replica never heard of the sale; the drain (the sweeper runs it every second in the
    // app; here the test runs it) raises the book's fence there, at the primary's position.
    await eventually("the outbox to drain", async () => (await drainOutbox({ minAgeMs: 0 }), outboxRows()), (n) => n === 0, 10_000);

    await untilServedFromRedis(book);
    for (let i = 0; i < 5; i++) expect((await book())!.asks.map((a) => a.id)).not.toContain(listing.id);
  });
});

describe("Redis Cluster: a shard that loses its data", () => {
  it("its views open a new epoch and refill at or after the primary's position; the other shards' views are untouched", async () => {
    const here = await cachedListing(); // the book cached; the database replicas stopped with the ask on sale
    const key = keys.book(here.product.id).fence;
    const shard = await primaryOf(key, ports[0]);
    // A book cached on another shard.
    let there: Awaited<ReturnType<typeof makeProduct>> | undefined;
    for (let i = 0; i < 20 && !there; i++) {
      const p = await makeProduct(5000);
      if ((await primaryOf(keys.book(p.id).fence, ports[0])) !== shard) there = p;
    }
    expect(there).toBeDefined();
    await getProductBook(there!.id);
    await getProductBook(there!.id);

    await buyListing(here.buyer, { listingId: here.listing.id, expectedPrice: here.listing.price });
    // The shard restarts without its data (here: FLUSHALL, which its replica follows): the book's snapshot,
    // fence, deltas and the slot's epoch are gone, while the database replicas still have the ask on sale.
    await ask(shard, "FLUSHALL");
    stats.reset();
    for (let i = 0; i < 3; i++) expect((await here.book())!.asks.map((a) => a.id)).not.toContain(here.listing.id);
    // The refill waited for a node at the primary's position: the stopped replicas could not serve it.
    expect(stats.snapshot().readsByNode).toEqual({ primary: 1 });
    expect(stats.snapshot().counters.cacheHit).toBe(2);

    // The other shard kept its epoch: its book is still served from Redis.
    stats.reset();
    await getProductBook(there!.id);
    expect(stats.snapshot().counters).toMatchObject({ cacheHit: 1 });
    expect(stats.snapshot().readsByNode).toEqual({});
  });
});
