import fc from "fast-check";
import { and, eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { primaryDb } from "@/db/primary";
import { bids, listings, orders, users } from "@/db/schema";
import { isAppError } from "@/lib/errors";
import { cancelBid, fillBid, placeBid } from "@/lib/market/commands/bids";
import { buyListing, buyLowest } from "@/lib/market/commands/buy";
import { cancelListing, createListing, updateListing } from "@/lib/market/commands/listings";
import { createListingSchema, placeBidSchema } from "@/lib/market/schemas";
import type { Actor } from "@/lib/write/command";
import { expectAllLedgersConsistent, fillInput, inDays, makeCatalogProduct, makeUser, newCode } from "../support/factory";

// A book that never stays crossed (issue 8, item 7), as a property: random rounds of concurrent
// place/cancel/buy/fill/reprice commands on one product's real book, and after each round settles:
//   - the highest live bid is below the lowest live ask,
//   - every balance is the sum of its ledger, held points are exactly the active bids,
//   - points are conserved (balances + held + what paid orders keep in escrow = what was topped up),
//   - one order per listing and per bid.
// `npm test` runs a small budget; `BOOK_PROPERTY_RUNS=200 npx vitest run tests/market/book-property.test.ts`
// (or `npm run test:book`) a larger one.

const RUNS = Number(process.env.BOOK_PROPERTY_RUNS ?? 6);
const TRADERS = 4;
const START_POINTS = 30_000;
const PRICES = [1_000, 1_500, 2_000, 2_500, 3_000, 3_500];

afterAll(() => closeDatabases());

type Op =
  | { kind: "bid"; who: number; price: number }
  | { kind: "ask"; who: number; price: number }
  | { kind: "cancelBid"; who: number; pick: number }
  | { kind: "cancelAsk"; who: number; pick: number }
  | { kind: "reprice"; who: number; pick: number; price: number }
  | { kind: "buy"; who: number; pick: number; stale: boolean }
  | { kind: "buyLowest"; who: number; price: number }
  | { kind: "fill"; who: number; pick: number };

const who = fc.integer({ min: 0, max: TRADERS - 1 });
const price = fc.constantFrom(...PRICES);
const pick = fc.nat({ max: 20 });
const op: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ kind: fc.constant("bid" as const), who, price }),
  fc.record({ kind: fc.constant("ask" as const), who, price }),
  fc.record({ kind: fc.constant("cancelBid" as const), who, pick }),
  fc.record({ kind: fc.constant("cancelAsk" as const), who, pick }),
  fc.record({ kind: fc.constant("reprice" as const), who, pick, price }),
  fc.record({ kind: fc.constant("buy" as const), who, pick, stale: fc.boolean() }),
  fc.record({ kind: fc.constant("buyLowest" as const), who, price }),
  fc.record({ kind: fc.constant("fill" as const), who, pick }),
);
const rounds = fc.array(fc.array(op, { minLength: 2, maxLength: 6 }), { minLength: 3, maxLength: 8 });

// Refusals a client can get; anything else (a 500-like error, a deadlock that reached the caller) fails.
const EXPECTED = new Set([
  "listing_sold",
  "listing_busy",
  "listing_cancelled",
  "listing_expired",
  "listing_closed",
  "price_changed",
  "no_ask",
  "own_listing",
  "own_bid",
  "bid_filled",
  "bid_closed",
  "not_your_bid",
  "not_your_listing",
  "insufficient_points",
  "self_cross",
]);

const live = <T extends typeof listings | typeof bids>(t: T) => sql`${t.deadline} > NOW(3)`;

async function state(productId: number) {
  const db = primaryDb();
  const asks = await db
    .select({ id: listings.id, sellerId: listings.sellerId, price: listings.price })
    .from(listings)
    .where(and(eq(listings.productId, productId), eq(listings.status, "on_sale"), live(listings)));
  const activeBids = await db
    .select({ id: bids.id, buyerId: bids.buyerId, price: bids.price })
    .from(bids)
    .where(and(eq(bids.productId, productId), eq(bids.status, "active"), live(bids)));
  return { asks, bids: activeBids };
}

