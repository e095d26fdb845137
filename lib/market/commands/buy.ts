import "server-only";
import { randomUUID } from "node:crypto";
import { and, asc, eq, gt, lte, ne, sql } from "drizzle-orm";
import type { Tx } from "@/db/primary";
import { listings } from "@/db/schema";
import { guarded } from "@/lib/cache/breaker";
import { redis, script } from "@/lib/cache/redis";
import { takeCoupon } from "@/lib/coupons/commands";
import { AppError } from "@/lib/errors";
import { won } from "@/lib/format";
import { moveBalance } from "@/lib/points/ledger";
import { affected, idempotentCommand, type Actor, type Emit, type Idempotency } from "@/lib/write/command";
import { ownPatch, ownRow } from "@/lib/accounts/own-changes";
import { askRemoved, tradeMade } from "../changes";
import { insertOrder, lockActor, productInfoOf } from "./trade";

// Buy now. Many buyers may press "buy" on the same cheap voucher at the same instant; exactly one gets it.
//
// How the winner is decided is a strategy (measured side by side by `npm run bench:contention`; the
// defaults are the winners: "redis-prefilter" for a given listing, "skip-locked" for the cheapest ask):
// - "conditional": one `UPDATE … SET status='sold' WHERE id=? AND
//   status='on_sale'`; the row lock queues the racers, and after the winner commits the others' WHERE no
//   longer matches: affected rows = 0 → a clean 409. No read-then-write window, no deadlock.
// - "pessimistic": `SELECT … FOR UPDATE`, check, then update (the seed project's fix; correct, slower).
// - "skip-locked" (default for "the cheapest ask"): `SELECT … FOR UPDATE SKIP LOCKED` so concurrent buyers
//   of one product take different asks in parallel instead of queueing on the cheapest; for one given
//   listing it fails fast instead of queueing behind whoever holds it.
// - "redis-prefilter" (default for a given listing): a short Redis lock per listing lets one buyer at a time
//   reach the database (then "conditional" decides); the others get 409 at once without a transaction.
// In every strategy the order's unique listing_id is the last guard of "sold at most once".

export type BuyStrategy = "conditional" | "pessimistic" | "skip-locked" | "redis-prefilter";
export type OrderResult = { id: number; listingId: number; productId: number; price: number; discount: number; paid: number };

type Taken = { id: number; productId: number; sellerId: number; price: number };

const sold = () => new AppError("conflict", "listing_sold", "방금 다른 분이 구매했습니다. 다른 판매 글을 선택해 주세요.");

/** The price is not the one the buyer agreed to: nothing is bought, and they are told the current one. */
export const priceChanged = (currentPrice: number) =>
  new AppError("conflict", "price_changed", `가격이 ${won(currentPrice)}(으)로 바뀌었습니다. 바뀐 가격을 확인하고 다시 시도해 주세요.`, {
    details: { currentPrice },
  });

/** Why a listing could not be taken, as the error the buyer sees. */
async function explain(tx: Tx, actor: Actor, listingId: number): Promise<AppError> {
  const [l] = await tx.select({ sellerId: listings.sellerId, status: listings.status, deadline: listings.deadline }).from(listings).where(eq(listings.id, listingId));
  if (!l) return new AppError("not_found", "listing_not_found", "판매 글을 찾을 수 없습니다.");
  if (l.sellerId === actor.id) return new AppError("forbidden", "own_listing", "본인이 판매하는 기프티콘은 살 수 없습니다.");
  if (l.status === "sold") return sold();
  if (l.status === "cancelled") return new AppError("conflict", "listing_cancelled", "판매자가 취소한 판매 글입니다.");
  return new AppError("conflict", "listing_expired", "판매 기간이 끝난 판매 글입니다.");
}

const live = sql`${listings.status} = 'on_sale' AND ${listings.deadline} > NOW(3)`;
const takenColumns = { id: listings.id, productId: listings.productId, sellerId: listings.sellerId, price: listings.price };

