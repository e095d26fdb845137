import fc from "fast-check";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { readOwn, ownLoaders } from "@/lib/accounts/own-views";
import { keys, type OwnView } from "@/lib/cache/keys";
import { redis } from "@/lib/cache/redis";
import { isAppError } from "@/lib/errors";
import { cancelBid, fillBid, placeBid } from "@/lib/market/commands/bids";
import { buyListing, buyLowest } from "@/lib/market/commands/buy";
import { cancelListing, createListing, updateListing } from "@/lib/market/commands/listings";
import { takeDownListing } from "@/lib/market/commands/takedown";
import { createListingSchema, placeBidSchema } from "@/lib/market/schemas";
import { confirmOrder } from "@/lib/orders/commands";
import { processWithdrawal, requestWithdrawal, topUp } from "@/lib/points/commands";
import { startHeartbeat, stopHeartbeat } from "@/lib/ops/heartbeat";
import { markWrite, readFloor } from "@/lib/read/consistency";
import { readAt } from "@/lib/read/router";
import { stats } from "@/lib/read/stats";
import type { Actor } from "@/lib/write/command";
import { fillInput, inDays, makeProduct, makeUser, newCode } from "../support/factory";
import { healReplication, pauseReplication, setReplicaDelay } from "../support/stack";

// A user's own listings, bids and orders are cached views (lib/accounts/own-views.ts): right after their
// own write, with every replica behind, they must come from Redis and still show that write; and a change
// no command described (lib/write/touches.ts) must never be missed.

const REPLICAS = ["replica1", "replica2"] as const;
const VIEWS: OwnView[] = ["listings", "bids", "orders", "me", "ledger", "withdrawals"];

beforeAll(() => startHeartbeat());
afterEach(() => healReplication());
afterAll(async () => {
  stopHeartbeat();
  await healReplication();
  await closeDatabases();
});

/** What the app does around a command: the write leaves its mark, and the author's reads take their floor from it. */
async function wrote(actor: Actor, seq: number) {
  await markWrite(actor.id, seq);
}
const own = async <W extends OwnView>(what: W, user: Actor) => readOwn(what, { userId: user.id, minSeq: await readFloor(user.id) }, 100);
const truth = async (what: OwnView, user: Actor): Promise<unknown[]> => (await readAt({ mode: "primary" }, (db) => ownLoaders[what](db, user.id, 100) as Promise<unknown[]>)).value;
const plain = (rows: unknown) => JSON.parse(JSON.stringify(rows));
const dbReads = () => {
  const c = stats.snapshot().counters;
  return { primary: c.ownFromPrimary ?? 0, replica: c.ownFromReplica ?? 0, cache: c.ownFromCache ?? 0 };
};

