import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { myListings, myOrders } from "@/lib/accounts/queries";
import { redis } from "@/lib/cache/redis";
import { getProductBook, searchCatalog } from "@/lib/catalog/queries";
import { catalogQuerySchema } from "@/lib/catalog/schemas";
import { decryptCode } from "@/lib/gifticons/code-crypto";
import { fillBid } from "@/lib/market/commands/bids";
import { buyListing } from "@/lib/market/commands/buy";
import { cancelListing } from "@/lib/market/commands/listings";
import { getFeed, getSellerListings, listListings } from "@/lib/market/queries";
import { getOrderForUser } from "@/lib/orders/queries";
import {
  bidOn,
  checkLedgersAfterEach,
  fillInput,
  gifticonOfListing,
  listGifticon,
  makeCatalogProduct,
  makeUser,
  newCode,
  orderRow,
  uniq,
} from "../support/factory";

// Domain invariant 5: a code is shown only to its seller and, after the trade, its buyer. It is stored
// encrypted (AES-GCM) with an HMAC and the last 4 characters, and never appears in a public view or in a
// cache entry. (Who may open an order: tests/orders/lifecycle.test.ts.)

afterAll(() => closeDatabases());
checkLedgersAfterEach();

/** Every value of the cached views (snapshots v:*, delta streams x:*) on the test Redis, as text. */
async function cacheText(): Promise<string> {
  const r = redis();
  const out: string[] = [];
  for (const pattern of ["v:*", "x:*"]) {
    let cursor = "0";
    do {
      const [next, found] = await r.scan(cursor, { match: pattern, count: 500 });
      cursor = String(next);
      for (const key of found) {
        const type = await r.type(key);
        const value = type === "hash" ? await r.hgetall(key) : type === "zset" ? await r.zrange(key, 0, -1) : type === "string" ? await r.get(key) : null;
        out.push(key, JSON.stringify(value));
      }
    } while (cursor !== "0");
  }
  return out.join("\n");
}

/** Every public view that lists this product's or seller's listings, as text. */
async function publicViews(productId: number, sellerId: number, productName: string) {
  const parts = await Promise.all([
    getProductBook(productId),
    searchCatalog(catalogQuerySchema.parse({ q: productName })),
    searchCatalog(catalogQuerySchema.parse({ sort: "newest" })),
    getFeed(60),
    getSellerListings(sellerId),
    listListings({ limit: 60 }),
    listListings({ productId, limit: 60 }),
    listListings({ sellerId, limit: 60 }),
  ]);
  return JSON.stringify(parts);
}

describe("the code at rest", () => {
  it("is stored encrypted, with a 32-byte HMAC and its last 4 characters", async () => {
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const code = `QZ${uniq()}${uniq()}`.toUpperCase();
    const l = await listGifticon(seller, product.id, 4000, { code: code.match(/.{1,4}/g)!.join("-") });
    const g = await gifticonOfListing(l.id);
    expect(Buffer.isBuffer(g.codeCipher)).toBe(true);
    expect(g.codeCipher.includes(Buffer.from(code))).toBe(false);
    expect(g.codeCipher.includes(Buffer.from(code.toLowerCase()))).toBe(false);
    expect(g.codeCipher.includes(Buffer.from(code.slice(0, 12)))).toBe(false);
    expect(g.codeCipher.length).toBeGreaterThan(29); // version + iv + tag + ciphertext
    expect(g.codeHmac.length).toBe(32);
    expect(g.codeHmac.includes(Buffer.from(code.slice(0, 8)))).toBe(false);
    expect(g.codeLock?.equals(g.codeHmac)).toBe(true);
    expect(g.codeLast4).toBe(code.slice(-4));
    expect(decryptCode(g.codeCipher)).toBe(code); // normalized: no dashes, upper case
  });

  it("encrypts the same code differently each time (random IV), while the HMAC is the same", async () => {
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const l1 = await listGifticon(seller, product.id, 4000);
    await cancelListing(seller, l1.id);
    const l2 = await listGifticon(seller, product.id, 4000, { code: l1.code });
    const [g1, g2] = [await gifticonOfListing(l1.id), await gifticonOfListing(l2.id)];
    expect(g1.codeCipher.equals(g2.codeCipher)).toBe(false);
    expect(g1.codeHmac.equals(g2.codeHmac)).toBe(true);
  });
});

describe("the code in views and caches", () => {
  it("appears in no public view and no cache entry, on sale and after the trade; only buyer and seller read it", async () => {
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const buyer = await makeUser({ points: 20000 });
    const onSale = await listGifticon(seller, product.id, 4000);
    const toSell = await listGifticon(seller, product.id, 4500);
    const bid = await bidOn(buyer, product.id, 3500);
    const sellNowCode = newCode();
    const name = (await getProductBook(product.id))!.product.name;

    // The views must contain the listings (otherwise the check below proves nothing).
    const views1 = await publicViews(product.id, seller.id, name);
    for (const id of [onSale.id, toSell.id]) expect(views1).toContain(`"id":${id},`);
    for (const code of [onSale.code, toSell.code]) expect(views1).not.toContain(code);

    const { value: order } = await buyListing(buyer, { listingId: toSell.id, expectedPrice: toSell.price });
    const { value: filled, seq } = await fillBid(seller, bid.id, fillInput(bid.price, sellNowCode));
    const views2 = await publicViews(product.id, seller.id, name);
    expect(views2).toContain(`"orderId":${order.id},`); // the trade is in the book's history
    const codes = [onSale.code, toSell.code, sellNowCode];
    for (const code of codes) expect(views2).not.toContain(code);

    // Nor in any cache entry (snapshots and deltas of every view).
    const cached = await cacheText();
    expect(cached).toContain(`"id":${onSale.id},`);
    for (const code of codes) expect(cached).not.toContain(code);

    // The users' own pages show only the last 4.
    const sellerCtx = { userId: seller.id, minSeq: seq };
    const mine = JSON.stringify([await myListings(sellerCtx), await myOrders(sellerCtx)]);
    for (const code of codes) expect(mine).not.toContain(code);
    expect(mine).toContain(onSale.code.slice(-4));

    // Buyer and seller of each order read the code; nobody else, and not the seller's unsold one.
    expect((await getOrderForUser(buyer.id, order.id)).gifticon.code).toBe(toSell.code);
    expect((await getOrderForUser(seller.id, order.id)).gifticon.code).toBe(toSell.code);
    expect((await getOrderForUser(buyer.id, filled.orderId)).gifticon.code).toBe(sellNowCode);
    expect((await orderRow(filled.orderId)).sellerId).toBe(seller.id);
    const stranger = await makeUser();
    await expect(getOrderForUser(stranger.id, order.id)).rejects.toMatchObject({ kind: "not_found" });
    await expect(getOrderForUser(stranger.id, filled.orderId)).rejects.toMatchObject({ kind: "not_found" });

    // Reading the codes cached nothing.
    const after = await cacheText();
    for (const code of codes) expect(after).not.toContain(code);
  });
});
