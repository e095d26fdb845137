import "server-only";
import { and, asc, eq, lte, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db/primary";
import { bids, listings } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { moveBalance } from "@/lib/points/ledger";
import { command, idempotentCommand, type Actor, type Idempotency } from "@/lib/write/command";
import { lockBook, selfCross } from "./book";
import { priceChanged } from "./buy";
import { ownPatch, ownRow } from "@/lib/accounts/own-changes";
import { askRemoved, bidAdded, bidRemoved, tradeMade } from "../changes";
import type { BidItem } from "../read-model";
import { DEFAULT_DEADLINE_DAYS, daysFromNow } from "../rules";
import type { FillBidInput, PlaceBidInput } from "../schemas";
import { categoryOf, checkDeadline, checkExpiry, checkPrice, insertOrder, loadProduct, lockActor, lockUser, payFromHold, registerGifticon } from "./trade";

// Buy bids: a buyer names a price and a deadline, and the points are held until the bid is filled,
// cancelled or expires. A bid at or above the lowest ask trades at once, at the ask's price.
// Sell now: a seller fills the highest bid (or a chosen one) with a gifticon.

export type BidResult = { id: number; status: "active" | "filled"; price: number; orderId?: number };

export async function placeBid(actor: Actor, input: PlaceBidInput, idem?: Idempotency) {
  const deadline = input.deadline ?? daysFromNow(DEFAULT_DEADLINE_DAYS);
  if (input.deadline) checkDeadline(input.deadline);
  return idempotentCommand(actor, idem, async (tx, emit): Promise<BidResult> => {
    await lockBook(tx, input.productId);
    await lockActor(tx, actor);
    const product = await loadProduct(tx, input.productId);
    checkPrice(input.price, product);
    const createdAt = new Date();

    // Crossing: the cheapest live ask from someone else at or below the bid. An ask another buyer is
    // taking right now is waited for (not skipped): if their purchase fails, this bid takes it.
    const [ask] = await tx
      .select({ id: listings.id, sellerId: listings.sellerId, price: listings.price })
      .from(listings)
      .where(
        and(
          eq(listings.productId, product.id),
          eq(listings.status, "on_sale"),
          sql`${listings.deadline} > NOW(3)`,
          lte(listings.price, input.price),
          ne(listings.sellerId, actor.id),
        ),
      )
      .orderBy(asc(listings.price), asc(listings.id))
      .limit(1)
      .for("update");

    if (ask) {
      const [{ id }] = await tx
        .insert(bids)
        .values({ productId: product.id, buyerId: actor.id, price: input.price, deadline, status: "filled", createdAt })
        .$returningId();
      await tx.update(listings).set({ status: "sold" }).where(eq(listings.id, ask.id));
      const order = await insertOrder(tx, { listingId: ask.id, bidId: id, productId: product.id, buyerId: actor.id, sellerId: ask.sellerId, price: ask.price }, product);
      await moveBalance(tx, actor.id, "purchase", { points: -ask.price }, { type: "order", id: order.id }, "구매 입찰 즉시 체결");
      emit([
        ...askRemoved({ id: ask.id, productId: product.id, sellerId: ask.sellerId }, product.category),
        ...tradeMade(product.id, { orderId: order.id, price: ask.price, at: order.createdAt.toISOString() }, product.category),
      ]);
      return { id, status: "filled", price: ask.price, orderId: order.id };
    }

    // Nothing to trade with: the bid rests, unless it would rest at or above the buyer's own ask.
    const [own] = await tx
      .select({ id: listings.id })
      .from(listings)
      .where(and(eq(listings.productId, product.id), eq(listings.sellerId, actor.id), eq(listings.status, "on_sale"), sql`${listings.deadline} > NOW(3)`, lte(listings.price, input.price)))
      .limit(1);
    if (own) throw selfCross("bid");
    const [{ id }] = await tx.insert(bids).values({ productId: product.id, buyerId: actor.id, price: input.price, deadline, createdAt }).$returningId();
    await moveBalance(tx, actor.id, "hold", { points: -input.price, held: input.price }, { type: "bid", id }, "구매 입찰 보류");
    const item: BidItem = { id, productId: product.id, price: input.price, deadline: deadline.toISOString(), createdAt: createdAt.toISOString() };
    emit([...bidAdded(item, product.category), ownRow(actor.id, "bids", { id, price: input.price, status: "active", deadline, createdAt, orderId: null, product })]);
    return { id, status: "active", price: input.price };
  });
}

async function lockBid(tx: Tx, bidId: number) {
  const [b] = await tx.select().from(bids).where(eq(bids.id, bidId)).for("update");
  if (!b) throw new AppError("not_found", "bid_not_found", "구매 입찰을 찾을 수 없습니다.");
  return b;
}

const bidClosed = (status: string) =>
  new AppError(
    "conflict",
    status === "filled" ? "bid_filled" : "bid_closed",
    status === "filled" ? "이미 체결된 구매 입찰입니다." : status === "cancelled" ? "이미 취소된 구매 입찰입니다." : "마감된 구매 입찰입니다.",
  );

export async function cancelBid(actor: Actor, bidId: number) {
  return command(async (tx, emit) => {
    await lockUser(tx, actor.id);
    const b = await lockBid(tx, bidId);
    if (b.buyerId !== actor.id) throw new AppError("forbidden", "not_your_bid", "본인의 구매 입찰만 취소할 수 있습니다.");
    if (b.status !== "active") throw bidClosed(b.status);
    await tx.update(bids).set({ status: "cancelled" }).where(eq(bids.id, b.id));
    await moveBalance(tx, actor.id, "release", { points: b.price, held: -b.price }, { type: "bid", id: b.id }, "구매 입찰 취소");
    emit([...bidRemoved(b, await categoryOf(tx, b.productId)), ownPatch(actor.id, "bids", b.id, { status: "cancelled" })]);
    return { id: b.id, status: "cancelled" as const };
  });
}

/** Sell now: the seller fills a live bid with a gifticon; the order is made at the bid's price. */
export async function fillBid(actor: Actor, bidId: number, input: FillBidInput, idem?: Idempotency) {
  checkExpiry(input.expiresAt);
  return idempotentCommand(actor, idem, async (tx, emit) => {
    await lockActor(tx, actor);
    const b = await lockBid(tx, bidId);
    if (b.buyerId === actor.id) throw new AppError("forbidden", "own_bid", "본인의 구매 입찰에는 판매할 수 없습니다.");
    if (b.status !== "active" || b.deadline.getTime() <= Date.now()) throw bidClosed(b.status);
    if (b.price !== input.expectedPrice) throw priceChanged(b.price);
    const product = await loadProduct(tx, b.productId);
    const gifticonId = await registerGifticon(tx, actor.id, product.id, input);
    const now = new Date();
    const [{ id: listingId }] = await tx
      .insert(listings)
      .values({ productId: product.id, sellerId: actor.id, gifticonId, price: b.price, deadline: now, status: "sold", createdAt: now })
      .$returningId();
    await tx.update(bids).set({ status: "filled" }).where(eq(bids.id, b.id));
    await lockUser(tx, b.buyerId);
    const order = await insertOrder(tx, { listingId, bidId: b.id, productId: product.id, buyerId: b.buyerId, sellerId: actor.id, price: b.price }, product);
    await payFromHold(tx, b.buyerId, b.price, order.id);
    emit([...bidRemoved(b, product.category), ...tradeMade(product.id, { orderId: order.id, price: b.price, at: order.createdAt.toISOString() }, product.category)]);
    return { orderId: order.id, price: b.price };
  });
}