describe("own pages right after one's own write", () => {
  it("come from Redis with replication stopped, and show the write: listing, cancel, bid, buy", async () => {
    const product = await makeProduct(5000);
    const seller = await makeUser();
    const buyer = await makeUser({ points: 50_000 });
    for (const u of [seller, buyer]) for (const v of VIEWS) await own(v, u); // snapshots first
    for (const r of REPLICAS) await pauseReplication(r);
    const before = dbReads();

    const a = await createListing(seller, createListingSchema.parse({ productId: product.id, price: 4000, code: newCode(), expiresAt: inDays(30) }));
    await wrote(seller, a.seq);
    expect((await own("listings", seller)).find((l) => l.id === a.value.id)).toMatchObject({ status: "on_sale", price: 4000, orderId: null });

    const b = await createListing(seller, createListingSchema.parse({ productId: product.id, price: 4200, code: newCode(), expiresAt: inDays(30) }));
    await wrote(seller, b.seq);
    const c = await cancelListing(seller, b.value.id);
    await wrote(seller, c.seq);
    expect((await own("listings", seller)).find((l) => l.id === b.value.id)?.status).toBe("cancelled");

    const bid = await placeBid(buyer, placeBidSchema.parse({ productId: product.id, price: 3000 }));
    await wrote(buyer, bid.seq);
    expect((await own("bids", buyer)).find((x) => x.id === bid.value.id)).toMatchObject({ status: "active", price: 3000 });
    const cb = await cancelBid(buyer, bid.value.id);
    await wrote(buyer, cb.seq);
    expect((await own("bids", buyer)).find((x) => x.id === bid.value.id)?.status).toBe("cancelled");

    const o = await buyListing(buyer, { listingId: a.value.id, expectedPrice: 4000 });
    await wrote(buyer, o.seq);
    expect((await own("orders", buyer))[0]).toMatchObject({ id: o.value.id, role: "buyer", status: "paid", paid: 4000 });
    // The seller did not write, but their pages changed: they see the sale as soon as the buyer does.
    expect((await own("orders", seller))[0]).toMatchObject({ id: o.value.id, role: "seller", status: "paid" });
    expect((await own("listings", seller)).find((l) => l.id === a.value.id)).toMatchObject({ status: "sold", orderId: o.value.id });

    // The balances moved by the bid, its cancel and the purchase: the account rows and ledgers, read back
    // in each command's transaction and published whole.
    expect((await own("me", buyer))[0]).toMatchObject({ points: 50_000 - 4000, heldPoints: 0 });
    expect((await own("ledger", buyer)).slice(0, 3).map((r) => r.kind)).toEqual(["purchase", "release", "hold"]);

    const after = dbReads();
    expect(after.primary - before.primary).toBe(0);
    expect(after.replica - before.replica).toBe(0);
    expect(after.cache - before.cache).toBe(9);
    // And they are exactly the primary's rows.
    for (const u of [seller, buyer]) for (const v of VIEWS) expect(plain(await own(v, u))).toEqual(plain(await truth(v, u)));
  });

  it("a change that no command described (confirm, takedown, a sell-now fill) is never missed", async () => {
    const product = await makeProduct(5000);
    const seller = await makeUser();
    const buyer = await makeUser({ points: 50_000 });
    const admin = await makeUser({ role: "admin" });
    const a = await createListing(seller, createListingSchema.parse({ productId: product.id, price: 4000, code: newCode(), expiresAt: inDays(30) }));
    const t = await createListing(seller, createListingSchema.parse({ productId: product.id, price: 4500, code: newCode(), expiresAt: inDays(30) }));
    const o = await buyListing(buyer, { listingId: a.value.id, expectedPrice: 4000 });
    const bid = await placeBid(buyer, placeBidSchema.parse({ productId: product.id, price: 3000 }));
    for (const u of [seller, buyer]) for (const v of VIEWS) await own(v, u);
    for (const r of REPLICAS) await pauseReplication(r);

    await wrote(buyer, (await confirmOrder(buyer, o.value.id)).seq);
    expect((await own("orders", buyer))[0]).toMatchObject({ id: o.value.id, status: "completed" });
    expect((await own("orders", seller))[0]).toMatchObject({ id: o.value.id, status: "completed" });

    await wrote(admin, (await takeDownListing(admin, t.value.id, "테스트 게시 중단")).seq);
    const down = (await own("listings", seller)).find((l) => l.id === t.value.id);
    expect(down?.status).not.toBe("on_sale");

    const f = await fillBid(seller, bid.value.id, fillInput(3000));
    await wrote(seller, f.seq);
    expect((await own("bids", buyer)).find((x) => x.id === bid.value.id)).toMatchObject({ status: "filled", orderId: f.value.orderId });
    expect((await own("orders", seller))[0]).toMatchObject({ id: f.value.orderId, role: "seller" });
    expect((await own("listings", seller))[0]).toMatchObject({ status: "sold", orderId: f.value.orderId });
    for (const u of [seller, buyer]) for (const v of VIEWS) expect(plain(await own(v, u))).toEqual(plain(await truth(v, u)));
  });
});