async function takeListing(tx: Tx, actor: Actor, listingId: number, strategy: BuyStrategy): Promise<Taken> {
  if (strategy === "skip-locked") {
    // Whoever holds the row is buying it: fail fast instead of queueing behind them.
    const [l] = await tx
      .select({ ...takenColumns, status: listings.status, deadline: listings.deadline })
      .from(listings)
      .where(eq(listings.id, listingId))
      .for("update", { skipLocked: true });
    if (!l) {
      const [exists] = await tx.select({ id: listings.id }).from(listings).where(eq(listings.id, listingId));
      throw exists ? sold() : await explain(tx, actor, listingId);
    }
    if (l.status !== "on_sale" || l.deadline.getTime() <= Date.now() || l.sellerId === actor.id) throw await explain(tx, actor, listingId);
    await tx.update(listings).set({ status: "sold" }).where(eq(listings.id, listingId));
    return l;
  }
  if (strategy === "pessimistic") {
    const [l] = await tx.select({ ...takenColumns, status: listings.status, deadline: listings.deadline }).from(listings).where(eq(listings.id, listingId)).for("update");
    if (!l || l.status !== "on_sale" || l.deadline.getTime() <= Date.now() || l.sellerId === actor.id) throw await explain(tx, actor, listingId);
    await tx.update(listings).set({ status: "sold" }).where(eq(listings.id, listingId));
    return l;
  }
  const res = await tx
    .update(listings)
    .set({ status: "sold" })
    .where(and(eq(listings.id, listingId), live, ne(listings.sellerId, actor.id)));
  if (affected(res) !== 1) throw await explain(tx, actor, listingId);
  const [l] = await tx.select(takenColumns).from(listings).where(eq(listings.id, listingId));
  return l;
}

/** The cheapest live ask of a product (not the buyer's own), at most `maxPrice`. */
async function takeLowest(tx: Tx, actor: Actor, productId: number, maxPrice: number, strategy: BuyStrategy): Promise<Taken> {
  const cheapest = (lock: "wait" | "skip" | "none") => {
    const q = tx
      .select(takenColumns)
      .from(listings)
      .where(and(eq(listings.productId, productId), live, ne(listings.sellerId, actor.id), lte(listings.price, maxPrice)))
      .orderBy(asc(listings.price), asc(listings.id))
      .limit(1);
    return lock === "none" ? q : lock === "skip" ? q.for("update", { skipLocked: true }) : q.for("update");
  };
  // Nothing at or below the price the buyer saw (or all of it being bought by others): if something is on
  // sale above it, the price changed.
  const none = async () => {
    const [above] = await tx
      .select({ price: listings.price })
      .from(listings)
      .where(and(eq(listings.productId, productId), live, ne(listings.sellerId, actor.id), gt(listings.price, maxPrice)))
      .orderBy(asc(listings.price))
      .limit(1);
    return above ? priceChanged(above.price) : new AppError("conflict", "no_ask", "지금 판매 중인 기프티콘이 없습니다.");
  };
  if (strategy === "conditional") {
    // Read without a lock, then race for it with the conditional update; on a loss, try the next one.
    for (let i = 0; i < 5; i++) {
      const [l] = await cheapest("none");
      if (!l) throw await none();
      const res = await tx.update(listings).set({ status: "sold" }).where(and(eq(listings.id, l.id), live));
      if (affected(res) === 1) return l;
    }
    throw sold();
  }
  const [l] = await cheapest(strategy === "skip-locked" ? "skip" : "wait");
  if (!l) throw await none();
  await tx.update(listings).set({ status: "sold" }).where(eq(listings.id, l.id));
  return l;
}

