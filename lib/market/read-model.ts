import type { Delta } from "@/lib/cache/views";
import type { Category } from "@/db/schema";

// The shapes that public pages and the API show, and how a delta changes them. Pure: commands use it to
// build the deltas they publish after commit, queries to apply them to cached snapshots. Nothing here
// carries a code, its last digits or a buyer's identity (domain invariant 5).

export type ProductInfo = {
  id: number;
  brandId: number;
  brandName: string;
  brandSlug: string;
  brandColor: string;
  name: string;
  nameEn: string;
  category: Category;
  faceValue: number;
  emoji: string;
};

export type AskItem = {
  id: number;
  productId: number;
  sellerId: number;
  sellerNickname: string;
  price: number;
  deadline: string; // ISO 8601; past it the ask is not live
  validUntil: string; // ISO 8601: the voucher's own expiry (유효기간), always at or after the deadline
  createdAt: string;
};

export type BidItem = { id: number; productId: number; price: number; deadline: string; createdAt: string };
export type TradeItem = { orderId: number; price: number; at: string };

export type BookData = {
  product: ProductInfo;
  asks: AskItem[]; // cheapest first, then oldest
  bids: BidItem[]; // highest first, then oldest
  trades: TradeItem[]; // newest first
  likeCount: number;
};

export type FeedItem = AskItem & { product: ProductInfo };

export type PriceRef = { id: number; price: number; deadline: string } | null;
/** The live ask whose voucher stays valid longest (유효기간), as catalog rows show it. */
export type ValidRef = { id: number; validUntil: string; deadline: string } | null;
export type CatalogItem = ProductInfo & {
  lowestAsk: PriceRef;
  highestBid: PriceRef;
  longestValid?: ValidRef;
  askCount: number;
  trades30d: number;
  likeCount: number;
  /** What the "newest" and "expiring" orders sort by: the newest live ask's creation and the soonest deadline (undefined: unknown). */
  newestAt?: string | null;
  soonestAt?: string | null;
};

export const FEED_SIZE = 60;
export const TRADES_SHOWN = 50;

export const isLive = (x: { deadline: string }, now = Date.now()) => Date.parse(x.deadline) > now;

export const byAsk = (a: AskItem, b: AskItem) => a.price - b.price || a.id - b.id;
export const byBid = (a: BidItem, b: BidItem) => b.price - a.price || a.id - b.id;
const newestFirst = (a: { id: number }, b: { id: number }) => b.id - a.id;

// Delta kinds published by commands (lib/market/changes.ts) and understood here.
export type MarketDelta =
  | (Delta<AskItem> & { kind: "ask" })
  | (Delta<BidItem> & { kind: "bid" })
  | (Delta<TradeItem> & { kind: "trade" })
  | (Delta<FeedItem> & { kind: "listing" })
  | (Delta<{ delta: number }> & { kind: "like" })
  | (Delta<{ productId: number; price: number; deadline: string; validUntil?: string; createdAt?: string }> & { kind: "ask-ref" | "bid-ref" })
  | (Delta<{ productId: number }> & { kind: "trade-ref" });

function upsertById<T extends { id: number }>(list: T[], d: Delta, sort: (a: T, b: T) => number): T[] {
  const rest = list.filter((x) => x.id !== d.id);
  if (d.op === "remove") return rest;
  return [...rest, d.item as T].sort(sort);
}

/** A product page: the snapshot's books and trades with newer asks, bids, trades and likes applied. */
export function applyToBook(data: BookData, deltas: Delta[]): BookData {
  let { asks, bids, trades, likeCount } = data;
  for (const d of deltas as MarketDelta[]) {
    if (d.kind === "ask") asks = upsertById(asks, d, byAsk);
    else if (d.kind === "bid") bids = upsertById(bids, d, byBid);
    else if (d.kind === "trade" && d.op === "upsert" && !trades.some((t) => t.orderId === d.id))
      trades = [d.item as TradeItem, ...trades].sort((a, b) => b.orderId - a.orderId).slice(0, TRADES_SHOWN);
    else if (d.kind === "like") likeCount = Math.max(0, likeCount + ((d.item as { delta: number })?.delta ?? 0));
  }
  return { ...data, asks, bids, trades, likeCount };
}

/** The new-listings feed (or a seller's listings): newest first. */
export function applyToListings(items: FeedItem[], deltas: Delta[], limit = FEED_SIZE): FeedItem[] {
  let out = items;
  for (const d of deltas) if (d.kind === "listing") out = upsertById(out, d, newestFirst);
  return out.slice(0, limit);
}

