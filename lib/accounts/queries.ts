import "server-only";
import { and, desc, eq } from "drizzle-orm";
import {
  bids,
  brands,
  coupons,
  likes,
  listings,
  products,
  userCoupons,
  userIdentities,
  users,
} from "@/db/schema";
import { productInfoColumns } from "@/lib/catalog/columns";
import { describeCoupon } from "@/lib/coupons/pricing";
import type { ProductInfo } from "@/lib/market/read-model";
import type { ReadDb } from "@/db/readers";
import { readFresh } from "@/lib/read/router";
import { meColumns } from "./own-columns";
import { OWN_ROWS, readOwn } from "./own-views";

// A signed-in user's own pages. Each read names the user's last write position (minSeq), so it goes to a
// replica that has applied it, or waits briefly, or reads the primary: a user always sees their own
// changes, from any tab, device or app instance. The account row, listings, bids, orders, ledger and
// withdrawals are cached per user and kept fresh by the commands' deltas (lib/accounts/own-views.ts); the
// rest (coupons, likes, identities, the product page's viewer panel) is read from the databases.

type Ctx = { userId: number; minSeq: number };
const fresh = <T>(ctx: Ctx, fn: (db: ReadDb) => Promise<T>) => readFresh(ctx.minSeq, fn);

const loadMe = async (db: ReadDb, userId: number) => {
  const [u] = await db.select(meColumns).from(users).where(eq(users.id, userId));
  return u ?? null;
};

/** The user's account row: balance, role, status (cached: lib/accounts/own-views.ts). */
export async function getMe(ctx: Ctx) {
  return (await readOwn("me", ctx, 1))[0] ?? null;
}

/** The same row read from the databases, for decisions about access (admin pages, health detail). */
export async function getMeForAccess(ctx: Ctx) {
  return fresh(ctx, (db) => loadMe(db, ctx.userId));
}

export type { MeRow, MyBid, MyListing, MyOrder, MyWithdrawal } from "./own-views";

/** The seller's own listings, newest first (cached: lib/accounts/own-views.ts). */
export function myListings(ctx: Ctx, limit = OWN_ROWS) {
  return readOwn("listings", ctx, limit);
}

/** The buyer's own bids, newest first. */
export function myBids(ctx: Ctx, limit = OWN_ROWS) {
  return readOwn("bids", ctx, limit);
}

/** The user's trades as buyer and seller, newest first. */
export function myOrders(ctx: Ctx, limit = OWN_ROWS) {
  return readOwn("orders", ctx, limit);
}

export function myLedger(ctx: Ctx, limit = OWN_ROWS) {
  return readOwn("ledger", ctx, limit);
}

export function myWithdrawals(ctx: Ctx) {
  return readOwn("withdrawals", ctx, 50);
}

async function loadCoupons(db: ReadDb, userId: number) {
  const rows = await db
    .select({ id: userCoupons.id, usedAt: userCoupons.usedAt, usedOrderId: userCoupons.usedOrderId, coupon: coupons })
    .from(userCoupons)
    .innerJoin(coupons, eq(coupons.id, userCoupons.couponId))
    .where(eq(userCoupons.userId, userId))
    .orderBy(desc(userCoupons.id));
  const now = Date.now();
  return rows.map((r) => ({
    userCouponId: r.id,
    couponId: r.coupon.id,
    name: r.coupon.name,
    code: r.coupon.code,
    kind: r.coupon.kind,
    value: r.coupon.value,
    minPrice: r.coupon.minPrice,
    maxDiscount: r.coupon.maxDiscount,
    description: describeCoupon(r.coupon),
    validUntil: r.coupon.validUntil,
    usedAt: r.usedAt,
    usable: !r.usedOrderId && r.coupon.active && r.coupon.validUntil.getTime() > now,
  }));
}

export async function myCoupons(ctx: Ctx) {
  return fresh(ctx, (db) => loadCoupons(db, ctx.userId));
}

export async function myLikes(ctx: Ctx) {
  return fresh(ctx, async (db) => {
    const rows = await db
      .select(productInfoColumns)
      .from(likes)
      .innerJoin(products, eq(products.id, likes.productId))
      .innerJoin(brands, eq(brands.id, products.brandId))
      .where(eq(likes.userId, ctx.userId))
      .orderBy(desc(likes.createdAt));
    return rows as ProductInfo[];
  });
}

/**
 * What the product page shows only to the person looking (GET /api/products/[id]/viewer): their account,
 * coupons, whether they like the product, and their open bids and listings on it — one snapshot, one
 * connection, instead of a read per part.
 */
export async function productViewer(ctx: Ctx, productId: number) {
  return fresh(ctx, async (db) => {
    const [me, couponRows, liked, bidRows, listingRows] = await Promise.all([
      loadMe(db, ctx.userId),
      loadCoupons(db, ctx.userId),
      db.select({ productId: likes.productId }).from(likes).where(and(eq(likes.userId, ctx.userId), eq(likes.productId, productId))),
      db
        .select({ id: bids.id })
        .from(bids)
        .where(and(eq(bids.buyerId, ctx.userId), eq(bids.productId, productId), eq(bids.status, "active"))),
      db
        .select({ id: listings.id })
        .from(listings)
        .where(and(eq(listings.sellerId, ctx.userId), eq(listings.productId, productId), eq(listings.status, "on_sale"))),
    ]);
    return {
      me,
      coupons: couponRows,
      liked: liked.length > 0,
      myBidIds: bidRows.map((r) => r.id),
      myListingIds: listingRows.map((r) => r.id),
    };
  });
}

/** The sign-in providers connected to the user's account (e.g. ["kakao"]). */
export async function myIdentities(ctx: Ctx): Promise<string[]> {
  return fresh(ctx, async (db) => (await db.select({ provider: userIdentities.provider }).from(userIdentities).where(eq(userIdentities.userId, ctx.userId))).map((r) => r.provider));
}
