import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { getProductBook } from "@/lib/catalog/queries";
import { cancelBid, fillBid } from "@/lib/market/commands/bids";
import { expireBids } from "@/lib/market/commands/sweep";
import { confirmOrder } from "@/lib/orders/commands";
import { getOrderForUser } from "@/lib/orders/queries";
import {
  bidOn,
  bidRow,
  checkLedgersAfterEach,
  expectAppError,
  expectLedgerConsistent,
  expireNow,
  fillInput,
  footprint,
  inDays,
  ledgerOf,
  listGifticon,
  listingRow,
  makeCatalogProduct,
  makeUser,
  newCode,
  orderRow,
  ordersOfBid,
} from "../support/factory";

// Sell now (domain.md): a seller fills a live bid with a gifticon; the order is made at the bid's price and
// paid from the buyer's held points. The seller's code is checked by the same rules as a listing's.

afterAll(() => closeDatabases());
checkLedgersAfterEach();

describe("fillBid", () => {
  it("makes an order at the bid's price, paid from the buyer's held points", async () => {
    const product = await makeCatalogProduct(5000);
    const buyer = await makeUser({ points: 10000 });
    const seller = await makeUser();
    const bid = await bidOn(buyer, product.id, 4200);
    const code = newCode();
    const { value } = await fillBid(seller, bid.id, fillInput(bid.price, code));
    expect(value.price).toBe(4200);
    const order = await orderRow(value.orderId);
    expect(order).toMatchObject({ bidId: bid.id, buyerId: buyer.id, sellerId: seller.id, productId: product.id, price: 4200, paid: 4200, status: "paid" });
    expect(await listingRow(order.listingId)).toMatchObject({ sellerId: seller.id, status: "sold", price: 4200 });
    expect((await bidRow(bid.id)).status).toBe("filled");

    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 5800, held: 0 });
    expect((await ledgerOf(buyer.id)).at(-1)).toMatchObject({ kind: "purchase", pointsDelta: 0, heldDelta: -4200, refType: "order", refId: order.id });
    expect(await expectLedgerConsistent(seller.id)).toMatchObject({ points: 0, held: 0 });

    // The buyer sees the code; the seller is paid on confirmation.
    expect((await getOrderForUser(buyer.id, order.id)).gifticon.code).toBe(code);
    await confirmOrder(buyer, order.id);
    expect(await expectLedgerConsistent(seller.id)).toMatchObject({ points: 4200 });
    const book = (await getProductBook(product.id))!;
    expect(book.bids).toEqual([]);
    expect(book.trades.map((t) => [t.orderId, t.price])).toEqual([[order.id, 4200]]);
  });

  it("fills the chosen bid, not necessarily the highest", async () => {
    const product = await makeCatalogProduct(5000);
    const [b1, b2] = [await makeUser({ points: 10000 }), await makeUser({ points: 10000 })];
    const seller = await makeUser();
    const high = await bidOn(b1, product.id, 4500);
    const low = await bidOn(b2, product.id, 4000);
    const { value } = await fillBid(seller, low.id, fillInput(low.price));
    expect(value.price).toBe(4000);
    expect((await bidRow(high.id)).status).toBe("active");
    expect((await getProductBook(product.id))!.bids.map((b) => b.id)).toEqual([high.id]);
  });

  it("refuses the seller's own bid (forbidden, own_bid), nothing written", async () => {
    const product = await makeCatalogProduct(5000);
    const trader = await makeUser({ points: 10000 });
    const bid = await bidOn(trader, product.id, 4200);
    const before = await footprint(trader.id);
    await expectAppError(fillBid(trader, bid.id, fillInput(bid.price)), { kind: "forbidden", code: "own_bid" });
    expect(await footprint(trader.id)).toEqual(before);
    expect((await bidRow(bid.id)).status).toBe("active");
  });

  it("refuses a filled, cancelled, expired or past-deadline bid, nothing written", async () => {
    const product = await makeCatalogProduct(5000);
    const buyer = await makeUser({ points: 20000 });
    const first = await makeUser();
    const seller = await makeUser();
    const filled = await bidOn(buyer, product.id, 4000);
    await fillBid(first, filled.id, fillInput(filled.price));
    const cancelled = await bidOn(buyer, product.id, 4000);
    await cancelBid(buyer, cancelled.id);
    const expired = await bidOn(buyer, product.id, 4000);
    await expireNow("bids", expired.id);
    await expireBids();
    const pastDeadline = await bidOn(buyer, product.id, 4000); // sweeper not run yet
    await expireNow("bids", pastDeadline.id);

    const before = { seller: await footprint(seller.id), buyer: await footprint(buyer.id) };
    await expectAppError(fillBid(seller, filled.id, fillInput(filled.price)), { kind: "conflict", code: "bid_filled" });
    await expectAppError(fillBid(seller, cancelled.id, fillInput(cancelled.price)), { kind: "conflict", code: "bid_closed" });
    await expectAppError(fillBid(seller, expired.id, fillInput(expired.price)), { kind: "conflict", code: "bid_closed" });
    await expectAppError(fillBid(seller, pastDeadline.id, fillInput(pastDeadline.price)), { kind: "conflict", code: "bid_closed" });
    await expectAppError(fillBid(seller, 2 ** 40, fillInput(1000)), { kind: "not_found", code: "bid_not_found" });
    expect({ seller: await footprint(seller.id), buyer: await footprint(buyer.id) }).toEqual(before);
    expect(await ordersOfBid(filled.id)).toHaveLength(1);
    for (const b of [cancelled, expired, pastDeadline]) expect(await ordersOfBid(b.id)).toHaveLength(0);
    await expectLedgerConsistent(buyer.id);
  });

  it("applies the listing's code rules: expired, expiring, already on the market", async () => {
    const product = await makeCatalogProduct(5000);
    const buyer = await makeUser({ points: 10000 });
    const seller = await makeUser();
    const bid = await bidOn(buyer, product.id, 4000);
    const listed = await listGifticon(await makeUser(), (await makeCatalogProduct(5000)).id, 4000);

    const before = { seller: await footprint(seller.id), buyer: await footprint(buyer.id) };
    await expectAppError(fillBid(seller, bid.id, fillInput(bid.price, newCode(), inDays(-1))), { kind: "invalid", code: "gifticon_expired", field: "expiresAt" });
    await expectAppError(fillBid(seller, bid.id, fillInput(bid.price, newCode(), inDays(1))), { kind: "invalid", code: "gifticon_expiring", field: "expiresAt" });
    await expectAppError(fillBid(seller, bid.id, fillInput(bid.price, listed.code)), { kind: "conflict", code: "code_already_listed", field: "code" });
    const dashed = listed.code.match(/.{1,4}/g)!.join("-");
    await expectAppError(fillBid(seller, bid.id, fillInput(bid.price, dashed)), { kind: "conflict", code: "code_already_listed", field: "code" });
    expect({ seller: await footprint(seller.id), buyer: await footprint(buyer.id) }).toEqual(before);
    expect((await bidRow(bid.id)).status).toBe("active");
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 6000, held: 4000 });

    // A code sold through a bid can never come back either.
    const code = newCode();
    await fillBid(seller, bid.id, fillInput(bid.price, code));
    await expectAppError(listGifticon(seller, product.id, 4000, { code }), { kind: "conflict", code: "code_already_listed" });
  });
});
