import type { Category } from "@/db/schema";
import type { Change } from "@/lib/cache/publish";
import { browsePageOf, keys } from "@/lib/cache/keys";
import type { AskItem, BidItem, FeedItem, ProductInfo, TradeItem } from "./read-model";

// What each market event changes on the read side. Commands return these after commit (lib/write/command.ts
// publishes them), so every view that lists an ask or a bid learns about it at once: the product's book,
// the new-listings feed, the seller's page and the catalog's best prices.
//
// A change to the catalog's prices alters home and the browse and search pages that can show its product:
// given the product's category, only that category's (lib/cache/page-keys.cjs); without it, every one.

/** The catalog stream's change for one product's ask, bid or sale: home and its category's browse pages. */
function catalogChange(category: Category, delta: Extract<Change, { delta: unknown }>["delta"]): Change {
  return { view: keys.catalogStream(), delta, pages: ["/", browsePageOf(category)] };
}

export function askAdded(ask: AskItem, product: ProductInfo): Change[] {
  const listing: FeedItem = { ...ask, product };
  return [
    { view: keys.book(ask.productId), delta: { op: "upsert", kind: "ask", id: ask.id, item: ask } },
    { view: keys.feed(), delta: { op: "upsert", kind: "listing", id: ask.id, item: listing } },
    { view: keys.seller(ask.sellerId), delta: { op: "upsert", kind: "listing", id: ask.id, item: listing } },
    catalogChange(product.category, {
      op: "upsert",
      kind: "ask-ref",
      id: ask.id,
      item: { productId: ask.productId, price: ask.price, deadline: ask.deadline, validUntil: ask.validUntil, createdAt: ask.createdAt },
    }),
  ];
}

/** `category`: the product's: only that category's browse pages show it. */
export function askRemoved(ask: { id: number; productId: number; sellerId: number }, category: Category): Change[] {
  return [
    { view: keys.book(ask.productId), delta: { op: "remove", kind: "ask", id: ask.id } },
    { view: keys.feed(), delta: { op: "remove", kind: "listing", id: ask.id } },
    { view: keys.seller(ask.sellerId), delta: { op: "remove", kind: "listing", id: ask.id } },
    catalogChange(category, { op: "remove", kind: "ask-ref", id: ask.id, item: { productId: ask.productId } }),
  ];
}

export function bidAdded(bid: BidItem, category: Category): Change[] {
  return [
    { view: keys.book(bid.productId), delta: { op: "upsert", kind: "bid", id: bid.id, item: bid } },
    catalogChange(category, { op: "upsert", kind: "bid-ref", id: bid.id, item: { productId: bid.productId, price: bid.price, deadline: bid.deadline } }),
  ];
}

export function bidRemoved(bid: { id: number; productId: number }, category: Category): Change[] {
  return [
    { view: keys.book(bid.productId), delta: { op: "remove", kind: "bid", id: bid.id } },
    catalogChange(category, { op: "remove", kind: "bid-ref", id: bid.id, item: { productId: bid.productId } }),
  ];
}

/** A sale: the product's recent trades, and its trade count (what the catalog's popularity order counts). */
export function tradeMade(productId: number, trade: TradeItem, category: Category): Change[] {
  return [
    { view: keys.book(productId), delta: { op: "upsert", kind: "trade", id: trade.orderId, item: trade } },
    catalogChange(category, { op: "upsert", kind: "trade-ref", id: trade.orderId, item: { productId } }),
  ];
}

export function likeChanged(productId: number, delta: 1 | -1): Change[] {
  return [{ view: keys.book(productId), delta: { op: "upsert", kind: "like", id: productId, item: { delta } } }];
}

/** The catalog itself changed (admin edits): every page and product book is re-read. */
export function catalogChanged(productId?: number): Change[] {
  const out: Change[] = [{ view: keys.catalogStream(), fence: true }, { view: keys.brands(), fence: true }];
  if (productId) out.push({ view: keys.book(productId), fence: true });
  return out;
}

/** A user's status or session version changed: the cached session check re-reads them (lib/auth/session.ts). */
export function sessionChanged(userId: number): Change[] {
  return [{ view: keys.session(userId), fence: true }];
}
