import "server-only";
import { and, eq, inArray } from "drizzle-orm";
import { isDuplicate } from "@/db/errors";
import type { Tx } from "@/db/primary";
import { brands, gifticonImages, gifticons, orders, products, users, type Category } from "@/db/schema";
import { productInfoColumns } from "@/lib/catalog/columns";
import { config } from "@/lib/config";
import { AppError, fieldError } from "@/lib/errors";
import { codeHmac, encryptCode, last4 } from "@/lib/gifticons/code-crypto";
import { moveBalance } from "@/lib/points/ledger";
import { notify } from "@/lib/notifications/commands";
import type { Actor } from "@/lib/write/command";
import type { ProductInfo } from "../read-model";
import { MAX_DEADLINE_DAYS, MIN_DEADLINE_MINUTES, MIN_PRICE, minimumExpiry, MIN_VALID_DAYS, defaultListingDeadline } from "../rules";

// Pieces shared by the market's commands. All of them run inside the caller's transaction on the primary.

const won = (n: number) => `₩${n.toLocaleString("ko-KR")}`;

/** The acting user, locked for the rest of the transaction, refused if suspended. */
export async function lockActor(tx: Tx, actor: Actor) {
  const [u] = await tx
    .select({ id: users.id, status: users.status, nickname: users.nickname, points: users.points, heldPoints: users.heldPoints })
    .from(users)
    .where(eq(users.id, actor.id))
    .for("update");
  if (!u) throw new AppError("unauthenticated", "sign_in_required", "로그인이 필요합니다.");
  if (u.status !== "active") throw new AppError("forbidden", "account_suspended", "이용이 정지된 계정입니다.");
  return u;
}

/**
 * Takes the row lock of a counterparty before the order that references it is inserted: the order's
 * foreign key would otherwise take a shared lock first, and two such transactions upgrading their shared
 * locks on the same user deadlock.
 */
export async function lockUser(tx: Tx, userId: number) {
  await tx.select({ id: users.id }).from(users).where(eq(users.id, userId)).for("update");
}

export async function loadProduct(tx: Tx, productId: number): Promise<ProductInfo> {
  const [p] = await tx
    .select(productInfoColumns)
    .from(products)
    .innerJoin(brands, eq(brands.id, products.brandId))
    .where(and(eq(products.id, productId), eq(products.active, true)));
  if (!p) throw fieldError("productId", "판매 중인 상품이 아닙니다.", "product_not_found");
  return p;
}

/**
 * A product's category, for the pages a change re-renders (lib/market/changes.ts). A plain read, no lock: a
 * category changes only through the admin's catalog commands, which re-render every page anyway.
 */
export async function categoryOf(tx: Tx, productId: number): Promise<Category> {
  return (await categoriesByProduct(tx, [productId])).get(productId)!;
}

/** The categories of several products, in one read (as categoryOf). */
export async function categoriesByProduct(tx: Tx, productIds: number[]): Promise<Map<number, Category>> {
  if (!productIds.length) return new Map();
  const rows = await tx.select({ id: products.id, category: products.category }).from(products).where(inArray(products.id, [...new Set(productIds)]));
  return new Map(rows.map((r) => [r.id, r.category]));
}

/** A product as lists show it, active or not (a listing made before it was withdrawn can still sell). */
export async function productInfoOf(tx: Tx, productId: number): Promise<ProductInfo> {
  const [p] = await tx.select(productInfoColumns).from(products).innerJoin(brands, eq(brands.id, products.brandId)).where(eq(products.id, productId));
  return p;
}

export function checkPrice(price: number, product: ProductInfo, field = "price") {
  // The schemas check this at the edge too; a command must not rely on its caller having done so.
  if (!Number.isSafeInteger(price) || price < MIN_PRICE)
    throw fieldError(field, `가격은 ${MIN_PRICE.toLocaleString("ko-KR")}원 이상의 원 단위 정수여야 합니다.`, "invalid_price");
  if (price > product.faceValue) throw fieldError(field, `가격은 정가(${won(product.faceValue)}) 이하로 정해 주세요.`, "price_above_face_value");
}

export function checkExpiry(expiresAt: Date, now = Date.now()) {
  if (expiresAt.getTime() <= now) throw fieldError("expiresAt", "유효기간이 지난 기프티콘은 팔 수 없습니다.", "gifticon_expired");
  if (expiresAt < minimumExpiry(now))
    throw fieldError("expiresAt", `유효기간이 ${MIN_VALID_DAYS}일 이상 남은 기프티콘만 팔 수 있습니다.`, "gifticon_expiring");
}

/** A listing's deadline: the one asked for, or 7 days; never past the gifticon's expiry. */
export function listingDeadline(requested: Date | undefined, expiresAt: Date, now = Date.now()): Date {
  if (!requested) return defaultListingDeadline(expiresAt, now);
  checkDeadline(requested, now);
  if (requested > expiresAt) throw fieldError("deadline", "판매 마감은 기프티콘 유효기간보다 늦을 수 없습니다.", "deadline_after_expiry");
  return requested;
}

