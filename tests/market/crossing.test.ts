import mysql from "mysql2/promise";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { getProductBook } from "@/lib/catalog/queries";
import { updateListing } from "@/lib/market/commands/listings";
import {
  bidOn,
  bidRow,
  checkLedgersAfterEach,
  expectAppError,
  expectLedgerConsistent,
  footprint,
  ledgerOf,
  listGifticon,
  listingRow,
  makeCatalogProduct,
  makeUser,
  orderRow,
} from "../support/factory";
import { portOf } from "../support/stack";

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

  it("never trades with the bidder's own ask: it fills someone else's, and never rests above its own", async () => {
    const product = await makeCatalogProduct(5000);
    const trader = await makeUser({ points: 20000 });
    const other = await makeUser();
    const own = await listGifticon(trader, product.id, 3000);

    // Resting at 3500 would cross the trader's own 3000 ask: refused, nothing held.
    await expectAppError(bidOn(trader, product.id, 3500), { kind: "conflict", code: "self_cross", field: "price" });
    expect(await expectLedgerConsistent(trader.id)).toMatchObject({ points: 20000, held: 0 });
    const below = await bidOn(trader, product.id, 2900);
    expect(below.status).toBe("active");

    // Someone else's ask within the bid is filled, even with the trader's own cheaper ask on the book.
    const theirs = await listGifticon(other, product.id, 3400);
    const bid = await bidOn(trader, product.id, 3500);
    expect(bid).toMatchObject({ status: "filled", price: 3400 });
    const order = await orderRow(bid.orderId!);
    expect(order).toMatchObject({ buyerId: trader.id, sellerId: other.id, listingId: theirs.id, price: 3400 });
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

  it("never trades with the seller's own bid, and never rests at or below it", async () => {
    const product = await makeCatalogProduct(5000);
    const trader = await makeUser({ points: 10000 });
    const ownBid = await bidOn(trader, product.id, 4500);
    const before = await footprint(trader.id);
    await expectAppError(listGifticon(trader, product.id, 4000), { kind: "conflict", code: "self_cross", field: "price" });
    await expectAppError(listGifticon(trader, product.id, 4500), { kind: "conflict", code: "self_cross", field: "price" });
    expect(await footprint(trader.id)).toEqual(before);
    const ask = await listGifticon(trader, product.id, 4600);
    expect(ask.status).toBe("on_sale");
    // Lowering it onto the own bid is refused the same way.
    await expectAppError(updateListing(trader, ask.id, { price: 4500 }), { kind: "conflict", code: "self_cross" });
    expect((await bidRow(ownBid.id)).status).toBe("active");
    const book = (await getProductBook(product.id))!;
    expect(book.asks.map((a) => [a.id, a.price])).toEqual([[ask.id, 4600]]);
    expect(book.bids.map((b) => b.id)).toEqual([ownBid.id]);
  });
});

describe("a book that never stays crossed", () => {
  // Another buyer's purchase of the only ask is in flight (its row is locked and marked sold, uncommitted)
  // when a bid above it arrives. Skipping the locked row (the old behaviour) let the bid rest above the
  // ask once that purchase failed (for lack of points). Now the bid waits, and takes the ask.
  it("a bid waits for an ask another transaction holds, and takes it when that purchase fails", async () => {
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const bidder = await makeUser({ points: 10000 });
    const ask = await listGifticon(seller, product.id, 3000);

    const other = await mysql.createConnection({ host: "127.0.0.1", port: portOf("primary"), user: "gx_ops", password: "gx_ops_local", database: "gifticon" });
    try {
      await other.query("START TRANSACTION");
      await other.query("UPDATE listings SET status = 'sold' WHERE id = ?", [ask.id]);
      const pending = bidOn(bidder, product.id, 3500);
      // The bid is now blocked in its search for crossing asks, on that row (its statement stays in the
      // process list for as long as the row is held), not resting past it. Released within the command's
      // own write budget (DB_WRITE_TIMEOUT_MS), or the bid would give up with a 503.
      let waiting = false;
      for (let i = 0; i < 200 && !waiting; i++) {
        const [[w]] = (await other.query(
          "SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE ID <> CONNECTION_ID() AND COMMAND = 'Query' AND INFO LIKE '%from `listings`%' AND TIME_MS > 50",
        )) as unknown as [{ n: number }[]];
        waiting = Number(w.n) > 0;
        if (!waiting) await new Promise((r) => setTimeout(r, 5));
      }
      expect(waiting).toBe(true);
      await other.query("ROLLBACK"); // the other buyer's purchase failed
      const bid = await pending;
      expect(bid).toMatchObject({ status: "filled", price: 3000 });
      expect((await listingRow(ask.id)).status).toBe("sold");
    } finally {
      await other.end();
    }
    await expectLedgerConsistent(bidder.id);
  });
});