/** What the books look like to a reader now: only live entries. */
export function liveBook(book: BookData, now = Date.now()): BookData {
  return { ...book, asks: book.asks.filter((a) => isLive(a, now)), bids: book.bids.filter((b) => isLive(b, now)) };
}

/**
 * Catalog rows carry their product's best ask and bid, ask count and trade count. A newer ask or bid can
 * only improve them and a trade adds one; after a removed ask the row's ask figures are unknown (the count
 * may not have included it, the newest or soonest may be gone), and the caller re-reads that product's
 * book, as it does after a removed best bid.
 */
export function applyToCatalogRow(row: CatalogItem, deltas: Delta[]): { row: CatalogItem; needsBook: boolean } {
  let { lowestAsk, highestBid, askCount, trades30d, newestAt, soonestAt } = row;
  let longestValid = row.longestValid ?? null;
  let needsBook = false;
  for (const d of deltas as MarketDelta[]) {
    if (d.kind === "ask-ref") {
      if (d.op === "upsert") {
        const i = d.item!;
        askCount++;
        if (!lowestAsk || i.price < lowestAsk.price || (i.price === lowestAsk.price && d.id < lowestAsk.id))
          lowestAsk = { id: d.id, price: i.price, deadline: i.deadline };
        if (i.validUntil && (!longestValid || i.validUntil > longestValid.validUntil)) longestValid = { id: d.id, validUntil: i.validUntil, deadline: i.deadline };
        newestAt = newestAt === undefined || !i.createdAt ? undefined : !newestAt || i.createdAt > newestAt ? i.createdAt : newestAt;
        soonestAt = soonestAt === undefined ? undefined : !soonestAt || i.deadline < soonestAt ? i.deadline : soonestAt;
      } else needsBook = true;
    } else if (d.kind === "bid-ref") {
      if (d.op === "upsert") {
        const i = d.item!;
        if (!highestBid || i.price > highestBid.price) highestBid = { id: d.id, price: i.price, deadline: i.deadline };
      } else if (highestBid?.id === d.id) needsBook = true;
    } else if (d.kind === "trade-ref" && d.op === "upsert") trades30d++;
  }
  const now = Date.now();
  if ((lowestAsk && !isLive(lowestAsk, now)) || (highestBid && !isLive(highestBid, now)) || (longestValid && !isLive(longestValid, now))) needsBook = true;
  return { row: { ...row, lowestAsk, highestBid, longestValid, askCount, trades30d, newestAt, soonestAt }, needsBook };
}

/** Best ask and bid of a (live) book, as catalog rows show them. */
export function bestOf(
  book: BookData,
): Pick<CatalogItem, "lowestAsk" | "highestBid" | "longestValid" | "askCount" | "newestAt" | "soonestAt"> {
  const a = book.asks[0];
  const b = book.bids[0];
  const v = longestValidOf(book.asks);
  const latest = (xs: string[], pick: (x: string, y: string) => boolean) => xs.reduce<string | null>((m, x) => (m === null || pick(x, m) ? x : m), null);
  return {
    lowestAsk: a ? { id: a.id, price: a.price, deadline: a.deadline } : null,
    highestBid: b ? { id: b.id, price: b.price, deadline: b.deadline } : null,
    longestValid: v ? { id: v.id, validUntil: v.validUntil, deadline: v.deadline } : null,
    askCount: book.asks.length,
    newestAt: latest(book.asks.map((x) => x.createdAt), (x, m) => x > m),
    soonestAt: latest(book.asks.map((x) => x.deadline), (x, m) => x < m),
  };
}

/** The ask whose voucher is valid longest (ties: the cheaper, then the older). */
export function longestValidOf(asks: AskItem[]): AskItem | null {
  let best: AskItem | null = null;
  for (const a of asks) if (a.validUntil && (!best || a.validUntil > best.validUntil || (a.validUntil === best.validUntil && byAsk(a, best) < 0))) best = a;
  return best;
}

/** Only the asks whose voucher is valid at least `days` more days (the browse page's validity filter). */
export function validFor<T extends { validUntil?: string }>(asks: T[], days: number | undefined, now = Date.now()): T[] {
  return days ? asks.filter((a) => validEnough(a.validUntil, days, now)) : asks;
}

/** Whether a voucher valid until `validUntil` stays valid at least `days` more days. */
export const validEnough = (validUntil: string | undefined, days: number, now = Date.now()) => !!validUntil && Date.parse(validUntil) >= now + days * 86_400_000;
