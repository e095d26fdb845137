import "server-only";
import type { MyOrder } from "@/lib/accounts/queries";
import type { BookData, CatalogItem, FeedItem, ProductInfo } from "@/lib/market/read-model";

// What the JSON API shows of the read models. Every field is named here (nothing is spread through), so a
// column added to a read model later cannot reach a response by accident — least of all anything of a code.

export function productJson(p: ProductInfo) {
  return {
    id: p.id,
    brandId: p.brandId,
    brand: p.brandName,
    brandSlug: p.brandSlug,
    name: p.name,
    nameEn: p.nameEn,
    category: p.category,
    faceValue: p.faceValue,
    emoji: p.emoji,
  };
}

export function catalogItemJson(i: CatalogItem) {
  return {
    ...productJson(i),
    lowestAsk: i.lowestAsk?.price ?? null,
    highestBid: i.highestBid?.price ?? null,
    askCount: i.askCount,
    likeCount: i.likeCount,
    trades30d: i.trades30d,
    // The longest validity (유효기간) among the product's live asks, or null.
    longestValidUntil: i.longestValid?.validUntil ?? null,
  };
}

export function bookJson(b: BookData) {
  return {
    product: productJson(b.product),
    lowestAsk: b.asks[0]?.price ?? null,
    highestBid: b.bids[0]?.price ?? null,
    likeCount: b.likeCount,
    // `expiresAt` of an ask is when it stops being buyable: its deadline (never after the voucher's expiry);
    // `validUntil` is the voucher's own expiry (유효기간), what the buyer gets.
    asks: b.asks.map((a) => ({ id: a.id, price: a.price, expiresAt: a.deadline, validUntil: a.validUntil, sellerId: a.sellerId, sellerNickname: a.sellerNickname, createdAt: a.createdAt })),
    bids: b.bids.map((x) => ({ id: x.id, price: x.price, expiresAt: x.deadline, createdAt: x.createdAt })),
    trades: b.trades.map((t) => ({ price: t.price, at: t.at })),
  };
}

export function listingJson(l: FeedItem) {
  return {
    id: l.id,
    productId: l.productId,
    sellerId: l.sellerId,
    sellerNickname: l.sellerNickname,
    price: l.price,
    expiresAt: l.deadline,
    createdAt: l.createdAt,
    product: productJson(l.product),
  };
}

/** An order as its buyer or seller sees it in lists (the code only in GET /api/orders/{id}). */
export function orderJson(o: MyOrder) {
  return {
    id: o.id,
    role: o.role,
    status: o.status,
    price: o.price,
    discount: o.discount,
    paid: o.paid,
    createdAt: o.createdAt,
    confirmDueAt: o.confirmDueAt,
    completedAt: o.completedAt,
    product: productJson(o.product),
  };
}
