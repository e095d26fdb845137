import "server-only";
import { and, asc, count, desc, eq, gt, gte, inArray, isNotNull, max, min, ne, sql, type SQL } from "drizzle-orm";
import { brands, bids, CATEGORIES, gifticons, likes, listings, orders, products, users, type Category } from "@/db/schema";
import type { ReadDb } from "@/db/readers";
import { keys } from "@/lib/cache/keys";
import { readView, type Delta, type ViewCtx, type ViewDef } from "@/lib/cache/views";
import {
  applyToBook,
  applyToCatalogRow,
  bestOf,
  isLive,
  liveBook,
  TRADES_SHOWN,
  type AskItem,
  type BidItem,
  type BookData,
  type CatalogItem,
  type ProductInfo,
  type ValidRef,
  validEnough,
  validFor,
} from "@/lib/market/read-model";
import { buildIndex, rank } from "@/lib/search/match";
import { loadSearchData, searchIndex, type SearchData } from "@/lib/search/queries";
import { askColumns, productInfoColumns } from "./columns";
import { pageStillHolds, popularity, type Beyond } from "./order";
import type { CatalogQuery } from "./schemas";

// Catalog reads: the product pages' books and the catalog pages, from the replica through the cache.

const iso = (d: Date | string) => (d instanceof Date ? d : new Date(d)).toISOString();
const now3 = sql`NOW(3)`;


export async function loadBook(db: ReadDb, productId: number): Promise<BookData | null> {
  const [product] = await db
    .select(productInfoColumns)
    .from(products)
    .innerJoin(brands, eq(brands.id, products.brandId))
    .where(and(eq(products.id, productId), eq(products.active, true)));
  if (!product) return null;
  const [askRows, bidRows, tradeRows, [likeRow]] = await Promise.all([
    db
      .select(askColumns)
      .from(listings)
      .innerJoin(users, eq(users.id, listings.sellerId))
      .innerJoin(gifticons, eq(gifticons.id, listings.gifticonId))
      .where(and(eq(listings.productId, productId), eq(listings.status, "on_sale"), gt(listings.deadline, now3)))
      .orderBy(asc(listings.price), asc(listings.id)),
    db
      .select({ id: bids.id, productId: bids.productId, price: bids.price, deadline: bids.deadline, createdAt: bids.createdAt })
      .from(bids)
      .where(and(eq(bids.productId, productId), eq(bids.status, "active"), gt(bids.deadline, now3)))
      .orderBy(desc(bids.price), asc(bids.id)),
    db
      .select({ orderId: orders.id, price: orders.price, at: orders.createdAt })
      .from(orders)
      .where(and(eq(orders.productId, productId), ne(orders.status, "refunded")))
      .orderBy(desc(orders.id))
      .limit(TRADES_SHOWN),
    db.select({ n: count() }).from(likes).where(eq(likes.productId, productId)),
  ]);
  return {
    product: product as ProductInfo,
    asks: askRows.map((a): AskItem => ({ ...a, deadline: iso(a.deadline), validUntil: iso(a.validUntil), createdAt: iso(a.createdAt) })),
    bids: bidRows.map((b): BidItem => ({ ...b, deadline: iso(b.deadline), createdAt: iso(b.createdAt) })),
    trades: tradeRows.map((t) => ({ orderId: t.orderId, price: t.price, at: iso(t.at) })),
    likeCount: Number(likeRow?.n ?? 0),
  };
}

export const bookView: ViewDef<number, BookData | null> = {
  name: "book",
  keys: (productId) => keys.book(productId),
  load: loadBook,
  apply: (data, deltas) => (data ? applyToBook(data, deltas) : data),
  ttlMs: 5 * 60_000,
  refreshAfterDeltas: 40,
};

/** A product page's data as every user should see it now (live asks and bids only). */
export async function getProductBook(productId: number, ctx: ViewCtx = {}): Promise<BookData | null> {
  const { data } = await readView(bookView, productId, ctx);
  return data ? liveBook(data) : null;
}

