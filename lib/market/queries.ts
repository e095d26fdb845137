import "server-only";
import { and, desc, eq, gt, lt, sql } from "drizzle-orm";
import { brands, gifticons, listings, products, users } from "@/db/schema";
import type { ReadDb } from "@/db/readers";
import { keys } from "@/lib/cache/keys";
import { readView, type ViewDef } from "@/lib/cache/views";
import { askColumns, productInfoColumns } from "@/lib/catalog/columns";
import { getProductBook } from "@/lib/catalog/queries";
import { readAt } from "@/lib/read/router";
import { applyToListings, FEED_SIZE, isLive, type FeedItem, type ProductInfo } from "./read-model";

// Public listing lists: the new-listings feed and a seller's page, from the replica through the cache,
// with new posts merged in as soon as their command returns.

const SELLER_PAGE_SIZE = 200;
const iso = (d: Date) => d.toISOString();

async function loadListings(db: ReadDb, where: { sellerId?: number; productId?: number; beforeId?: number }, limit: number): Promise<FeedItem[]> {
  const rows = await db
    .select({ ...askColumns, product: productInfoColumns })
    .from(listings)
    .innerJoin(users, eq(users.id, listings.sellerId))
    .innerJoin(gifticons, eq(gifticons.id, listings.gifticonId))
    .innerJoin(products, eq(products.id, listings.productId))
    .innerJoin(brands, eq(brands.id, products.brandId))
    .where(
      and(
        eq(listings.status, "on_sale"),
        gt(listings.deadline, sql`NOW(3)`),
        where.sellerId ? eq(listings.sellerId, where.sellerId) : undefined,
        where.productId ? eq(listings.productId, where.productId) : undefined,
        where.beforeId ? lt(listings.id, where.beforeId) : undefined,
      ),
    )
    .orderBy(desc(listings.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, product: r.product as ProductInfo, deadline: iso(r.deadline), validUntil: iso(r.validUntil), createdAt: iso(r.createdAt) }));
}

export const feedView: ViewDef<null, FeedItem[]> = {
  name: "feed",
  keys: () => keys.feed(),
  load: (db) => loadListings(db, {}, FEED_SIZE),
  apply: (data, deltas) => applyToListings(data, deltas, FEED_SIZE),
  ttlMs: 5 * 60_000,
  refreshAfterDeltas: 40,
};

export const sellerView: ViewDef<number, FeedItem[]> = {
  name: "seller",
  keys: (sellerId) => keys.seller(sellerId),
  load: (db, sellerId) => loadListings(db, { sellerId }, SELLER_PAGE_SIZE),
  apply: (data, deltas) => applyToListings(data, deltas, SELLER_PAGE_SIZE),
  ttlMs: 5 * 60_000,
  refreshAfterDeltas: 40,
};

const liveOnly = (items: FeedItem[]) => {
  const now = Date.now();
  return items.filter((i) => isLive(i, now));
};

/** The newest live listings across the market. */
export async function getFeed(limit = 24): Promise<FeedItem[]> {
  return liveOnly((await readView(feedView, null)).data).slice(0, limit);
}

export async function getSellerListings(sellerId: number): Promise<FeedItem[]> {
  return liveOnly((await readView(sellerView, sellerId)).data);
}

/**
 * GET /api/listings: live listings, newest first, optionally of one product or one seller. The first page
 * comes from the cached views (so a new post is there at once); later pages (cursor = the last id seen)
 * from the replica.
 */
export async function listListings(q: { productId?: number; sellerId?: number; cursor?: number; limit: number }) {
  let items: FeedItem[];
  if (q.productId && !q.sellerId) {
    const book = await getProductBook(q.productId);
    if (!book) return { items: [], nextCursor: null };
    items = book.asks.map((a) => ({ ...a, product: book.product })).sort((a, b) => b.id - a.id);
  } else if (q.sellerId) {
    items = (await getSellerListings(q.sellerId)).filter((i) => !q.productId || i.productId === q.productId);
  } else {
    items = await getFeed(FEED_SIZE);
    if (q.cursor && (!items.length || q.cursor <= items.at(-1)!.id)) {
      const r = await readAt({ mode: "any" }, (db) => loadListings(db, { beforeId: q.cursor }, q.limit + 1));
      items = r.value;
    }
  }
  const after = q.cursor ? items.filter((i) => i.id < q.cursor!) : items;
  const page = after.slice(0, q.limit);
  return { items: page, nextCursor: after.length > q.limit ? page.at(-1)!.id : null };
}