async function settle(tx: Tx, emit: Emit, actor: Actor, l: Taken, couponId?: number | null): Promise<OrderResult> {
  const coupon = couponId ? await takeCoupon(tx, actor.id, couponId, l.price) : null;
  const discount = coupon?.discount ?? 0;
  const product = await productInfoOf(tx, l.productId);
  const order = await insertOrder(
    tx,
    { listingId: l.id, productId: l.productId, buyerId: actor.id, sellerId: l.sellerId, price: l.price, discount, userCouponId: coupon?.userCouponId },
    product,
  );
  await coupon?.markUsed(order.id);
  await moveBalance(tx, actor.id, "purchase", { points: -(l.price - discount) }, { type: "order", id: order.id }, "즉시 구매");
  const row = { id: order.id, status: "paid" as const, price: l.price, discount, paid: order.paid, confirmDueAt: order.confirmDueAt, createdAt: order.createdAt, completedAt: null, product };
  emit([
    ...askRemoved(l, product.category),
    ...tradeMade(l.productId, { orderId: order.id, price: l.price, at: order.createdAt.toISOString() }, product.category),
    ownRow(actor.id, "orders", { ...row, role: "buyer" }),
    ownRow(l.sellerId, "orders", { ...row, role: "seller" }),
    ownPatch(l.sellerId, "listings", l.id, { status: "sold", orderId: order.id }),
  ]);
  return { id: order.id, listingId: l.id, productId: l.productId, price: l.price, discount, paid: l.price - discount };
}

/** Buys one listing at the price the buyer saw (`expectedPrice`), or not at all (409 price_changed). */
export async function buyListing(
  actor: Actor,
  input: { listingId: number; expectedPrice: number; couponId?: number | null },
  idem?: Idempotency,
  strategy: BuyStrategy = "redis-prefilter",
) {
  const run = () =>
    idempotentCommand(actor, idem, async (tx, emit) => {
      await lockActor(tx, actor);
      const l = await takeListing(tx, actor, input.listingId, strategy === "redis-prefilter" ? "conditional" : strategy);
      // Taken under its row lock, so the price read here is the one that would be paid; a different one
      // rolls the whole transaction back.
      if (l.price !== input.expectedPrice) throw priceChanged(l.price);
      return settle(tx, emit, actor, l, input.couponId);
    });
  // Retries of one Idempotency-Key must all get the first answer, so they wait on the key's row instead.
  return strategy === "redis-prefilter" && !idem ? withPrefilter(`lock:listing:${input.listingId}`, run) : run();
}

const RELEASE = `if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end return 0`;

/**
 * "redis-prefilter": a short Redis lock per listing lets one buyer at a time reach the database; the others
 * are answered 409 at once. Only a filter: the conditional update in the transaction still decides, and if
 * Redis is unreachable everyone goes through to it.
 */
async function withPrefilter<T>(key: string, run: () => Promise<T>): Promise<T> {
  const token = randomUUID();
  let locked = false;
  try {
    locked = (await guarded(() => redis().set(key, token, { nx: true, px: 3_000 }))) === "OK";
    if (!locked) throw new AppError("conflict", "listing_busy", "다른 분이 구매하고 있습니다. 잠시 후 다시 확인해 주세요.");
  } catch (e) {
    if (e instanceof AppError) throw e;
  }
  try {
    return await run();
  } finally {
    if (locked) await guarded(() => script<number>(RELEASE).exec([key], [token])).catch(() => {});
  }
}

/** Buys the cheapest live ask of a product, refusing to pay more than `maxPrice` (what the buyer saw). */
export async function buyLowest(
  actor: Actor,
  input: { productId: number; maxPrice: number; couponId?: number | null },
  idem?: Idempotency,
  strategy: BuyStrategy = "skip-locked",
) {
  return idempotentCommand(actor, idem, async (tx, emit) => {
    await lockActor(tx, actor);
    const l = await takeLowest(tx, actor, input.productId, input.maxPrice, strategy);
    return settle(tx, emit, actor, l, input.couponId);
  });
}