// ---------------------------------------------------------------------------------------------------------
// Catalog pages

type CatalogPage = { items: CatalogItem[]; nextCursor: string | null; beyond?: Beyond | null };

async function loadCatalogPage(db: ReadDb, q: CatalogQuery): Promise<CatalogPage> {
  // A search ranks the catalog in memory (lib/search/match.ts) from the same snapshot, then the database
  // pages, sorts and prices only the products it found.
  let ranked: number[] | null = null;
  if (q.q) {
    const data = await loadSearchData(db);
    ranked = rank(buildIndex(data.docs, data.aliases), q.q).map((r) => r.id);
    if (!ranked.length) return { items: [], nextCursor: null };
  }
  const validFrom = q.valid ? sql`NOW(3) + INTERVAL ${Number(q.valid)} DAY` : null;
  const askAgg = db
    .select({
      productId: listings.productId,
      askCount: count().as("ask_count"),
      minPrice: min(listings.price).as("min_price"),
      minDeadline: min(listings.deadline).as("min_deadline"),
      newest: max(listings.createdAt).as("newest"),
      maxValid: max(gifticons.expiresAt).as("max_valid"),
    })
    .from(listings)
    .innerJoin(gifticons, eq(gifticons.id, listings.gifticonId))
    .where(and(eq(listings.status, "on_sale"), gt(listings.deadline, now3), validFrom ? gte(gifticons.expiresAt, validFrom) : undefined))
    .groupBy(listings.productId)
    .as("a");
  const tradeAgg = db
    .select({ productId: orders.productId, n: count().as("trade_n") })
    .from(orders)
    .where(gt(orders.createdAt, sql`NOW(3) - INTERVAL 30 DAY`))
    .groupBy(orders.productId)
    .as("t");
  const likeAgg = db
    .select({ productId: likes.productId, n: count().as("like_n") })
    .from(likes)
    .groupBy(likes.productId)
    .as("l");

  const where: SQL[] = [eq(products.active, true)];
  if (q.category) where.push(eq(products.category, q.category));
  if (q.brand) where.push(eq(brands.slug, q.brand));
  if (ranked) where.push(inArray(products.id, ranked));
  if (validFrom) where.push(isNotNull(askAgg.productId));
  const popularity = sql`(COALESCE(${tradeAgg.n}, 0) * 3 + COALESCE(${likeAgg.n}, 0) + COALESCE(${askAgg.askCount}, 0))`;
  const order: Record<CatalogQuery["sort"], SQL[]> = {
    relevance: ranked ? [sql`FIELD(${products.id}, ${sql.join(ranked.map((id) => sql`${id}`), sql`, `)})`] : [sql`${popularity} DESC`, asc(products.id)],
    popular: [sql`${popularity} DESC`, asc(products.id)],
    price: [sql`${askAgg.minPrice} IS NULL`, sql`${askAgg.minPrice} ASC`, asc(products.id)],
    // In whole basis points, as lib/catalog/order.ts's discountBps: exact, so the cache can keep this order.
    discount: [sql`${askAgg.minPrice} IS NULL`, sql`(${products.faceValue} - ${askAgg.minPrice}) * 10000 DIV ${products.faceValue} DESC`, asc(products.id)],
    newest: [sql`${askAgg.newest} IS NULL`, sql`${askAgg.newest} DESC`, desc(products.id)],
    expiring: [sql`${askAgg.minDeadline} IS NULL`, sql`${askAgg.minDeadline} ASC`, asc(products.id)],
    validity: [sql`${askAgg.maxValid} IS NULL`, sql`${askAgg.maxValid} DESC`, asc(products.id)],
  };
  const offset = Number(q.cursor ?? 0);
  const rows = await db
    .select({
      ...productInfoColumns,
      askCount: askAgg.askCount,
      newestAt: askAgg.newest,
      soonestAt: askAgg.minDeadline,
      trades30d: tradeAgg.n,
      likeCount: likeAgg.n,
    })
    .from(products)
    .innerJoin(brands, eq(brands.id, products.brandId))
    .leftJoin(askAgg, eq(askAgg.productId, products.id))
    .leftJoin(tradeAgg, eq(tradeAgg.productId, products.id))
    .leftJoin(likeAgg, eq(likeAgg.productId, products.id))
    .where(and(...where))
    .orderBy(...order[q.sort])
    .limit(q.limit + 1)
    .offset(offset);
  const page = rows.slice(0, q.limit);
  const ids = page.map((r) => r.id);
  const best = await bestPrices(db, ids, q.valid ? Number(q.valid) : undefined);
  return {
    items: page.map((r) => ({
      ...(r as unknown as ProductInfo),
      askCount: Number(r.askCount ?? 0),
      newestAt: r.newestAt ? iso(r.newestAt as Date | string) : null,
      soonestAt: r.soonestAt ? iso(r.soonestAt as Date | string) : null,
      trades30d: Number(r.trades30d ?? 0),
      likeCount: Number(r.likeCount ?? 0),
      lowestAsk: best.asks.get(r.id) ?? null,
      highestBid: best.bids.get(r.id) ?? null,
      longestValid: best.valid.get(r.id) ?? null,
    })),
    nextCursor: rows.length > q.limit ? String(offset + q.limit) : null,
    // The first product after the page, for lib/catalog/order.ts: how far one beyond it can rise.
    beyond: rows.length > q.limit ? beyondOf(rows[q.limit]) : null,
  };
}

