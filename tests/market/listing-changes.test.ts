import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { getProductBook } from "@/lib/catalog/queries";
import { buyListing } from "@/lib/market/commands/buy";
import { cancelListing, updateListing } from "@/lib/market/commands/listings";
import { getFeed, getSellerListings } from "@/lib/market/queries";
import { updateListingSchema } from "@/lib/market/schemas";
import {
  bidOn,
  bidRow,
  checkLedgersAfterEach,
  expectAppError,
  expectLedgerConsistent,
  footprint,
  gifticonOfListing,
  inDays,
  inHours,
  ledgerOf,
  listGifticon,
  listingRow,
  makeCatalogProduct,
  makeUser,
  orderRow,
} from "../support/factory";

// A seller takes a listing back or changes it (domain.md: Listing on_sale → cancelled by its seller).

afterAll(() => closeDatabases());
checkLedgersAfterEach();

const asksOf = async (productId: number) => (await getProductBook(productId))!.asks;

describe("cancel", () => {
  it("by its seller: cancelled, and gone from the book, the feed and the seller's page at once", async () => {
    const product = await makeCatalogProduct();
    const seller = await makeUser();
    const l = await listGifticon(seller, product.id, 4000);
    expect((await asksOf(product.id)).map((a) => a.id)).toEqual([l.id]);
    expect((await getFeed(60)).map((f) => f.id)).toContain(l.id);

    const r = await cancelListing(seller, l.id);
    expect(r.value).toEqual({ id: l.id, status: "cancelled" });
    expect((await listingRow(l.id)).status).toBe("cancelled");
    expect((await gifticonOfListing(l.id)).codeLock).toBeNull(); // the code is the owner's again
    expect(await asksOf(product.id)).toEqual([]);
    expect((await getFeed(60)).map((f) => f.id)).not.toContain(l.id);
    expect((await getSellerListings(seller.id)).map((f) => f.id)).not.toContain(l.id);
  });

  it("by anyone else: forbidden, and the listing stays on sale", async () => {
    const product = await makeCatalogProduct();
    const seller = await makeUser();
    const other = await makeUser();
    const l = await listGifticon(seller, product.id, 4000);
    await expectAppError(cancelListing(other, l.id), { kind: "forbidden", code: "not_your_listing" });
    expect((await listingRow(l.id)).status).toBe("on_sale");
    expect((await asksOf(product.id)).map((a) => a.id)).toEqual([l.id]);
  });

  it("twice: the second is a conflict", async () => {
    const product = await makeCatalogProduct();
    const seller = await makeUser();
    const l = await listGifticon(seller, product.id, 4000);
    await cancelListing(seller, l.id);
    await expectAppError(cancelListing(seller, l.id), { kind: "conflict", code: "listing_closed" });
    expect((await listingRow(l.id)).status).toBe("cancelled");
  });

  it("of a sold listing is a conflict (listing_sold)", async () => {
    const product = await makeCatalogProduct();
    const seller = await makeUser();
    const buyer = await makeUser({ points: 5000 });
    const l = await listGifticon(seller, product.id, 4000);
    await buyListing(buyer, { listingId: l.id, expectedPrice: l.price });
    await expectAppError(cancelListing(seller, l.id), { kind: "conflict", code: "listing_sold" });
    expect((await listingRow(l.id)).status).toBe("sold");
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 1000 });
    await expectLedgerConsistent(seller.id);
  });

  it("of a listing that does not exist: not found", async () => {
    const seller = await makeUser();
    await expectAppError(cancelListing(seller, 2 ** 40), { kind: "not_found", code: "listing_not_found" });
  });
});

