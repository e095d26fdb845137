import { randomBytes } from "node:crypto";
import { and, asc, count, eq, isNotNull, or, sql } from "drizzle-orm";
import { afterEach, beforeAll, expect } from "vitest";
import { primaryDb } from "@/db/primary";
import { bids, brands, gifticons, listings, orders, payments, pointLedger, products, userCoupons, users, withdrawals } from "@/db/schema";
import { signUp } from "@/lib/accounts/commands";
import { createCoupon, issueCoupon } from "@/lib/coupons/commands";
import { createCouponSchema } from "@/lib/coupons/schemas";
import { AppError, type ErrorKind } from "@/lib/errors";
import { placeBid } from "@/lib/market/commands/bids";
import { catalogChanged } from "@/lib/market/changes";
import { createListing } from "@/lib/market/commands/listings";
import { createListingSchema, fillBidSchema, placeBidSchema } from "@/lib/market/schemas";
import { topUp } from "@/lib/points/commands";
import { command, type Actor } from "@/lib/write/command";

// Test data made through the real commands where one exists (sign-up, top-up), so balances and ledgers
// are what the app itself would have written.

export const uniq = () => randomBytes(5).toString("hex");

export async function makeUser(opts: { points?: number; role?: "user" | "admin" } = {}): Promise<Actor & { email: string; password: string }> {
  const u = uniq();
  const email = `t-${u}@example.test`;
  const password = `pass-${u}-1234`;
  const { value } = await signUp({ email, password, nickname: `t${u}`, agreeTerms: true });
  if (opts.role === "admin") await primaryDb().update(users).set({ role: "admin" }).where(eq(users.id, value.id));
  const actor: Actor = { id: value.id, role: opts.role ?? "user", nickname: `t${u}` };
  if (opts.points) await topUp(actor, { amount: opts.points, card: "4242424242424242" });
  return { ...actor, email, password };
}

/**
 * A brand and a product, written the way the admin's catalog commands write them: in a command, with the
 * catalog's cache fence raised, so no reader can cache "no such product" from a replica that is behind.
 */
export async function makeProduct(faceValue = 5000, name = `테스트 상품 ${uniq()}`) {
  const { value } = await command(async (tx, emit) => {
    const [{ id: brandId }] = await tx.insert(brands).values({ slug: `b-${uniq()}`, name: "테스트브랜드", nameEn: "Test Brand", category: "cafe" }).$returningId();
    const [{ id }] = await tx.insert(products).values({ brandId, name, nameEn: "Test product", category: "cafe", faceValue, emoji: "☕" }).$returningId();
    emit(catalogChanged(id));
    return { id, faceValue, brandId };
  });
  return value;
}

/** A code nobody has used: 16 digits. */
export const newCode = () => Array.from(randomBytes(16), (b) => String(b % 10)).join("");

/** A date N days from now as YYYY-MM-DD (Korean time). */
export const inDays = (n: number) => new Date(Date.now() + 9 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);

export async function balances(userId: number) {
  const [u] = await primaryDb().select({ points: users.points, held: users.heldPoints }).from(users).where(eq(users.id, userId));
  const [l] = await primaryDb()
    .select({ points: sql<string>`COALESCE(SUM(${pointLedger.pointsDelta}), 0)`, held: sql<string>`COALESCE(SUM(${pointLedger.heldDelta}), 0)` })
    .from(pointLedger)
    .where(eq(pointLedger.userId, userId));
  return { points: u.points, held: u.held, ledgerPoints: Number(l.points), ledgerHeld: Number(l.held) };
}

/**
 * Domain invariant 3 for one user: never negative, always the sum of the ledger, and each ledger row's
 * balances after it are the running sums up to it (a user's rows are written under the user's row lock,
 * so their ids follow the order of the balance changes).
 */