describe("a write whose publish never reached Redis", () => {
  it("is not hidden by the cached copy: the read goes to a node that has it", async () => {
    const product = await makeProduct(5000);
    const seller = await makeUser();
    for (const v of VIEWS) await own(v, seller);
    for (const r of REPLICAS) await pauseReplication(r);
    const l = await createListing(seller, createListingSchema.parse({ productId: product.id, price: 4000, code: newCode(), expiresAt: inDays(30) }));
    await wrote(seller, l.seq);
    // As if the publish had timed out: the delta and the heard position never arrived (the outbox row,
    // drained later, would raise the fence; it has not yet).
    const k = keys.own(seller.id, "listings");
    await redis().del(k.deltas, k.heard!);
    const before = dbReads();
    expect((await own("listings", seller)).map((x) => x.id)).toContain(l.value.id);
    expect(dbReads().primary - before.primary).toBe(1);
  });
});

describe("the account, the ledger and withdrawals", () => {
  it("follow every balance change from Redis with replication stopped: top-up, withdrawal, its payout", async () => {
    const user = await makeUser({ points: 20_000 });
    const admin = await makeUser({ role: "admin" });
    for (const v of VIEWS) await own(v, user);
    for (const r of REPLICAS) await pauseReplication(r);
    const before = dbReads();

    await wrote(user, (await topUp(user, { amount: 5_000, card: "4242424242424242" })).seq);
    expect((await own("me", user))[0].points).toBe(25_000);
    expect((await own("ledger", user))[0]).toMatchObject({ kind: "top_up", pointsDelta: 5_000, pointsAfter: 25_000 });

    const w = await requestWithdrawal(user, { amount: 10_000, bankName: "국민은행", accountNumber: "123456789012" });
    await wrote(user, w.seq);
    expect((await own("me", user))[0].points).toBe(15_000);
    const mine = (await own("withdrawals", user))[0];
    expect(mine).toMatchObject({ amount: 10_000, status: "requested", bankName: "국민은행" });
    expect(mine).not.toHaveProperty("accountCipher");

    // The admin's payout changes the user's page too; the user did not write.
    await wrote(admin, (await processWithdrawal(admin, mine.id, "paid")).seq);
    expect((await own("withdrawals", user))[0]).toMatchObject({ id: mine.id, status: "paid" });
    expect((await own("withdrawals", user))[0].processedAt).toBeInstanceOf(Date);

    const after = dbReads();
    expect(after.primary - before.primary).toBe(0);
    expect(after.replica - before.replica).toBe(0);
    for (const v of VIEWS) expect(plain(await own(v, user))).toEqual(plain(await truth(v, user)));
  });
});

// Random trading among three users on two products, with the replicas 1 s behind (so snapshots are old
// and deltas do the work): after every command, every user's every own list equals the primary's rows.
type Op =
  | { kind: "ask"; who: number; product: number; price: number }
  | { kind: "bid"; who: number; product: number; price: number }
  | { kind: "cancelAsk"; who: number; pick: number }
  | { kind: "cancelBid"; who: number; pick: number }
  | { kind: "reprice"; who: number; pick: number; price: number }
  | { kind: "buy"; who: number; product: number }
  | { kind: "fill"; who: number; pick: number }
  | { kind: "confirm"; who: number; pick: number }
  | { kind: "topUp"; who: number; price: number };

const PRICES = [1_000, 2_000, 3_000, 4_000];
const who = fc.integer({ min: 0, max: 2 });
const pick = fc.nat(20);
const price = fc.constantFrom(...PRICES);
const product = fc.integer({ min: 0, max: 1 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("ask" as const), who, product, price }),
  fc.record({ kind: fc.constant("bid" as const), who, product, price }),
  fc.record({ kind: fc.constant("cancelAsk" as const), who, pick }),
  fc.record({ kind: fc.constant("cancelBid" as const), who, pick }),
  fc.record({ kind: fc.constant("reprice" as const), who, pick, price }),
  fc.record({ kind: fc.constant("buy" as const), who, product }),
  fc.record({ kind: fc.constant("fill" as const), who, pick }),
  fc.record({ kind: fc.constant("confirm" as const), who, pick }),
  fc.record({ kind: fc.constant("topUp" as const), who, price }),
);