const beyondOf = (r: { id: number; askCount: unknown; trades30d: unknown; likeCount: unknown }): Beyond => ({
  id: r.id,
  popularity: popularity({ askCount: Number(r.askCount ?? 0), trades30d: Number(r.trades30d ?? 0), likeCount: Number(r.likeCount ?? 0) }),
});

/** The best live ask and bid (id, price, deadline) of each product. */
async function bestPrices(db: ReadDb, productIds: number[], validDays?: number) {
  const asks = new Map<number, { id: number; price: number; deadline: string }>();
  const bidsBest = new Map<number, { id: number; price: number; deadline: string }>();
  const valid = new Map<number, NonNullable<ValidRef>>();
  if (!productIds.length) return { asks, bids: bidsBest, valid };
  const validFrom = validDays ? sql`NOW(3) + INTERVAL ${validDays} DAY` : null;
  const rankBy = (table: typeof listings | typeof bids, dir: "ASC" | "DESC") =>
    sql`ROW_NUMBER() OVER (PARTITION BY ${table.productId} ORDER BY ${table.price} ${sql.raw(dir)}, ${table.id} ASC)`;
  const liveAsks = and(inArray(listings.productId, productIds), eq(listings.status, "on_sale"), gt(listings.deadline, now3), validFrom ? gte(gifticons.expiresAt, validFrom) : undefined);
  const askRanked = db
    .select({ id: listings.id, productId: listings.productId, price: listings.price, deadline: listings.deadline, rn: rankBy(listings, "ASC").as("rn") })
    .from(listings)
    .innerJoin(gifticons, eq(gifticons.id, listings.gifticonId))
    .where(liveAsks)
    .as("ar");
  const validRanked = db
    .select({
      id: listings.id,
      productId: listings.productId,
      validUntil: gifticons.expiresAt,
      deadline: listings.deadline,
      rn: sql`ROW_NUMBER() OVER (PARTITION BY ${listings.productId} ORDER BY ${gifticons.expiresAt} DESC, ${listings.price} ASC, ${listings.id} ASC)`.as("vrn"),
    })
    .from(listings)
    .innerJoin(gifticons, eq(gifticons.id, listings.gifticonId))
    .where(liveAsks)
    .as("vr");
  const bidRanked = db
    .select({ id: bids.id, productId: bids.productId, price: bids.price, deadline: bids.deadline, rn: rankBy(bids, "DESC").as("rn") })
    .from(bids)
    .where(and(inArray(bids.productId, productIds), eq(bids.status, "active"), gt(bids.deadline, now3)))
    .as("br");
  const [a, b, v] = await Promise.all([
    db.select().from(askRanked).where(eq(askRanked.rn, 1)),
    db.select().from(bidRanked).where(eq(bidRanked.rn, 1)),
    db.select().from(validRanked).where(eq(validRanked.rn, 1)),
  ]);
  for (const r of v) valid.set(r.productId, { id: r.id, validUntil: iso(r.validUntil), deadline: iso(r.deadline) });
  for (const r of a) asks.set(r.productId, { id: r.id, price: r.price, deadline: iso(r.deadline) });
  for (const r of b) bidsBest.set(r.productId, { id: r.id, price: r.price, deadline: iso(r.deadline) });
  return { asks, bids: bidsBest, valid };
}

