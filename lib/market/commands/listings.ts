import "server-only";
import { and, asc, desc, eq, gte, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db/primary";
import { bids, gifticons, listings } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { affected, command, idempotentCommand, type Actor, type Emit, type Idempotency } from "@/lib/write/command";
import { last4 } from "@/lib/gifticons/code-crypto";
import { ownPatch, ownRow } from "@/lib/accounts/own-changes";
import { askAdded, askRemoved, bidRemoved, tradeMade } from "../changes";
import type { AskItem, ProductInfo } from "../read-model";
import type { CreateListingInput, UpdateListingInput } from "../schemas";
import {
  checkExpiry,
  categoryOf,
  checkPrice,
  insertOrder,
  listingDeadline,
  loadProduct,
  lockActor,
  lockUser,
  payFromHold,
  registerGifticon,
  releaseCode,
} from "./trade";
import { lockBook, selfCross } from "./book";

// Sell bids ("posts"): list a gifticon at a price until a deadline, change it, or take it back.
// A new or cheaper ask that meets the highest bid trades at once, at the bid's price.

export type ListingResult = { id: number; status: "on_sale" | "sold"; price: number; orderId?: number };

export async function createListing(actor: Actor, input: CreateListingInput, idem?: Idempotency) {
  const now = Date.now();
  checkExpiry(input.expiresAt, now);
  const deadline = listingDeadline(input.deadline, input.expiresAt, now);
  return idempotentCommand(actor, idem, async (tx, emit): Promise<ListingResult> => {
    await lockBook(tx, input.productId);
    const seller = await lockActor(tx, actor);
    const product = await loadProduct(tx, input.productId);
    checkPrice(input.price, product);
    const gifticonId = await registerGifticon(tx, actor.id, product.id, input);
    const createdAt = new Date();
    const [{ id }] = await tx
      .insert(listings)
      .values({ productId: product.id, sellerId: actor.id, gifticonId, price: input.price, deadline, createdAt })
      .$returningId();
    const ask: AskItem = {
      id,
      productId: product.id,
      sellerId: actor.id,
      sellerNickname: seller.nickname,
      price: input.price,
      deadline: deadline.toISOString(),
      validUntil: input.expiresAt.toISOString(),
      createdAt: createdAt.toISOString(),
    };
    const crossed = await matchBid(tx, emit, ask, product);
    if (crossed) return crossed;
    emit(askAdded(ask, product));
    emit([
      ownRow(actor.id, "listings", {
        id,
        price: input.price,
        status: "on_sale",
        deadline,
        createdAt,
        codeLast4: last4(input.code),
        expiresAt: input.expiresAt,
        orderId: null,
        product,
      }),
    ]);
    return { id, status: "on_sale", price: input.price };
  });
}

/**
 * If a live bid from someone else is at or above the ask, the ask trades at once at that bid's price
 * (the resting order's price). A bid another transaction holds (a seller filling it, its buyer
 * cancelling) is waited for, not skipped: the caller holds the book lock, and whatever that transaction
 * decides, this ask then either trades or rests below every live bid. An ask that would rest at or below
 * the seller's own bid is refused (self_cross).
 */
async function matchBid(tx: Tx, emit: Emit, ask: AskItem, product: ProductInfo): Promise<ListingResult | null> {
  const { category } = product;
  const [bid] = await tx
    .select({ id: bids.id, buyerId: bids.buyerId, price: bids.price })
    .from(bids)
    .where(
      and(
        eq(bids.productId, ask.productId),
        eq(bids.status, "active"),
        sql`${bids.deadline} > NOW(3)`,
        gte(bids.price, ask.price),
        ne(bids.buyerId, ask.sellerId),
      ),
    )
    .orderBy(desc(bids.price), asc(bids.id))
    .limit(1)
    .for("update");
  if (!bid) {
    const [own] = await tx
      .select({ id: bids.id })
      .from(bids)
      .where(and(eq(bids.productId, ask.productId), eq(bids.buyerId, ask.sellerId), eq(bids.status, "active"), sql`${bids.deadline} > NOW(3)`, gte(bids.price, ask.price)))
      .limit(1);
    if (own) throw selfCross("ask");
    return null;
  }
  await tx.update(bids).set({ status: "filled" }).where(eq(bids.id, bid.id));
  await tx.update(listings).set({ status: "sold", price: bid.price }).where(eq(listings.id, ask.id));
  await lockUser(tx, bid.buyerId);
  const order = await insertOrder(tx, { listingId: ask.id, bidId: bid.id, productId: ask.productId, buyerId: bid.buyerId, sellerId: ask.sellerId, price: bid.price }, product);
  await payFromHold(tx, bid.buyerId, bid.price, order.id);
  emit([
    ...bidRemoved({ id: bid.id, productId: ask.productId }, category),
    ...askRemoved(ask, category), // in case an earlier version of this ask was published (a price change)
    ...tradeMade(ask.productId, { orderId: order.id, price: bid.price, at: order.createdAt.toISOString() }, category),
  ]);
  return { id: ask.id, status: "sold", price: bid.price, orderId: order.id };
}

/** The seller's own on-sale listing, locked; refuses everyone else's. */
async function lockOwnListing(tx: Tx, actor: Actor, listingId: number) {
  const [l] = await tx
    .select({
      id: listings.id,
      productId: listings.productId,
      sellerId: listings.sellerId,
      gifticonId: listings.gifticonId,
      price: listings.price,
      deadline: listings.deadline,
      status: listings.status,
      createdAt: listings.createdAt,
      expiresAt: gifticons.expiresAt,
    })
    .from(listings)
    .innerJoin(gifticons, eq(gifticons.id, listings.gifticonId))
    .where(eq(listings.id, listingId))
    .for("update");
  if (!l) throw new AppError("not_found", "listing_not_found", "판매 글을 찾을 수 없습니다.");
  if (l.sellerId !== actor.id) throw new AppError("forbidden", "not_your_listing", "본인이 등록한 판매 글만 바꾸거나 취소할 수 있습니다.");
  if (l.status !== "on_sale" || l.deadline.getTime() <= Date.now()) throw notOnSale(l.status);
  return l;
}

const notOnSale = (status: string) =>
  new AppError(
    "conflict",
    status === "sold" ? "listing_sold" : "listing_closed",
    status === "sold" ? "이미 판매된 기프티콘입니다." : status === "cancelled" ? "이미 취소된 판매 글입니다." : "판매 기간이 끝난 판매 글입니다.",
  );

export async function cancelListing(actor: Actor, listingId: number) {
  return command(async (tx, emit) => {
    const l = await lockOwnListing(tx, actor, listingId);
    await tx.update(listings).set({ status: "cancelled" }).where(and(eq(listings.id, l.id), eq(listings.status, "on_sale")));
    await releaseCode(tx, l.gifticonId);
    emit([...askRemoved(l, await categoryOf(tx, l.productId)), ownPatch(actor.id, "listings", l.id, { status: "cancelled" })]);
    return { id: l.id, status: "cancelled" as const };
  });
}

export async function updateListing(actor: Actor, listingId: number, input: UpdateListingInput) {
  return command(async (tx, emit): Promise<ListingResult> => {
    // The book lock first (a price change can cross the book), so the listing's product is read plainly.
    const [target] = await tx.select({ productId: listings.productId }).from(listings).where(eq(listings.id, listingId));
    if (target) await lockBook(tx, target.productId);
    const seller = await lockActor(tx, actor);
    const l = await lockOwnListing(tx, actor, listingId);
    const product: ProductInfo = await loadProduct(tx, l.productId);
    const price = input.price ?? l.price;
    checkPrice(price, product);
    const deadline = input.deadline ? listingDeadline(input.deadline, l.expiresAt) : l.deadline;
    const res = await tx.update(listings).set({ price, deadline }).where(and(eq(listings.id, l.id), eq(listings.status, "on_sale")));
    if (affected(res) !== 1) throw notOnSale("closed");
    const ask: AskItem = {
      id: l.id,
      productId: l.productId,
      sellerId: actor.id,
      sellerNickname: seller.nickname,
      price,
      deadline: deadline.toISOString(),
      validUntil: l.expiresAt.toISOString(),
      createdAt: l.createdAt.toISOString(),
    };
    const crossed = await matchBid(tx, emit, ask, product);
    if (crossed) return crossed;
    // Remove, then add the new version: every view (book order, best price, counts) is recomputed.
    emit([...askRemoved(ask, product.category), ...askAdded(ask, product), ownPatch(actor.id, "listings", l.id, { price, deadline })]);
    return { id: l.id, status: "on_sale", price };
  });
}
