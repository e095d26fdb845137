import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { fillBid, placeBid } from "@/lib/market/commands/bids";
import { buyListing, buyLowest } from "@/lib/market/commands/buy";
import { updateListing } from "@/lib/market/commands/listings";
import { buyLowestSchema, buySchema, fillBidSchema, placeBidSchema } from "@/lib/market/schemas";
import {
  checkLedgersAfterEach,
  expectAppError,
  fillInput,
  footprint,
  listGifticon,
  listingRow,
  makeCatalogProduct,
  makeUser,
  newCode,
  inDays,
} from "../support/factory";

// Every trade binds the price the user saw (issue 8, item 1): a buyer states `expectedPrice` (one listing)
// or `maxPrice` (the cheapest), a seller filling a bid states the bid's price; any other price is refused
// with 409 price_changed and the current price, and nothing is written.

afterAll(() => closeDatabases());
checkLedgersAfterEach();

describe("a trade binds the price the user saw", () => {
  it("the seller raises the price after the buyer saw it: price_changed with the new price, nothing bought", async () => {
    const product = await makeCatalogProduct(10_000);
    const seller = await makeUser();
    const buyer = await makeUser({ points: 20_000 });
    const l = await listGifticon(seller, product.id, 1_000);
    await updateListing(seller, l.id, { price: 10_000 });
    const before = await footprint(buyer.id);

    const e = await expectAppError(buyListing(buyer, { listingId: l.id, expectedPrice: 1_000 }), { kind: "conflict", code: "price_changed" });
    expect(e.details).toEqual({ currentPrice: 10_000 });
    expect(await footprint(buyer.id)).toEqual(before);
    expect((await listingRow(l.id)).status).toBe("on_sale");

    // Agreeing to the new price buys at once, at exactly that price.
    const { value } = await buyListing(buyer, { listingId: l.id, expectedPrice: 10_000 });
    expect(value).toMatchObject({ price: 10_000, paid: 10_000 });
  });

  it("a lower price than the one seen is refused too: the buyer agreed to a price, not a ceiling", async () => {
    const product = await makeCatalogProduct(10_000);
    const seller = await makeUser();
    const buyer = await makeUser({ points: 20_000 });
    const l = await listGifticon(seller, product.id, 5_000);
    await updateListing(seller, l.id, { price: 4_000 });
    const e = await expectAppError(buyListing(buyer, { listingId: l.id, expectedPrice: 5_000 }), { kind: "conflict", code: "price_changed" });
    expect(e.details?.currentPrice).toBe(4_000);
  });

  it("buying the cheapest never pays above maxPrice: price_changed names the cheapest price now", async () => {
    const product = await makeCatalogProduct(10_000);
    const seller = await makeUser();
    const buyer = await makeUser({ points: 20_000 });
    const l = await listGifticon(seller, product.id, 3_000);
    await updateListing(seller, l.id, { price: 9_000 });
    const before = await footprint(buyer.id);
    const e = await expectAppError(buyLowest(buyer, { productId: product.id, maxPrice: 3_000 }), { kind: "conflict", code: "price_changed" });
    expect(e.details).toEqual({ currentPrice: 9_000 });
    expect(await footprint(buyer.id)).toEqual(before);
    // A cheaper ask than the one seen is bought at its own (lower) price.
    await listGifticon(seller, product.id, 2_500);
    const { value } = await buyLowest(buyer, { productId: product.id, maxPrice: 3_000 });
    expect(value).toMatchObject({ price: 2_500, paid: 2_500 });
    await expectAppError(buyLowest(buyer, { productId: product.id + 100_000, maxPrice: 3_000 }), { kind: "conflict", code: "no_ask" });
  });

  it("selling into a bid states the bid's price; another price is refused and the code is not registered", async () => {
    const product = await makeCatalogProduct(10_000);
    const buyer = await makeUser({ points: 20_000 });
    const seller = await makeUser();
    const { value: bid } = await placeBid(buyer, placeBidSchema.parse({ productId: product.id, price: 6_000 }));
    const before = await footprint(seller.id);
    const e = await expectAppError(fillBid(seller, bid.id, fillInput(7_000)), { kind: "conflict", code: "price_changed" });
    expect(e.details).toEqual({ currentPrice: 6_000 });
    expect(await footprint(seller.id)).toEqual(before);
    const { value } = await fillBid(seller, bid.id, fillInput(6_000));
    expect(value.price).toBe(6_000);
  });

  it("the edge schemas require the stated price (no silent default)", () => {
    expect(buySchema.safeParse({ listingId: 1 }).success).toBe(false);
    expect(buySchema.safeParse({ listingId: 1, expectedPrice: "1000" }).success).toBe(false);
    expect(buySchema.safeParse({ listingId: 1, expectedPrice: 1000.5 }).success).toBe(false);
    expect(buyLowestSchema.safeParse({ productId: 1 }).success).toBe(false);
    expect(fillBidSchema.safeParse({ code: newCode(), expiresAt: inDays(30) }).success).toBe(false);
    expect(buySchema.parse({ listingId: 1, expectedPrice: 1000 })).toEqual({ listingId: 1, expectedPrice: 1000 });
  });

  it("buyers racing a price change: nobody ever pays a price they did not state", async () => {
    const product = await makeCatalogProduct(10_000);
    const seller = await makeUser();
    const buyers = await Promise.all(Array.from({ length: 8 }, () => makeUser({ points: 20_000 })));
    const l = await listGifticon(seller, product.id, 1_000);
    const results = await Promise.allSettled([
      ...buyers.map((b) => buyListing(b, { listingId: l.id, expectedPrice: 1_000 }, undefined, "conditional")),
      updateListing(seller, l.id, { price: 10_000 }),
    ]);
    const orders = results.slice(0, -1).flatMap((r) => (r.status === "fulfilled" ? [r.value.value as { paid: number }] : []));
    expect(orders.length).toBeLessThanOrEqual(1);
    for (const o of orders) expect(o.paid).toBe(1_000);
    for (const r of results.slice(0, -1)) {
      if (r.status === "rejected") expect(["listing_sold", "price_changed", "listing_busy"]).toContain((r.reason as { code: string }).code);
    }
  });
});
