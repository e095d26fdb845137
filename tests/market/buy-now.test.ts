import { MAX_PRICE } from "@/lib/market/rules";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { getProductBook } from "@/lib/catalog/queries";
import { buyListing, buyLowest, type BuyStrategy } from "@/lib/market/commands/buy";
import { cancelListing } from "@/lib/market/commands/listings";
import { expireListings } from "@/lib/market/commands/sweep";
import {
  bidOn,
  checkLedgersAfterEach,
  expectAppError,
  expectLedgerConsistent,
  expireNow,
  footprint,
  ledgerOf,
  listGifticon,
  listingRow,
  makeCatalogProduct,
  makeUser,
  orderRow,
  ordersOfListing,
} from "../support/factory";

// Buy now (domain.md: "take the lowest live ask (price, then oldest first)"). Every way of deciding the
// winner (lib/market/commands/buy.ts strategies) must give the same results, so every case runs under each.

afterAll(() => closeDatabases());
checkLedgersAfterEach();

const STRATEGIES: BuyStrategy[] = ["conditional", "pessimistic", "skip-locked"];

describe.each(STRATEGIES)("buy now (%s)", (strategy) => {
  const buy = (actor: Parameters<typeof buyListing>[0], listing: { id: number; price: number }) =>
    buyListing(actor, { listingId: listing.id, expectedPrice: listing.price }, undefined, strategy);
  const lowest = (actor: Parameters<typeof buyLowest>[0], productId: number, maxPrice = MAX_PRICE) =>
    buyLowest(actor, { productId, maxPrice }, undefined, strategy);

  it("buyListing: an order at the listing's price; the buyer pays, the listing is sold and leaves the book", async () => {
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const buyer = await makeUser({ points: 10000 });
    const l = await listGifticon(seller, product.id, 4100);
    const { value } = await buy(buyer, l);
    expect(value).toMatchObject({ listingId: l.id, productId: product.id, price: 4100, discount: 0, paid: 4100 });
    expect(await orderRow(value.id)).toMatchObject({ buyerId: buyer.id, sellerId: seller.id, price: 4100, paid: 4100, status: "paid", bidId: null });
    expect((await listingRow(l.id)).status).toBe("sold");
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 5900, held: 0 });
    expect((await ledgerOf(buyer.id)).at(-1)).toMatchObject({ kind: "purchase", pointsDelta: -4100, refType: "order", refId: value.id });
    expect(await expectLedgerConsistent(seller.id)).toMatchObject({ points: 0 }); // paid when the buyer confirms
    const book = (await getProductBook(product.id))!;
    expect(book.asks).toEqual([]);
    expect(book.trades.map((t) => [t.orderId, t.price])).toEqual([[value.id, 4100]]);
  });

  it("buyLowest: the cheapest, then the oldest of equal price; never above maxPrice", async () => {
    const product = await makeCatalogProduct(5000);
    const [s1, s2, s3] = [await makeUser(), await makeUser(), await makeUser()];
    const buyer = await makeUser({ points: 20000 });
    const dear = await listGifticon(s1, product.id, 4500);
    const cheapOld = await listGifticon(s2, product.id, 4000);
    const cheapNew = await listGifticon(s3, product.id, 4000);

    await expectAppError(lowest(buyer, product.id, 3999), { kind: "conflict", code: "price_changed" });
    const first = await lowest(buyer, product.id, 4000);
    expect(first.value).toMatchObject({ listingId: cheapOld.id, price: 4000 });
    const second = await lowest(buyer, product.id);
    expect(second.value).toMatchObject({ listingId: cheapNew.id, price: 4000 });
    await expectAppError(lowest(buyer, product.id, 4499), { kind: "conflict", code: "price_changed" });
    expect((await listingRow(dear.id)).status).toBe("on_sale");
    const third = await lowest(buyer, product.id, 4500);
    expect(third.value.listingId).toBe(dear.id);
    await expectAppError(lowest(buyer, product.id), { kind: "conflict", code: "no_ask" });
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 20000 - 4000 - 4000 - 4500 });
  });

  it("buyLowest skips the buyer's own asks", async () => {
    const product = await makeCatalogProduct(5000);
    const trader = await makeUser({ points: 10000 });
    const other = await makeUser();
    const own = await listGifticon(trader, product.id, 3000);
    const theirs = await listGifticon(other, product.id, 4000);
    expect((await lowest(trader, product.id)).value.listingId).toBe(theirs.id);
    expect((await listingRow(own.id)).status).toBe("on_sale");
    await expectAppError(lowest(trader, product.id), { kind: "conflict", code: "no_ask" });
  });

  it("buyLowest does not take an ask past its deadline, even before the sweeper", async () => {
    const product = await makeCatalogProduct(5000);
    const [s1, s2] = [await makeUser(), await makeUser()];
    const buyer = await makeUser({ points: 10000 });
    const stale = await listGifticon(s1, product.id, 3000);
    const live = await listGifticon(s2, product.id, 4000);
    await expireNow("listings", stale.id);
    expect((await lowest(buyer, product.id)).value.listingId).toBe(live.id);
  });

  it("own listing: forbidden (own_listing), nothing written", async () => {
    const product = await makeCatalogProduct(5000);
    const trader = await makeUser({ points: 10000 });
    const l = await listGifticon(trader, product.id, 4000);
    const before = await footprint(trader.id);
    await expectAppError(buy(trader, l), { kind: "forbidden", code: "own_listing" });
    expect(await footprint(trader.id)).toEqual(before);
    expect((await listingRow(l.id)).status).toBe("on_sale");
  });

  it("a sold, cancelled or expired listing is refused with its reason, nothing written", async () => {
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const first = await makeUser({ points: 10000 });
    const buyer = await makeUser({ points: 10000 });
    const sold = await listGifticon(seller, product.id, 4000);
    await buy(first, sold);
    const cancelled = await listGifticon(seller, product.id, 4000);
    await cancelListing(seller, cancelled.id);
    const expired = await listGifticon(seller, product.id, 4000);
    await expireNow("listings", expired.id);
    await expireListings();
    const pastDeadline = await listGifticon(seller, product.id, 4000); // deadline passed, sweeper not run
    await expireNow("listings", pastDeadline.id);

    const before = await footprint(buyer.id);
    await expectAppError(buy(buyer, sold), { kind: "conflict", code: "listing_sold" });
    await expectAppError(buy(buyer, cancelled), { kind: "conflict", code: "listing_cancelled" });
    await expectAppError(buy(buyer, expired), { kind: "conflict", code: "listing_expired" });
    await expectAppError(buy(buyer, pastDeadline), { kind: "conflict", code: "listing_expired" });
    await expectAppError(buy(buyer, { id: 2 ** 40, price: 1000 }), { kind: "not_found", code: "listing_not_found" });
    expect(await footprint(buyer.id)).toEqual(before);
    expect(await ordersOfListing(sold.id)).toHaveLength(1);
    for (const l of [cancelled, expired, pastDeadline]) expect(await ordersOfListing(l.id)).toHaveLength(0);
    expect((await listingRow(cancelled.id)).status).toBe("cancelled");
    expect((await listingRow(expired.id)).status).toBe("expired");
    await expectLedgerConsistent(first.id);
    await expectLedgerConsistent(seller.id);
  });

  it("too few points: refused (insufficient_points), nothing written, the listing stays on sale", async () => {
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const buyer = await makeUser({ points: 3999 });
    const l = await listGifticon(seller, product.id, 4000);
    const before = await footprint(buyer.id);
    await expectAppError(buy(buyer, l), { kind: "conflict", code: "insufficient_points", field: "points" });
    await expectAppError(lowest(buyer, product.id), { kind: "conflict", code: "insufficient_points" });
    expect(await footprint(buyer.id)).toEqual(before);
    expect((await listingRow(l.id)).status).toBe("on_sale");
    expect((await getProductBook(product.id))!.asks.map((a) => a.id)).toEqual([l.id]);
    expect(await ordersOfListing(l.id)).toHaveLength(0);
    await expectLedgerConsistent(buyer.id);

    // Someone who can pay still gets it.
    const rich = await makeUser({ points: 4000 });
    await buy(rich, l);
    expect(await expectLedgerConsistent(rich.id)).toMatchObject({ points: 0 });
    await expectLedgerConsistent(seller.id);
  });

  it("held points cannot pay: only the free balance counts", async () => {
    const product = await makeCatalogProduct(5000);
    const other = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const buyer = await makeUser({ points: 6000 });
    await bidOn(buyer, other.id, 3000); // 3000 free, 3000 held
    const l = await listGifticon(seller, product.id, 3500);
    await expectAppError(buy(buyer, l), { kind: "conflict", code: "insufficient_points" });
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 3000, held: 3000 });
  });
});