const catalogKey = (q: CatalogQuery) =>
  [q.q ?? "", q.category ?? "", q.brand ?? "", q.sort, q.cursor ?? "0", q.limit, q.valid ?? ""].map(encodeURIComponent).join("|");

/** The deltas that concern a page: under the validity filter, a new ask whose voucher runs out sooner does not. */
function pageDeltas(q: CatalogQuery, deltas: Delta[]): Delta[] {
  if (!q.valid) return deltas;
  const now = Date.now();
  return deltas.filter((d) => !(d.kind === "ask-ref" && d.op === "upsert" && !validEnough((d.item as { validUntil?: string } | undefined)?.validUntil, Number(q.valid), now)));
}

export const catalogView: ViewDef<CatalogQuery, CatalogPage> = {
  name: "catalog",
  keys: (q) => keys.catalogPage(catalogKey(q)),
  load: loadCatalogPage,
  apply: async (data, deltas, q) => {
    const byProduct = new Map<number, Delta[]>();
    for (const d of pageDeltas(q, deltas)) {
      const pid = (d.item as { productId?: number } | undefined)?.productId;
      if (pid) byProduct.set(pid, [...(byProduct.get(pid) ?? []), d]);
    }
    const needBook = new Set<number>();
    const items = data.items.map((row) => {
      const { row: next, needsBook } = applyToCatalogRow(row, byProduct.get(row.id) ?? []);
      if (needsBook) needBook.add(row.id);
      return next;
    });
    return { ...data, items: await bestFromBooks(items, needBook, q.valid ? Number(q.valid) : undefined) };
  },
  // Prices follow deltas; the order and the page's products do too while the deltas cannot have changed
  // them (lib/catalog/order.ts), else the page is read again at or after the deltas.
  absorbs: async (before, after, deltas, q) => {
    const mine = pageDeltas(q, deltas);
    const beyond = mine.some((d) => !before.items.some((r) => r.id === (d.item as { productId?: number } | undefined)?.productId));
    const match = beyond ? await queryMatcher(q) : null;
    return pageStillHolds(q, before, after, mine, (pid) => match?.inQuery(pid) ?? true, (pid) => match?.docs.get(pid)?.faceValue);
  },
  ttlMs: 60_000,
  refreshAfterDeltas: 30,
};

type SearchDocRow = SearchData["docs"][number];
// Per snapshot of the search index: its products by id, and the products each search finds (bounded).
const perIndex = new WeakMap<SearchData, { docs: Map<number, SearchDocRow>; found: Map<string, Set<number>> }>();
const FOUND_KEPT = 500;

/**
 * The products a catalog query's search, brand and category let through (prices and validity aside), from the
 * search index: what its browse page depends on (categoriesOf) and which trades can touch its page.
 */
