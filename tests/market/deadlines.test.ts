import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { primaryDb } from "@/db/primary";
import { bids, listings } from "@/db/schema";
import { keys } from "@/lib/cache/keys";
import { publish } from "@/lib/cache/publish";
import { getProductBook, searchCatalog } from "@/lib/catalog/queries";
import { catalogQuerySchema } from "@/lib/catalog/schemas";
import { buyListing } from "@/lib/market/commands/buy";
import { getFeed, getSellerListings, listListings } from "@/lib/market/queries";
import {
  bidOn,
  bidRow,
  checkLedgersAfterEach,
  expectAppError,
  expectLedgerConsistent,
  expireNow,
  footprint,
  listGifticon,
  listingRow,
  makeCatalogProduct,
  makeUser,
} from "../support/factory";
import { primaryPosition } from "../support/stack";

// domain.md: "Listings and bids past their deadline ... leave the book." Commands refuse them the moment
// the deadline passes, and reads hide them at once, before the sweeper (lib/ops/sweeper.ts) makes it
// permanent. The tests move deadlines on the primary, as time passing would.

afterAll(() => closeDatabases());
checkLedgersAfterEach();

describe("nothing past its deadline trades", () => {
  it("buying a listing past its deadline: listing_expired, nothing written", async () => {
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const buyer = await makeUser({ points: 10000 });
    const l = await listGifticon(seller, product.id, 4000);
    await expireNow("listings", l.id);
    const before = await footprint(buyer.id);
    await expectAppError(buyListing(buyer, { listingId: l.id, expectedPrice: l.price }), { kind: "conflict", code: "listing_expired" });
    expect(await footprint(buyer.id)).toEqual(before);
    expect((await listingRow(l.id)).status).not.toBe("sold");
  });

  it("a new bid does not cross an ask past its deadline; a new ask does not cross a bid past its deadline", async () => {
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const buyer = await makeUser({ points: 20000 });
    const staleAsk = await listGifticon(seller, product.id, 3000);
    await expireNow("listings", staleAsk.id);
    const bid = await bidOn(buyer, product.id, 4000);
    expect(bid.status).toBe("active");
    expect((await listingRow(staleAsk.id)).status).not.toBe("sold");

    await expireNow("bids", bid.id);
    const ask = await listGifticon(await makeUser(), product.id, 3500);
    expect(ask.status).toBe("on_sale");
    expect((await bidRow(bid.id)).status).not.toBe("filled");
    await expectLedgerConsistent(buyer.id);
  });
});

/** The read side learns of the deadline change the way it learns of any change it cannot apply as a delta. */
async function fenceViews(productId: number, sellerId: number) {
  const seq = await primaryPosition();
  await publish(seq, [keys.book(productId), keys.feed(), keys.seller(sellerId), keys.catalogStream()].map((view) => ({ view, fence: true as const })));
}

const soon = (table: typeof listings | typeof bids, id: number, ms: number) =>
  primaryDb()
    .update(table)
    .set({ deadline: sql`NOW(3) + INTERVAL ${ms * 1000} MICROSECOND` })
    .where(eq(table.id, id));

async function views(productId: number, sellerId: number, productName: string) {
  const book = (await getProductBook(productId))!;
  const catalog = await searchCatalog(catalogQuerySchema.parse({ q: productName }));
  const row = catalog.items.find((i) => i.id === productId)!;
  return {
    asks: book.asks.map((a) => a.id),
    bids: book.bids.map((b) => b.id),
    feed: (await getFeed(60)).map((f) => f.id),
    seller: (await getSellerListings(sellerId)).map((f) => f.id),
    api: (await listListings({ productId, limit: 20 })).items.map((i) => i.id),
    lowestAsk: row.lowestAsk?.id ?? null,
    highestBid: row.highestBid?.id ?? null,
  };
}

describe("nothing past its deadline shows as live, even before the sweeper runs", () => {
  it("a cached listing and bid disappear from every view the moment their deadline passes", async () => {
    const WINDOW_MS = 2500;
    // An app server's sweeper may be running against the test stack too; the case only counts if the rows
    // were still on sale/active (sweeper not yet run) when the views were read, so it is retried if not.
    for (let attempt = 1; ; attempt++) {
      const product = await makeCatalogProduct(5000);
      const seller = await makeUser();
      const buyer = await makeUser({ points: 10000 });
      const l = await listGifticon(seller, product.id, 4500);
      const b = await bidOn(buyer, product.id, 3000);

      await soon(listings, l.id, WINDOW_MS);
      await soon(bids, b.id, WINDOW_MS);
      const deadline = (await listingRow(l.id)).deadline.getTime();
      await fenceViews(product.id, seller.id);
      // Cached now, with the near deadline.
      const productName = (await getProductBook(product.id))!.product.name;
      const live = await views(product.id, seller.id, productName);
      expect(live).toMatchObject({ asks: [l.id], bids: [b.id], seller: [l.id], api: [l.id], lowestAsk: l.id, highestBid: b.id });
      expect(live.feed).toContain(l.id);

      await new Promise((r) => setTimeout(r, deadline - Date.now() + 100));
      const gone = await views(product.id, seller.id, productName);
      const untouched = (await listingRow(l.id)).status === "on_sale" && (await bidRow(b.id)).status === "active";
      if (!untouched && attempt < 3) continue;
      expect(untouched, "the sweeper ran before the views were read three times in a row").toBe(true);
      expect(gone).toMatchObject({ asks: [], bids: [], seller: [], api: [], lowestAsk: null, highestBid: null });
      expect(gone.feed).not.toContain(l.id);

      // Re-read from the databases (fence raised again): the queries themselves exclude them too.
      await fenceViews(product.id, seller.id);
      const reread = await views(product.id, seller.id, productName);
      expect(reread).toMatchObject({ asks: [], bids: [], seller: [], api: [], lowestAsk: null, highestBid: null });
      expect(reread.feed).not.toContain(l.id);
      await expectAppError(buyListing(buyer, { listingId: l.id, expectedPrice: l.price }), { kind: "conflict", code: "listing_expired" });
      return;
    }
  });
});
