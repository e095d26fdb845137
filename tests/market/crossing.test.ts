import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { getProductBook } from "@/lib/catalog/queries";
import {
  bidOn,
  bidRow,
  checkLedgersAfterEach,
  expectLedgerConsistent,
  ledgerOf,
  listGifticon,
  listingRow,
  makeCatalogProduct,
  makeUser,
  orderRow,
} from "../support/factory";

// domain.md: "A new bid at or above the lowest ask, or a new ask at or below the highest bid, crosses the
// book: it trades at once at the resting order's price." Nobody trades with themselves (invariant 4).

afterAll(() => closeDatabases());
checkLedgersAfterEach();

describe("a new bid at or above the lowest ask", () => {
  it("trades at once with the cheapest ask, at the ask's price (not the bid's)", async () => {
    const product = await makeCatalogProduct(5000);
    const [s1, s2] = [await makeUser(), await makeUser()];
    const buyer = await makeUser({ points: 10000 });
    const dear = await listGifticon(s1, product.id, 4300);
    const cheap = await listGifticon(s2, product.id, 4000);

    const bid = await bidOn(buyer, product.id, 4500);
    expect(bid).toMatchObject({ status: "filled", price: 4000 });
    const order = await orderRow(bid.orderId!);
    expect(order).toMatchObject({ listingId: cheap.id, bidId: bid.id, buyerId: buyer.id, sellerId: s2.id, price: 4000, paid: 4000, status: "paid" });
    expect((await listingRow(cheap.id)).status).toBe("sold");
    expect((await listingRow(dear.id)).status).toBe("on_sale");
    expect((await bidRow(bid.id)).status).toBe("filled");

    // The buyer paid the ask's 4000, nothing held.
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 6000, held: 0 });
    const last = (await ledgerOf(buyer.id)).at(-1)!;
    expect(last).toMatchObject({ kind: "purchase", pointsDelta: -4000, heldDelta: 0, refType: "order", refId: order.id });
    await expectLedgerConsistent(s1.id);
    await expectLedgerConsistent(s2.id);

    const book = (await getProductBook(product.id))!;
    expect(book.asks.map((a) => a.id)).toEqual([dear.id]);
    expect(book.bids).toEqual([]);
    expect(book.trades.map((t) => [t.orderId, t.price])).toEqual([[order.id, 4000]]);
  });

  it("at exactly the ask's price trades; one won below rests in the book", async () => {
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const buyer = await makeUser({ points: 10000 });
    const ask = await listGifticon(seller, product.id, 4000);
    const below = await bidOn(buyer, product.id, 3999);
    expect(below.status).toBe("active");
    const at = await bidOn(buyer, product.id, 4000);
    expect(at).toMatchObject({ status: "filled", price: 4000 });
    expect((await orderRow(at.orderId!)).listingId).toBe(ask.id);
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 10000 - 3999 - 4000, held: 3999 });
  });

  it("takes the oldest of equally cheap asks", async () => {
    const product = await makeCatalogProduct(5000);
    const [s1, s2] = [await makeUser(), await makeUser()];
    const buyer = await makeUser({ points: 10000 });
    const older = await listGifticon(s1, product.id, 4000);
    await listGifticon(s2, product.id, 4000);
    const bid = await bidOn(buyer, product.id, 4800);
    expect((await orderRow(bid.orderId!)).listingId).toBe(older.id);
  });

  it("skips the bidder's own asks: it fills someone else's, or rests", async () => {
    const product = await makeCatalogProduct(5000);
    const trader = await makeUser({ points: 20000 });
    const other = await makeUser();
    const own = await listGifticon(trader, product.id, 3000);

    const resting = await bidOn(trader, product.id, 3500);
    expect(resting.status).toBe("active"); // its own 3000 ask does not fill it
    expect((await listingRow(own.id)).status).toBe("on_sale");
    expect(await expectLedgerConsistent(trader.id)).toMatchObject({ points: 16500, held: 3500 });

    const theirs = await listGifticon(other, product.id, 3400);
    expect(theirs).toMatchObject({ status: "sold", price: 3500 }); // the new ask fills the trader's bid
    const order = await orderRow(theirs.orderId!);
    expect(order).toMatchObject({ buyerId: trader.id, sellerId: other.id, bidId: resting.id, price: 3500 });
    expect((await listingRow(own.id)).status).toBe("on_sale");
    await expectLedgerConsistent(trader.id);
    await expectLedgerConsistent(other.id);
  });
});

describe("a new ask at or below the highest bid", () => {
  it("trades at once with the highest bid, at the bid's price (not the ask's)", async () => {
    const product = await makeCatalogProduct(5000);
    const [b1, b2] = [await makeUser({ points: 10000 }), await makeUser({ points: 10000 })];
    const seller = await makeUser();
    const lower = await bidOn(b1, product.id, 4300);
    const higher = await bidOn(b2, product.id, 4500);

    const ask = await listGifticon(seller, product.id, 4000);
    expect(ask).toMatchObject({ status: "sold", price: 4500 });
    const order = await orderRow(ask.orderId!);
    expect(order).toMatchObject({ listingId: ask.id, bidId: higher.id, buyerId: b2.id, sellerId: seller.id, price: 4500, paid: 4500 });
    expect(await listingRow(ask.id)).toMatchObject({ status: "sold", price: 4500 });
    expect((await bidRow(higher.id)).status).toBe("filled");
    expect((await bidRow(lower.id)).status).toBe("active");

    // b2's held points paid: held -4500, points unchanged since the hold.
    expect(await expectLedgerConsistent(b2.id)).toMatchObject({ points: 5500, held: 0 });
    expect((await ledgerOf(b2.id)).at(-1)).toMatchObject({ kind: "purchase", pointsDelta: 0, heldDelta: -4500, refId: order.id });
    expect(await expectLedgerConsistent(b1.id)).toMatchObject({ points: 5700, held: 4300 });
    expect(await expectLedgerConsistent(seller.id)).toMatchObject({ points: 0, held: 0 }); // paid on confirmation

    const book = (await getProductBook(product.id))!;
    expect(book.asks).toEqual([]);
    expect(book.bids.map((b) => b.id)).toEqual([lower.id]);
    expect(book.trades.map((t) => t.price)).toEqual([4500]);
  });

  it("takes the oldest of equally high bids; an ask above every bid rests", async () => {
    const product = await makeCatalogProduct(5000);
    const [b1, b2] = [await makeUser({ points: 10000 }), await makeUser({ points: 10000 })];
    const seller = await makeUser();
    const older = await bidOn(b1, product.id, 4000);
    await bidOn(b2, product.id, 4000);
    const above = await listGifticon(seller, product.id, 4001);
    expect(above.status).toBe("on_sale");
    const crossing = await listGifticon(seller, product.id, 4000);
    expect((await orderRow(crossing.orderId!)).bidId).toBe(older.id);
  });

  it("skips the seller's own bids", async () => {
    const product = await makeCatalogProduct(5000);
    const trader = await makeUser({ points: 10000 });
    const ownBid = await bidOn(trader, product.id, 4500);
    const ask = await listGifticon(trader, product.id, 4000);
    expect(ask.status).toBe("on_sale");
    expect((await bidRow(ownBid.id)).status).toBe("active");
    expect(await expectLedgerConsistent(trader.id)).toMatchObject({ points: 5500, held: 4500 });
    const book = (await getProductBook(product.id))!;
    expect(book.asks.map((a) => a.id)).toEqual([ask.id]);
    expect(book.bids.map((b) => b.id)).toEqual([ownBid.id]);
  });
});