async function queryMatcher(q: CatalogQuery) {
  const { data, index } = await searchIndex();
  let memo = perIndex.get(data);
  if (!memo) perIndex.set(data, (memo = { docs: new Map(data.docs.map((d) => [d.id, d])), found: new Map() }));
  let found: Set<number> | null = null;
  if (q.q) {
    found = memo.found.get(q.q) ?? null;
    if (!found) {
      if (memo.found.size >= FOUND_KEPT) memo.found.clear();
      memo.found.set(q.q, (found = new Set(rank(index, q.q).map((r) => r.id))));
    }
  }
  const matches = (d: SearchDocRow) =>
    (!found || found.has(d.id)) && (!q.brand || d.brandSlug === q.brand) && (!q.category || !d.categoryKey || d.categoryKey === q.category);
  return {
    data,
    docs: memo.docs,
    matches,
    /** A product not in this copy of the index may be new: it may match. */
    inQuery: (pid: number) => {
      const d = memo.docs.get(pid);
      return !d || matches(d);
    },
  };
}

/** Rows whose best ask or bid is unknown (removed) or past its deadline take them from their product's book. */
async function bestFromBooks(items: CatalogItem[], productIds: Set<number>, validDays?: number): Promise<CatalogItem[]> {
  if (!productIds.size) return items;
  return Promise.all(
    items.map(async (row) => {
      if (!productIds.has(row.id)) return row;
      const book = await getProductBook(row.id);
      return book ? { ...row, ...bestOf({ ...book, asks: validFor(book.asks, validDays) }) } : row;
    }),
  );
}

export async function searchCatalog(q: CatalogQuery, ctx: ViewCtx = {}) {
  const { data } = await readView(catalogView, q, ctx);
  // The delta step above runs only when deltas are pending; a best price can also just run out of time.
  const now = Date.now();
  const expired = data.items.filter(
    (r) => (r.lowestAsk && !isLive(r.lowestAsk, now)) || (r.highestBid && !isLive(r.highestBid, now)) || (r.longestValid && !isLive(r.longestValid, now)),
  );
  return expired.length ? { ...data, items: await bestFromBooks(data.items, new Set(expired.map((r) => r.id)), q.valid ? Number(q.valid) : undefined) } : data;
}

/**
 * The categories whose products a catalog query can show, whatever their listings, prices and the page's
 * validity filter: what its browse page depends on besides the catalog itself (lib/cache/page-deps.ts). The
 * products are those the page's own query matches (active ones, by brand and search); a superset is safe.
 */
export async function categoriesOf(q: CatalogQuery): Promise<Category[]> {
  const allowed: readonly Category[] = q.category ? [q.category] : CATEGORIES;
  if (!q.q && !q.brand) return [...allowed];
  const { data, matches } = await queryMatcher(q);
  const docs = data.docs.filter(matches);
  // A snapshot from before the index named categories: every category the filter allows.
  if (docs.some((d) => !d.categoryKey)) return [...allowed];
  const shown = new Set(docs.map((d) => d.categoryKey));
  return allowed.filter((c) => shown.has(c));
}

// ---------------------------------------------------------------------------------------------------------
// Brands (for filters and the home page)

export type BrandSummary = { id: number; slug: string; name: string; nameEn: string; category: string; color: string; productCount: number };

async function loadBrands(db: ReadDb): Promise<BrandSummary[]> {
  const rows = await db
    .select({
      id: brands.id,
      slug: brands.slug,
      name: brands.name,
      nameEn: brands.nameEn,
      category: brands.category,
      color: brands.color,
      productCount: count(products.id),
    })
    .from(brands)
    .leftJoin(products, and(eq(products.brandId, brands.id), eq(products.active, true)))
    .groupBy(brands.id)
    .orderBy(asc(brands.category), asc(brands.id));
  return rows.map((r) => ({ ...r, productCount: Number(r.productCount) }));
}

export const brandsView: ViewDef<null, BrandSummary[]> = {
  name: "brands",
  keys: () => keys.brands(),
  load: (db) => loadBrands(db),
  ttlMs: 10 * 60_000,
};

export async function listBrands() {
  return (await readView(brandsView, null)).data;
}
