import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { fillBidSchema, createListingSchema, placeBidSchema } from "@/lib/market/schemas";
import { createListing } from "@/lib/market/commands/listings";
import { placeBid, fillBid } from "@/lib/market/commands/bids";
import { buyListing } from "@/lib/market/commands/buy";
import { confirmOrder } from "@/lib/orders/commands";
import { getOrderForUser } from "@/lib/orders/queries";
import { getProductBook } from "@/lib/catalog/queries";
import { expectLedgerConsistent, inDays, makeProduct, makeUser, newCode } from "../support/factory";

afterAll(() => closeDatabases());

describe("smoke: list, buy, confirm; bid, fill", () => {
  it("runs the main flows end to end", async () => {
    const product = await makeProduct(5000);
    const seller = await makeUser();
    const buyer = await makeUser({ points: 20000 });
    const code = newCode();
    const listing = await createListing(seller, createListingSchema.parse({ productId: product.id, price: 4000, code, expiresAt: inDays(30) }));
    expect(listing.value.status).toBe("on_sale");
    const book = await getProductBook(product.id);
    expect(book?.asks.map((a) => a.id)).toContain(listing.value.id);

    const order = await buyListing(buyer, { listingId: listing.value.id });
    expect(order.value.paid).toBe(4000);
    const detail = await getOrderForUser(buyer.id, order.value.id);
    expect(detail.gifticon.code).toBe(code);
    await confirmOrder(buyer, order.value.id);
    expect((await expectLedgerConsistent(seller.id)).points).toBe(4000);
    expect((await expectLedgerConsistent(buyer.id)).points).toBe(16000);

    const bid = await placeBid(buyer, placeBidSchema.parse({ productId: product.id, price: 4500 }));
    expect(bid.value.status).toBe("active");
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 11500, held: 4500 });
    const fill = await fillBid(seller, bid.value.id, fillBidSchema.parse({ code: newCode(), expiresAt: inDays(20) }));
    expect(fill.value.price).toBe(4500);
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 11500, held: 0 });
    const book2 = await getProductBook(product.id);
    expect(book2?.bids).toEqual([]);
    expect(book2?.trades.length).toBe(2);
  });
});
