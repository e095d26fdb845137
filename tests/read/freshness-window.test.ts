import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { config } from "@/lib/config";
import { createListing } from "@/lib/market/commands/listings";
import { myListings, myOrders } from "@/lib/accounts/queries";
import { createListingSchema } from "@/lib/market/schemas";
import { startHeartbeat, stopHeartbeat } from "@/lib/ops/heartbeat";
import { ALL_WRITES, consistency, markWrite, readFloor } from "@/lib/read/consistency";
import { nodeState, refreshNow } from "@/lib/read/monitor";
import { stats } from "@/lib/read/stats";
import { inDays, makeProduct, makeUser, newCode } from "../support/factory";
import { healReplication, setReplicaDelay } from "../support/stack";

// Read-your-writes on the window scheme (lib/read/consistency.ts), the one for engines whose replicas
// expose no position: first every freshness test again (that file, imported here with this file's own
// modules and configuration), then what only this scheme promises.
process.env.CONSISTENCY = "window";
await import("./freshness.test");

const REPLICAS = ["replica1", "replica2"] as const;

beforeAll(() => startHeartbeat());
afterEach(() => healReplication());
afterAll(() => stopHeartbeat());

async function listed() {
  const product = await makeProduct(5000);
  const seller = await makeUser();
  const l = await createListing(seller, createListingSchema.parse({ productId: product.id, price: 4000, code: newCode(), expiresAt: inDays(30) }));
  return { seller, listing: l.value, seq: l.seq };
}

describe("CONSISTENCY=window: a bounded window, no positions", () => {
  it("is the scheme in use", () => expect(consistency().name).toBe("window"));

  it("within the window a user's reads are on the primary even when every replica has caught up", async () => {
    const { seller, seq, listing } = await listed();
    await healReplication();
    await refreshNow();
    await markWrite(seller.id, seq);
    stats.reset();
    const mine = await myListings({ userId: seller.id, minSeq: await readFloor(seller.id) });
    expect(mine.map((m) => m.id)).toContain(listing.id);
    expect(stats.snapshot().readsByNode).toEqual({ primary: 1 });
  });

  it("the pin is the newest write's: an older mark cannot shorten it, and it ends by itself", async () => {
    const user = await makeUser();
    const t = Date.now();
    await markWrite(user.id, 0, t);
    await markWrite(user.id, 0, t - 4000); // a slower instance's older write, arriving late
    expect(await readFloor(user.id, { now: t + config().CONSISTENCY_WINDOW_MS - 1 })).toBe(ALL_WRITES);
    expect(await readFloor(user.id, { now: t + config().CONSISTENCY_WINDOW_MS + 1 })).toBe(0);
  });

  it("a replica further behind than the window gets no reads, though its position is not consulted", async () => {
    for (const r of REPLICAS) await setReplicaDelay(r, config().CONSISTENCY_WINDOW_MS / 1000 + 2);
    // The heartbeats (written every 500 ms with the primary's clock) show it: the replicas' newest is older
    // than the window. Under the gtid scheme these replicas (7 s < REPLICA_MAX_LAG_MS) would still get reads.
    const behind = async () => (await refreshNow(), Math.min(...REPLICAS.map((r) => nodeState(r)?.heartbeatLagMs ?? 0)));
    await expect.poll(behind, { timeout: 15_000, interval: 250 }).toBeGreaterThan(config().CONSISTENCY_WINDOW_MS);
    const user = await makeUser();
    stats.reset();
    await myOrders({ userId: user.id, minSeq: 0 }); // a floor of 0: any fit replica would do
    expect(stats.snapshot().readsByNode).toEqual({ primary: 1 });
  });
});
