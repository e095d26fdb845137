import "server-only";
import { and, type AnyColumn, count, desc, eq, like, lt, or, type SQL, sql } from "drizzle-orm";
import { adminAudit, brands, coupons, disputePhotos, gifticons, listings, orders, products, userCoupons, users, withdrawals } from "@/db/schema";
import { ACCOUNT_SEAL_PURPOSE } from "@/lib/points/account";
import { unseal } from "@/lib/security/secret-box";
import { productInfoColumns } from "@/lib/catalog/columns";
import { describeCoupon } from "@/lib/coupons/pricing";
import type { ProductInfo } from "@/lib/market/read-model";
import type { ReadDb } from "@/db/readers";
import { readFresh } from "@/lib/read/router";

// What the admin pages list. Read fresh (the admin's own last write included), never cached.
type Ctx = { minSeq: number };
const fresh = <T>(ctx: Ctx, fn: (db: ReadDb) => Promise<T>) => readFresh(ctx.minSeq, fn);

export function disputedOrders(ctx: Ctx) {
  return fresh(ctx, async (db) => {
    const buyer = db.select({ id: users.id, nickname: users.nickname, email: users.email }).from(users).as("buyer");
    const rows = await db
      .select({
        id: orders.id,
        price: orders.price,
        paid: orders.paid,
        status: orders.status,
        disputeReason: orders.disputeReason,
        disputeCategory: orders.disputeCategory,
        disputeResponse: orders.disputeResponse,
        disputeRespondedAt: orders.disputeRespondedAt,
        hasPhoto: sql<number>`${disputePhotos.orderId} IS NOT NULL`,
        discount: orders.discount,
        confirmDueAt: orders.confirmDueAt,
        listingId: orders.listingId,
        codeLast4: gifticons.codeLast4,
        expiresAt: gifticons.expiresAt,
        createdAt: orders.createdAt,
        buyerNickname: buyer.nickname,
        buyerEmail: buyer.email,
        sellerNickname: users.nickname,
        product: productInfoColumns,
      })
      .from(orders)
      .innerJoin(users, eq(users.id, orders.sellerId))
      .innerJoin(buyer, eq(buyer.id, orders.buyerId))
      .innerJoin(products, eq(products.id, orders.productId))
      .innerJoin(brands, eq(brands.id, products.brandId))
      .innerJoin(listings, eq(listings.id, orders.listingId))
      .innerJoin(gifticons, eq(gifticons.id, listings.gifticonId))
      .leftJoin(disputePhotos, eq(disputePhotos.orderId, orders.id))
      .where(eq(orders.status, "disputed"))
      .orderBy(desc(orders.id));
    return rows.map((r) => ({ ...r, hasPhoto: Boolean(Number(r.hasPhoto)), product: r.product as ProductInfo }));
  });
}