describe("own lists under random trading", () => {
  it("always equal the primary's rows, for the author and everyone their command touched", async () => {
    for (const r of REPLICAS) await setReplicaDelay(r, 1);
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 15, maxLength: 30 }), async (ops) => {
        const products = [await makeProduct(5000), await makeProduct(5000)];
        const users = [await makeUser({ points: 100_000 }), await makeUser({ points: 100_000 }), await makeUser({ points: 100_000 })];
        const asks: { id: number; seller: number }[] = [];
        const bidList: { id: number; buyer: number; price: number }[] = [];
        const ordersOf: { id: number; buyer: number }[] = [];
        for (const o of ops) {
          const me = users[o.who];
          try {
            const r = await run(o);
            if (r) await wrote(me, r);
          } catch (e) {
            if (!isAppError(e)) throw e; // refusals (sold, self-cross, no ask) are part of the game
          }
          for (const u of users) for (const v of VIEWS) expect(plain(await own(v, u)), `${v} of user ${users.indexOf(u)} after ${JSON.stringify(o)}`).toEqual(plain(await truth(v, u)));
        }

        async function run(o: Op): Promise<number | null> {
          const me = users[o.who];
          const at = <T>(xs: T[], n: number) => (xs.length ? xs[n % xs.length] : undefined);
          switch (o.kind) {
            case "ask": {
              const r = await createListing(me, createListingSchema.parse({ productId: products[o.product].id, price: o.price, code: newCode(), expiresAt: inDays(30) }));
              if (r.value.status === "on_sale") asks.push({ id: r.value.id, seller: me.id });
              if (r.value.orderId) ordersOf.push({ id: r.value.orderId, buyer: -1 });
              return r.seq;
            }
            case "bid": {
              const r = await placeBid(me, placeBidSchema.parse({ productId: products[o.product].id, price: o.price }));
              if (r.value.status === "active") bidList.push({ id: r.value.id, buyer: me.id, price: o.price });
              else ordersOf.push({ id: r.value.orderId!, buyer: me.id });
              return r.seq;
            }
            case "cancelAsk": {
              const a = at(asks.filter((x) => x.seller === me.id), o.pick);
              return a ? (await cancelListing(me, a.id)).seq : null;
            }
            case "cancelBid": {
              const b = at(bidList.filter((x) => x.buyer === me.id), o.pick);
              return b ? (await cancelBid(me, b.id)).seq : null;
            }
            case "reprice": {
              const a = at(asks.filter((x) => x.seller === me.id), o.pick);
              return a ? (await updateListing(me, a.id, { price: o.price })).seq : null;
            }
            case "buy": {
              const r = await buyLowest(me, { productId: products[o.product].id, maxPrice: 5000 });
              ordersOf.push({ id: r.value.id, buyer: me.id });
              return r.seq;
            }
            case "fill": {
              const b = at(bidList.filter((x) => x.buyer !== me.id), o.pick);
              if (!b) return null;
              const r = await fillBid(me, b.id, fillInput(b.price));
              ordersOf.push({ id: r.value.orderId, buyer: b.buyer });
              return r.seq;
            }
            case "confirm": {
              const x = at(ordersOf.filter((y) => y.buyer === me.id), o.pick);
              return x ? (await confirmOrder(me, x.id)).seq : null;
            }
            case "topUp":
              return (await topUp(me, { amount: o.price, card: "4242424242424242" })).seq;
          }
        }
      }),
      { numRuns: Number(process.env.OWN_VIEW_RUNS ?? 3) },
    );
  });
});