describe("update", () => {
  it("changes the price: the book shows the new price at once", async () => {
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const l = await listGifticon(seller, product.id, 4000);
    const r = await updateListing(seller, l.id, updateListingSchema.parse({ price: 3500 }));
    expect(r.value).toEqual({ id: l.id, status: "on_sale", price: 3500 });
    expect((await listingRow(l.id)).price).toBe(3500);
    expect((await asksOf(product.id)).map((a) => [a.id, a.price])).toEqual([[l.id, 3500]]);
    expect((await getFeed(60)).find((f) => f.id === l.id)?.price).toBe(3500);
  });

  it("re-sorts the book: a cheaper update moves the ask to the front", async () => {
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const a = await listGifticon(seller, product.id, 4000);
    const b = await listGifticon(seller, product.id, 4500);
    expect((await asksOf(product.id)).map((x) => x.id)).toEqual([a.id, b.id]);
    await updateListing(seller, b.id, { price: 3000 });
    expect((await asksOf(product.id)).map((x) => x.id)).toEqual([b.id, a.id]);
  });

  it("keeps the price at most the face value (field price), and the old price stays", async () => {
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const l = await listGifticon(seller, product.id, 4000);
    await expectAppError(updateListing(seller, l.id, { price: 5001 }), { kind: "invalid", code: "price_above_face_value", field: "price" });
    expect((await listingRow(l.id)).price).toBe(4000);
    expect((await asksOf(product.id))[0].price).toBe(4000);
  });

  it("changes the deadline within the rules (not after the code's expiry)", async () => {
    const product = await makeCatalogProduct();
    const seller = await makeUser();
    const l = await listGifticon(seller, product.id, 4000, { expiresAt: inDays(10) });
    const deadline = inHours(24 * 2);
    await updateListing(seller, l.id, updateListingSchema.parse({ deadline }));
    expect((await listingRow(l.id)).deadline.toISOString()).toBe(deadline);
    await expectAppError(updateListing(seller, l.id, updateListingSchema.parse({ deadline: inHours(24 * 12) })), {
      kind: "invalid",
      code: "deadline_after_expiry",
      field: "deadline",
    });
    await expectAppError(updateListing(seller, l.id, updateListingSchema.parse({ deadline: inHours(0.25) })), {
      kind: "invalid",
      code: "deadline_too_soon",
      field: "deadline",
    });
  });

  it("by anyone else: forbidden; of a cancelled listing: conflict", async () => {
    const product = await makeCatalogProduct();
    const seller = await makeUser();
    const other = await makeUser();
    const l = await listGifticon(seller, product.id, 4000);
    await expectAppError(updateListing(other, l.id, { price: 3000 }), { kind: "forbidden", code: "not_your_listing" });
    await cancelListing(seller, l.id);
    await expectAppError(updateListing(seller, l.id, { price: 3000 }), { kind: "conflict", code: "listing_closed" });
    expect((await listingRow(l.id)).price).toBe(4000);
  });

  it("down to the highest bid crosses the book: trades at once at the bid's price", async () => {
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const buyer = await makeUser({ points: 10000 });
    const bid = await bidOn(buyer, product.id, 4000);
    const l = await listGifticon(seller, product.id, 4500);
    expect(l.status).toBe("on_sale");

    const r = await updateListing(seller, l.id, { price: 3800 });
    expect(r.value).toMatchObject({ id: l.id, status: "sold", price: 4000 });
    const order = await orderRow(r.value.orderId!);
    expect(order).toMatchObject({ listingId: l.id, bidId: bid.id, buyerId: buyer.id, sellerId: seller.id, price: 4000, paid: 4000, status: "paid" });
    expect((await listingRow(l.id)).status).toBe("sold");
    expect((await bidRow(bid.id)).status).toBe("filled");
    // The buyer's held points paid for it: nothing left on hold, balance unchanged since the hold.
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 6000, held: 0 });
    expect((await ledgerOf(buyer.id)).at(-1)).toMatchObject({ kind: "purchase", pointsDelta: 0, heldDelta: -4000, refType: "order", refId: order.id });
    await expectLedgerConsistent(seller.id);
    const book = (await getProductBook(product.id))!;
    expect(book.asks).toEqual([]);
    expect(book.bids).toEqual([]);
    expect(book.trades.map((t) => [t.orderId, t.price])).toEqual([[order.id, 4000]]);
    expect(await footprint(seller.id)).toMatchObject({ points: 0, orders: 1 }); // paid only after confirmation
  });
});
