import "server-only";
import { eq } from "drizzle-orm";
import { brands, disputePhotos, gifticonImages, gifticons, listings, orders, products, users } from "@/db/schema";
import type { MyOrder } from "@/lib/accounts/queries";
import { productInfoColumns } from "@/lib/catalog/columns";
import { AppError } from "@/lib/errors";
import { decryptCode } from "@/lib/gifticons/code-crypto";
import type { ProductInfo } from "@/lib/market/read-model";
import { readAt } from "@/lib/read/router";

// An order as its buyer or seller sees it, with the gifticon's code. Who may see a code is decided on the
// primary (domain invariant 6), and everyone else gets the same 404 as for an order that does not exist:
// not even the existence of someone else's order is revealed.

export type OrderDetail = MyOrder & {
  disputeReason: string | null;
  dispute: { category: string | null; response: string | null; respondedAt: Date | null; adminNote: string | null; hasPhoto: boolean };
  /** When the buyer marked the code as used (their own note; null when not marked). */
  usedAt: Date | null;
  sellerNickname: string;
  /** null for a buyer whose order was refunded: their access to the code ended with the refund. */
  gifticon: { code: string | null; last4: string; expiresAt: Date; hasImage: boolean };
};

const notFound = () => new AppError("not_found", "order_not_found", "주문을 찾을 수 없습니다.");

export async function getOrderForUser(userId: number, orderId: number): Promise<OrderDetail> {
  const { value: row } = await readAt({ mode: "primary" }, async (db) => {
    const [r] = await db
      .select({
        id: orders.id,
        buyerId: orders.buyerId,
        sellerId: orders.sellerId,
        status: orders.status,
        price: orders.price,
        discount: orders.discount,
        paid: orders.paid,
        createdAt: orders.createdAt,
        confirmDueAt: orders.confirmDueAt,
        completedAt: orders.completedAt,
        disputeReason: orders.disputeReason,
        usedAt: orders.usedAt,
        disputeCategory: orders.disputeCategory,
        disputeResponse: orders.disputeResponse,
        disputeRespondedAt: orders.disputeRespondedAt,
        adminNote: orders.adminNote,
        disputePhoto: disputePhotos.orderId,
        sellerNickname: users.nickname,
        product: productInfoColumns,
        codeCipher: gifticons.codeCipher,
        last4: gifticons.codeLast4,
        expiresAt: gifticons.expiresAt,
        hasImage: gifticons.hasImage,
      })
      .from(orders)
      .innerJoin(users, eq(users.id, orders.sellerId))
      .innerJoin(products, eq(products.id, orders.productId))
      .innerJoin(brands, eq(brands.id, products.brandId))
      .innerJoin(listings, eq(listings.id, orders.listingId))
      .innerJoin(gifticons, eq(gifticons.id, listings.gifticonId))
      .leftJoin(disputePhotos, eq(disputePhotos.orderId, orders.id))
      .where(eq(orders.id, orderId));
    return r ?? null;
  });
  if (!row || (row.buyerId !== userId && row.sellerId !== userId)) throw notFound();
  const { codeCipher, last4, expiresAt, hasImage, buyerId, sellerId: _s, disputeCategory, disputeResponse, disputeRespondedAt, adminNote, disputePhoto, ...rest } = row;
  const role = buyerId === userId ? "buyer" : "seller";
  const withdrawn = role === "buyer" && rest.status === "refunded";
  return {
    ...rest,
    product: rest.product as ProductInfo,
    role,
    dispute: { category: disputeCategory, response: disputeResponse, respondedAt: disputeRespondedAt, adminNote, hasPhoto: disputePhoto !== null },
    gifticon: withdrawn
      ? { code: null, last4, expiresAt, hasImage: false }
      : { code: decryptCode(Buffer.from(codeCipher)), last4, expiresAt, hasImage },
  };
}

/** The voucher's photo, for the order's buyer and seller only. */
export async function getOrderImage(userId: number, orderId: number): Promise<{ mime: string; data: Buffer }> {
  const { value } = await readAt({ mode: "primary" }, async (db) => {
    const [r] = await db
      .select({ buyerId: orders.buyerId, sellerId: orders.sellerId, status: orders.status, mime: gifticonImages.mime, data: gifticonImages.data })
      .from(orders)
      .innerJoin(listings, eq(listings.id, orders.listingId))
      .innerJoin(gifticonImages, eq(gifticonImages.gifticonId, listings.gifticonId))
      .where(eq(orders.id, orderId));
    return r ?? null;
  });
  if (!value || (value.buyerId !== userId && value.sellerId !== userId)) throw notFound();
  if (value.buyerId === userId && value.status === "refunded") throw notFound();
  return { mime: value.mime, data: Buffer.from(value.data) };
}

/** A dispute's evidence photo: for the order's buyer and seller, and for admins (checked on the primary). */
export async function getDisputePhoto(userId: number, orderId: number): Promise<{ mime: string; data: Buffer }> {
  const { value } = await readAt({ mode: "primary" }, async (db) => {
    const [r] = await db
      .select({ buyerId: orders.buyerId, sellerId: orders.sellerId, mime: disputePhotos.mime, data: disputePhotos.data })
      .from(disputePhotos)
      .innerJoin(orders, eq(orders.id, disputePhotos.orderId))
      .where(eq(disputePhotos.orderId, orderId));
    const [who] = await db.select({ role: users.role, status: users.status }).from(users).where(eq(users.id, userId));
    return r ? { ...r, admin: who?.role === "admin" && who.status === "active" } : null;
  });
  if (!value || (value.buyerId !== userId && value.sellerId !== userId && !value.admin)) throw notFound();
  return { mime: value.mime, data: Buffer.from(value.data) };
}