export async function expectLedgerConsistent(userId: number) {
  const b = await balances(userId);
  if (b.points < 0 || b.held < 0 || b.points !== b.ledgerPoints || b.held !== b.ledgerHeld) {
    throw new Error(`ledger mismatch for user ${userId}: ${JSON.stringify(b)}`);
  }
  const rows = await primaryDb().select().from(pointLedger).where(eq(pointLedger.userId, userId)).orderBy(asc(pointLedger.id));
  let points = 0, held = 0;
  for (const r of rows) {
    points += r.pointsDelta;
    held += r.heldDelta;
    if (r.pointsAfter !== points || r.heldAfter !== held) {
      throw new Error(`ledger row ${r.id} of user ${userId} says ${r.pointsAfter}/${r.heldAfter} after it, the running sums are ${points}/${held}`);
    }
  }
  return b;
}

// ---------------------------------------------------------------------------------------------------------
// Helpers for the domain suites (tests/market, orders, points, coupons, accounts, catalog, security).
// Listings and bids are made through the real commands with input parsed by the real schemas, as the
// adapters do; rows are read back on the primary, where the commands wrote them.

export type TestUser = Awaited<ReturnType<typeof makeUser>>;

export const makeAdmin = () => makeUser({ role: "admin" });

/** An ISO date-time `h` hours from now (a deadline as the API accepts it). */
export const inHours = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();

/** Lists a gifticon (schema-parsed input, as the API and the form send it). */
export async function listGifticon(
  seller: Actor,
  productId: number,
  price: number,
  opts: { code?: string; expiresAt?: string; deadline?: string } = {},
) {
  const code = opts.code ?? newCode();
  const input = createListingSchema.parse({ productId, price, code, expiresAt: opts.expiresAt ?? inDays(30), deadline: opts.deadline });
  const { value, seq } = await createListing(seller, input);
  return { ...value, code, seq };
}

/** Places a buy bid (schema-parsed input). */
export async function bidOn(buyer: Actor, productId: number, price: number, opts: { deadline?: string } = {}) {
  const { value, seq } = await placeBid(buyer, placeBidSchema.parse({ productId, price, deadline: opts.deadline }));
  return { ...value, seq };
}

/** The schema-parsed input of "sell now". */
export const fillInput = (expectedPrice: number, code = newCode(), expiresAt = inDays(30)) => fillBidSchema.parse({ code, expiresAt, expectedPrice });