export const ADMIN_PAGE_SIZE = 30;
const likeOf = (q: string) => `%${q.replace(/[\\%_]/g, "\\$&")}%`;
const numberOf = (q: string) => (/^#?\d{1,15}$/.test(q) ? Number(q.replace("#", "")) : null);

/** What an admin's search box matches: the row's #id, or any of the text columns containing the words. */
function matching(q: string | undefined, id: AnyColumn, texts: Parameters<typeof like>[0][]): SQL | undefined {
  if (!q) return undefined;
  const n = numberOf(q);
  return or(n !== null ? eq(id, n) : undefined, ...texts.map((c) => like(c, likeOf(q))));
}

// One page of a newest-first list and the number of rows matched, in one query (a window count).
const withTotal = { total: sql<number>`COUNT(*) OVER ()`.mapWith(Number) };
const pageRange = (page: number) => ({ limit: ADMIN_PAGE_SIZE, offset: (page - 1) * ADMIN_PAGE_SIZE });
function paged<R extends { total: number }>(rows: R[]): { rows: Omit<R, "total">[]; total: number } {
  return { rows: rows.map(({ total: _total, ...r }) => r), total: rows[0]?.total ?? 0 };
}

/** Members, newest first, by email or nickname (or #id), one page at a time with the total. */
export function listUsers(ctx: Ctx, q?: string, page = 1) {
  return fresh(ctx, async (db) => {
    const { limit, offset } = pageRange(page);
    const rows = await db
      .select({ id: users.id, email: users.email, nickname: users.nickname, role: users.role, status: users.status, points: users.points, heldPoints: users.heldPoints, createdAt: users.createdAt, ...withTotal })
      .from(users)
      .where(matching(q, users.id, [users.email, users.nickname]))
      .orderBy(desc(users.id))
      .limit(limit)
      .offset(offset);
    return paged(rows);
  });
}

/** Orders, newest first, by #id, buyer's or seller's email/nickname, or product name; paged. */
export function listOrders(ctx: Ctx, q?: string, page = 1) {
  return fresh(ctx, async (db) => {
    const buyer = db.select({ id: users.id, nickname: users.nickname, email: users.email }).from(users).as("buyer");
    const { limit, offset } = pageRange(page);
    const rows = await db
      .select({
        id: orders.id,
        status: orders.status,
        price: orders.price,
        paid: orders.paid,
        createdAt: orders.createdAt,
        buyerEmail: buyer.email,
        buyerNickname: buyer.nickname,
        sellerEmail: users.email,
        sellerNickname: users.nickname,
        product: productInfoColumns,
        ...withTotal,
      })
      .from(orders)
      .innerJoin(users, eq(users.id, orders.sellerId))
      .innerJoin(buyer, eq(buyer.id, orders.buyerId))
      .innerJoin(products, eq(products.id, orders.productId))
      .innerJoin(brands, eq(brands.id, products.brandId))
      .where(matching(q, orders.id, [buyer.email, buyer.nickname, users.email, users.nickname, products.name, brands.name]))
      .orderBy(desc(orders.id))
      .limit(limit)
      .offset(offset);
    const p = paged(rows);
    return { rows: p.rows.map((r) => ({ ...r, product: r.product as ProductInfo })), total: p.total };
  });
}

/** Listings on sale, newest first, by #id, seller's email/nickname or product name; paged (to take one down). */
export function listLiveListings(ctx: Ctx, q?: string, page = 1) {
  return fresh(ctx, async (db) => {
    const { limit, offset } = pageRange(page);
    const rows = await db
      .select({ id: listings.id, price: listings.price, deadline: listings.deadline, createdAt: listings.createdAt, sellerEmail: users.email, sellerNickname: users.nickname, product: productInfoColumns, ...withTotal })
      .from(listings)
      .innerJoin(users, eq(users.id, listings.sellerId))
      .innerJoin(products, eq(products.id, listings.productId))
      .innerJoin(brands, eq(brands.id, products.brandId))
      .where(and(eq(listings.status, "on_sale"), matching(q, listings.id, [users.email, users.nickname, products.name, brands.name])))
      .orderBy(desc(listings.id))
      .limit(limit)
      .offset(offset);
    const p = paged(rows);
    return { rows: p.rows.map((r) => ({ ...r, product: r.product as ProductInfo })), total: p.total };
  });
}

/**
 * The payout screen: requests waiting to be paid, with the full account number (decrypted here, for this
 * screen only; everywhere else shows the masked one).
 */
export async function pendingWithdrawals(ctx: Ctx) {
  const rows = await fresh(ctx, (db) =>
    db
      .select({
        id: withdrawals.id,
        userId: withdrawals.userId,
        amount: withdrawals.amount,
        bankName: withdrawals.bankName,
        accountMasked: withdrawals.accountMasked,
        accountCipher: withdrawals.accountCipher,
        createdAt: withdrawals.createdAt,
        nickname: users.nickname,
        email: users.email,
        userStatus: users.status,
      })
      .from(withdrawals)
      .innerJoin(users, eq(users.id, withdrawals.userId))
      .where(eq(withdrawals.status, "requested"))
      .orderBy(withdrawals.id),
  );
  return rows.map(({ accountCipher, ...w }) => ({ ...w, accountNumber: openAccount(accountCipher) }));
}

const openAccount = (blob: Buffer | null) => {
  if (!blob?.length) return null; // a request made before accounts were stored in full
  try {
    return unseal(Buffer.from(blob), ACCOUNT_SEAL_PURPOSE);
  } catch {
    return null;
  }
};

/** The audit log, newest first, a page at a time (cursor = the last id seen). */
export async function auditLog(ctx: Ctx, q: { cursor?: number; limit: number }) {
  const rows = await fresh(ctx, (db) =>
    db
      .select({
        id: adminAudit.id,
        adminId: adminAudit.adminId,
        adminNickname: users.nickname,
        action: adminAudit.action,
        targetType: adminAudit.targetType,
        targetId: adminAudit.targetId,
        reason: adminAudit.reason,
        detail: adminAudit.detail,
        at: adminAudit.createdAt,
      })
      .from(adminAudit)
      .innerJoin(users, eq(users.id, adminAudit.adminId))
      .where(q.cursor ? lt(adminAudit.id, q.cursor) : undefined)
      .orderBy(desc(adminAudit.id))
      .limit(q.limit + 1),
  );
  const page = rows.slice(0, q.limit);
  return {
    items: page.map((r) => ({
      id: r.id,
      admin: { id: r.adminId, nickname: r.adminNickname },
      action: r.action,
      target: { type: r.targetType, id: r.targetId },
      reason: r.reason,
      detail: r.detail ? (JSON.parse(r.detail) as unknown) : null,
      at: r.at,
    })),
    nextCursor: rows.length > q.limit ? String(page.at(-1)!.id) : null,
  };
}

export function listCoupons(ctx: Ctx) {
  return fresh(ctx, async (db) => {
    const issued = db.select({ couponId: userCoupons.couponId, n: count().as("n"), used: sql<number>`SUM(${userCoupons.usedOrderId} IS NOT NULL)`.as("used") }).from(userCoupons).groupBy(userCoupons.couponId).as("i");
    const rows = await db.select({ c: coupons, issued: issued.n, used: issued.used }).from(coupons).leftJoin(issued, eq(issued.couponId, coupons.id)).orderBy(desc(coupons.id));
    return rows.map((r) => ({ ...r.c, description: describeCoupon(r.c), issued: Number(r.issued ?? 0), used: Number(r.used ?? 0) }));
  });
}

export function listProductsForAdmin(ctx: Ctx) {
  return fresh(ctx, (db) =>
    db
      .select({ ...productInfoColumns, active: products.active })
      .from(products)
      .innerJoin(brands, eq(brands.id, products.brandId))
      .orderBy(brands.category, brands.id, products.id),
  );
}

export function listBrandsForAdmin(ctx: Ctx) {
  return fresh(ctx, (db) => db.select().from(brands).orderBy(brands.category, brands.id));
}

export function adminCounts(ctx: Ctx) {
  return fresh(ctx, async (db) => {
    const [[d], [w], [u]] = await Promise.all([
      db.select({ n: count() }).from(orders).where(eq(orders.status, "disputed")),
      db.select({ n: count() }).from(withdrawals).where(eq(withdrawals.status, "requested")),
      db.select({ n: count() }).from(users).where(and(eq(users.status, "active"))),
    ]);
    return { disputes: Number(d.n), withdrawals: Number(w.n), users: Number(u.n) };
  });
}