function run(op: Op, actors: Actor[], productId: number, s: Awaited<ReturnType<typeof state>>): Promise<unknown> {
  const a = actors[op.who];
  const nth = <T>(xs: T[], i: number) => (xs.length ? xs[i % xs.length] : undefined);
  switch (op.kind) {
    case "bid":
      return placeBid(a, placeBidSchema.parse({ productId, price: op.price }));
    case "ask":
      return createListing(a, createListingSchema.parse({ productId, price: op.price, code: newCode(), expiresAt: inDays(30) }));
    case "cancelBid": {
      const b = nth(s.bids.filter((x) => x.buyerId === a.id), op.pick);
      return b ? cancelBid(a, b.id) : Promise.resolve();
    }
    case "cancelAsk": {
      const l = nth(s.asks.filter((x) => x.sellerId === a.id), op.pick);
      return l ? cancelListing(a, l.id) : Promise.resolve();
    }
    case "reprice": {
      const l = nth(s.asks.filter((x) => x.sellerId === a.id), op.pick);
      return l ? updateListing(a, l.id, { price: op.price }) : Promise.resolve();
    }
    case "buy": {
      const l = nth(s.asks, op.pick);
      return l ? buyListing(a, { listingId: l.id, expectedPrice: op.stale ? l.price + 500 : l.price }) : Promise.resolve();
    }
    case "buyLowest":
      return buyLowest(a, { productId, maxPrice: op.price });
    case "fill": {
      const b = nth(s.bids, op.pick);
      return b ? fillBid(a, b.id, fillInput(b.price)) : Promise.resolve();
    }
  }
}

async function checkInvariants(productId: number, actors: Actor[], since: number) {
  const s = await state(productId);
  const highestBid = Math.max(0, ...s.bids.map((b) => b.price));
  const lowestAsk = Math.min(Infinity, ...s.asks.map((l) => l.price));
  expect(highestBid < lowestAsk, `crossed book: bids ${JSON.stringify(s.bids)} asks ${JSON.stringify(s.asks)}`).toBe(true);

  await expectAllLedgersConsistent(since);
  const db = primaryDb();
  for (const a of actors) {
    const [u] = await db.select({ held: users.heldPoints }).from(users).where(eq(users.id, a.id));
    const [h] = await db
      .select({ n: sql<string>`COALESCE(SUM(${bids.price}), 0)` })
      .from(bids)
      .where(and(eq(bids.buyerId, a.id), eq(bids.status, "active")));
    expect(u.held, `held points of user ${a.id} are not their active bids`).toBe(Number(h.n));
  }
  const ids = actors.map((a) => a.id);
  const [bal] = await db
    .select({ n: sql<string>`SUM(${users.points} + ${users.heldPoints})` })
    .from(users)
    .where(sql`${users.id} IN (${sql.join(ids, sql`, `)})`);
  const [escrow] = await db
    .select({ n: sql<string>`COALESCE(SUM(${orders.paid}), 0)` })
    .from(orders)
    .where(and(eq(orders.productId, productId), eq(orders.status, "paid")));
  expect(Number(bal.n) + Number(escrow.n), "points were created or lost").toBe(TRADERS * START_POINTS);
  const [dupes] = (await db.execute(sql`
    SELECT (SELECT COUNT(*) FROM orders WHERE product_id = ${productId}) - (SELECT COUNT(DISTINCT listing_id) FROM orders WHERE product_id = ${productId}) AS listings,
           (SELECT COUNT(bid_id) FROM orders WHERE product_id = ${productId}) - (SELECT COUNT(DISTINCT bid_id) FROM orders WHERE product_id = ${productId}) AS bids`)) as unknown as [{ listings: number; bids: number }[]];
  expect(dupes[0]).toEqual({ listings: 0, bids: 0 });
}

describe("the book under random concurrent commands", () => {
  it(`never stays crossed, and ledgers add up (${RUNS} runs)`, { timeout: 60_000 + RUNS * 20_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(rounds, async (plan) => {
        const [[row]] = (await primaryDb().execute(sql`SELECT COALESCE(MAX(id), 0) AS id FROM users`)) as unknown as [{ id: number }[]];
        const since = Number(row.id);
        const product = await makeCatalogProduct(5_000);
        const actors = await Promise.all(Array.from({ length: TRADERS }, () => makeUser({ points: START_POINTS })));
        for (const round of plan) {
          const s = await state(product.id);
          const results = await Promise.allSettled(round.map((o) => run(o, actors, product.id, s)));
          for (const r of results) {
            if (r.status === "fulfilled") continue;
            const e = r.reason;
            if (!isAppError(e) || !EXPECTED.has(e.code)) throw e;
          }
          await checkInvariants(product.id, actors, since);
        }
      }),
      { numRuns: RUNS, endOnFailure: !process.env.BOOK_PROPERTY_SHRINK },
    );
  });
});