/** The AppError a call rejects with; anything else (success, another error type) fails the test. */
export async function appError(p: Promise<unknown>): Promise<AppError> {
  let result: unknown;
  try {
    result = await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error(`expected an AppError, but the call succeeded with ${JSON.stringify(result)}`);
}

/** Asserts the kind, code and (optionally) the field of the AppError a call rejects with. */
export async function expectAppError(p: Promise<unknown>, want: { kind: ErrorKind; code?: string; field?: string }) {
  const e = await appError(p);
  expect({ kind: e.kind, code: e.code }).toEqual({ kind: want.kind, code: want.code ?? e.code });
  if (want.field) expect(Object.keys(e.fields ?? {})).toContain(want.field);
  return e;
}

export async function listingRow(id: number) {
  const [r] = await primaryDb().select().from(listings).where(eq(listings.id, id));
  return r;
}
export async function bidRow(id: number) {
  const [r] = await primaryDb().select().from(bids).where(eq(bids.id, id));
  return r;
}
export async function orderRow(id: number) {
  const [r] = await primaryDb().select().from(orders).where(eq(orders.id, id));
  return r;
}
export async function gifticonOfListing(listingId: number) {
  const [r] = await primaryDb().select({ g: gifticons }).from(listings).innerJoin(gifticons, eq(gifticons.id, listings.gifticonId)).where(eq(listings.id, listingId));
  return r?.g;
}
export const ordersOfListing = (listingId: number) => primaryDb().select().from(orders).where(eq(orders.listingId, listingId));
export const ordersOfBid = (bidId: number) => primaryDb().select().from(orders).where(eq(orders.bidId, bidId));

/** A user's ledger, oldest first. */
export const ledgerOf = (userId: number) => primaryDb().select().from(pointLedger).where(eq(pointLedger.userId, userId)).orderBy(asc(pointLedger.id));

/**
 * Everything a refused command must leave as it was for a user: balances, ledger, orders on either side,
 * bids, listings, vouchers, payments, withdrawals, coupons used.
 */
export async function footprint(userId: number) {
  const db = primaryDb();
  const n = async (q: Promise<{ n: number }[]>) => Number((await q)[0]?.n ?? 0);
  const [u] = await db.select({ points: users.points, held: users.heldPoints }).from(users).where(eq(users.id, userId));
  return {
    ...u,
    ledger: await n(db.select({ n: count() }).from(pointLedger).where(eq(pointLedger.userId, userId))),
    orders: await n(db.select({ n: count() }).from(orders).where(or(eq(orders.buyerId, userId), eq(orders.sellerId, userId)))),
    bids: await n(db.select({ n: count() }).from(bids).where(eq(bids.buyerId, userId))),
    listings: await n(db.select({ n: count() }).from(listings).where(eq(listings.sellerId, userId))),
    gifticons: await n(db.select({ n: count() }).from(gifticons).where(eq(gifticons.ownerId, userId))),
    payments: await n(db.select({ n: count() }).from(payments).where(eq(payments.userId, userId))),
    withdrawals: await n(db.select({ n: count() }).from(withdrawals).where(eq(withdrawals.userId, userId))),
    couponsUsed: await n(db.select({ n: count() }).from(userCoupons).where(and(eq(userCoupons.userId, userId), isNotNull(userCoupons.usedOrderId)))),
  };
}

/** Moves a listing's or a bid's deadline into the past on the primary (as time passing would). */
export async function expireNow(table: "listings" | "bids", id: number) {
  const t = table === "listings" ? listings : bids;
  await primaryDb().update(t).set({ deadline: sql`NOW(3) - INTERVAL 1 SECOND` }).where(eq(t.id, id));
}

/** An admin-made coupon (schema-parsed), issued to `to` if given. Returns its id and code. */
export async function makeCoupon(
  admin: Actor,
  c: { kind: "amount" | "percent"; value: number; minPrice?: number; maxDiscount?: number; validUntil?: string },
  to?: { email: string },
) {
  const code = `T-${uniq().toUpperCase()}`;
  const input = createCouponSchema.parse({ code, name: `테스트 쿠폰 ${code}`, validUntil: inDays(30), ...c });
  const { value } = await createCoupon(admin, input);
  if (to) await issueCoupon(admin, { couponId: value.id, email: to.email });
  return { id: value.id, code };
}

/**
 * Domain invariant 3 for every user made after `sinceUserId`, in one consistent read: no balance below
 * zero, and every balance equal to the sum of its ledger (users without ledger rows at zero).
 */
export async function expectAllLedgersConsistent(sinceUserId = 0) {
  const [rows] = (await primaryDb().execute(sql`
    SELECT u.id, u.points, u.held_points AS held, COALESCE(l.p, 0) AS ledgerPoints, COALESCE(l.h, 0) AS ledgerHeld
    FROM users u
    LEFT JOIN (SELECT user_id, SUM(points_delta) AS p, SUM(held_delta) AS h FROM point_ledger WHERE user_id > ${sinceUserId} GROUP BY user_id) l
      ON l.user_id = u.id
    WHERE u.id > ${sinceUserId}
      AND (u.points < 0 OR u.held_points < 0 OR u.points <> COALESCE(l.p, 0) OR u.held_points <> COALESCE(l.h, 0))
    LIMIT 20`)) as unknown as [Record<string, unknown>[]];
  expect(rows, `users whose balance is not the sum of their ledger: ${JSON.stringify(rows)}`).toEqual([]);
}

/**
 * Registers, for the calling test file, a check of invariant 3 after every test for every user made since
 * the file started (whichever test or command touched them).
 */
export function checkLedgersAfterEach() {
  let since = 0;
  beforeAll(async () => {
    const [[row]] = (await primaryDb().execute(sql`SELECT COALESCE(MAX(id), 0) AS id FROM users`)) as unknown as [{ id: number }[]];
    since = Number(row.id);
  });
  afterEach(() => expectAllLedgersConsistent(since));
}

/**
 * makeProduct, then the read side is told as createProduct tells it (catalogChanged: the product's book and
 * the catalog are fenced), so the first read of its page waits for a node that has the product, even while
 * replication is paused or delayed (by another suite sharing the test stack). Without it, a page read from
 * a replica that does not have the product yet is cached as "no such product".
 */
export const makeCatalogProduct = makeProduct;