export function checkDeadline(deadline: Date, now = Date.now()) {
  if (deadline.getTime() < now + MIN_DEADLINE_MINUTES * 60_000)
    throw fieldError("deadline", `마감은 지금부터 ${MIN_DEADLINE_MINUTES}분 이후로 정해 주세요.`, "deadline_too_soon");
  if (deadline.getTime() > now + MAX_DEADLINE_DAYS * 86_400_000)
    throw fieldError("deadline", `마감은 ${MAX_DEADLINE_DAYS}일 이내로 정해 주세요.`, "deadline_too_far");
}

/**
 * Stores a seller's voucher: the code encrypted, its HMAC, the last four characters, and code_lock (the
 * HMAC again) whose unique index refuses a code that is already on the market or was sold.
 */
export async function registerGifticon(
  tx: Tx,
  ownerId: number,
  productId: number,
  g: { code: string; expiresAt: Date; image?: { mime: string; data: Buffer } },
): Promise<number> {
  const hmac = codeHmac(g.code);
  let id: number;
  try {
    [{ id }] = await tx
      .insert(gifticons)
      .values({
        ownerId,
        productId,
        codeCipher: encryptCode(g.code),
        codeHmac: hmac,
        codeLock: hmac,
        codeLast4: last4(g.code),
        expiresAt: g.expiresAt,
        hasImage: !!g.image,
      })
      .$returningId();
  } catch (e) {
    if (isDuplicate(e, "gifticons_code_lock_uq"))
      throw new AppError("conflict", "code_already_listed", "이미 거래소에 등록되었거나 판매된 코드입니다.", {
        fields: { code: ["이미 거래소에 등록되었거나 판매된 코드입니다."] },
      });
    throw e;
  }
  if (g.image) await tx.insert(gifticonImages).values({ gifticonId: id, mime: g.image.mime, data: g.image.data });
  return id;
}

/** The code goes back to its owner (listing cancelled or expired): it may be listed again later. */
export async function releaseCode(tx: Tx, gifticonId: number) {
  await releaseCodes(tx, [gifticonId]);
}

/** The same for several codes at once, in one statement. */
export async function releaseCodes(tx: Tx, gifticonIds: number[]) {
  if (gifticonIds.length) await tx.update(gifticons).set({ codeLock: null }).where(inArray(gifticons.id, gifticonIds));
}

/** What the trade's notifications name: the product, as the command has already read it. */
type Named = Pick<ProductInfo, "brandName" | "name">;

export async function insertOrder(
  tx: Tx,
  o: { listingId: number; bidId?: number; productId: number; buyerId: number; sellerId: number; price: number; discount?: number; userCouponId?: number },
  product: Named,
) {
  const createdAt = new Date();
  // From the app's clock, like createdAt, so the command knows the row it wrote (its own-list deltas).
  const confirmDueAt = new Date(createdAt.getTime() + Math.round(config().ORDER_CONFIRM_HOURS * 3600) * 1000);
  const discount = o.discount ?? 0;
  try {
    const [{ id }] = await tx
      .insert(orders)
      .values({ ...o, discount, paid: o.price - discount, confirmDueAt, createdAt })
      .$returningId();
    await notifyTrade(tx, { ...o, id }, product);
    return { id, createdAt, confirmDueAt, discount, paid: o.price - discount };
  } catch (e) {
    // The unique keys are the last line of defence of "sold at most once" (domain invariant 1).
    if (isDuplicate(e, "orders_listing_uq")) throw new AppError("conflict", "listing_sold", "이미 판매된 기프티콘입니다.");
    if (isDuplicate(e, "orders_bid_uq")) throw new AppError("conflict", "bid_filled", "이미 체결된 구매 입찰입니다.");
    throw e;
  }
}

/** The seller hears of the sale; a buyer whose resting bid was filled hears of it too. */
async function notifyTrade(tx: Tx, o: { id: number; bidId?: number; productId: number; buyerId: number; sellerId: number; price: number }, p: Named) {
  const what = `${p.brandName} ${p.name}`;
  await notify(tx, o.sellerId, {
    kind: "sold",
    title: `${what} 판매 완료 (${won(o.price)})`,
    body: "구매자가 확정하면 판매 대금이 포인트로 지급됩니다.",
    href: `/orders/${o.id}`,
  });
  if (o.bidId)
    await notify(tx, o.buyerId, { kind: "bid_filled", title: `${what} 구매 입찰 체결 (${won(o.price)})`, body: "코드를 확인하고, 사용해 본 뒤 구매 확정을 눌러 주세요.", href: `/orders/${o.id}` });
}

/** A resting bid is filled: its held points pay for the order. */
export async function payFromHold(tx: Tx, buyerId: number, price: number, orderId: number) {
  await moveBalance(tx, buyerId, "purchase", { held: -price }, { type: "order", id: orderId }, "구매 입찰 체결");
}
