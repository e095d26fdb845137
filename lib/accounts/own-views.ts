import "server-only";
import { desc, eq, or } from "drizzle-orm";
import { bids, brands, gifticons, listings, orders, pointLedger, products, users, withdrawals } from "@/db/schema";
import type { ReadDb } from "@/db/readers";
import { keys, type OwnView } from "@/lib/cache/keys";
import { readView, type Delta, type ViewDef } from "@/lib/cache/views";
import { productInfoColumns } from "@/lib/catalog/columns";
import type { ProductInfo } from "@/lib/market/read-model";
import { readFresh } from "@/lib/read/router";
import { stats } from "@/lib/read/stats";
import { meColumns, myWithdrawalColumns } from "./own-columns";

// A user's own pages as cached views: their listings, bids and orders (the newest OWN_ROWS rows, kept current
// by the commands' deltas: complete rows or patches, lib/accounts/own-changes.ts), and their account row,
// point ledger and withdrawals (single-table views, whose rows the write side reads back in the transaction
// and publishes whole: lib/write/touches.ts); any change no delta describes raises the view's fence. So right after their own write, while the replicas are behind, a
// user's pages come from Redis (their snapshot + the write's delta) instead of the primary; a read counts
// the cached copy only if Redis has heard of the user's last write to it (ViewCtx.floor), else it reads a
// node that has applied it, as before. Longer lists than OWN_ROWS are read from the databases.
//
// Product names and brands inside the rows are those of the snapshot or delta: an admin's catalog edit
// shows here once the view is re-read (within OWN_TTL_MS), as on the public feed.

export const OWN_ROWS = 100;
const OWN_TTL_MS = 5 * 60_000;

export type MyListing = {
  id: number;
  price: number;
  status: string;
  deadline: Date;
  createdAt: Date;
  codeLast4: string;
  expiresAt: Date;
  orderId: number | null;
  product: ProductInfo;
};

export type MyBid = { id: number; price: number; status: string; deadline: Date; createdAt: Date; orderId: number | null; product: ProductInfo };

export type MyOrder = {
  id: number;
  role: "buyer" | "seller";
  status: "paid" | "disputed" | "completed" | "refunded";
  price: number;
  discount: number;
  paid: number;
  confirmDueAt: Date;
  createdAt: Date;
  completedAt: Date | null;
  product: ProductInfo;
};

export type MeRow = { id: number; email: string | null; nickname: string; role: "user" | "admin"; status: "active" | "suspended"; points: number; heldPoints: number; createdAt: Date };
export type LedgerRow = typeof pointLedger.$inferSelect;
export type MyWithdrawal = Omit<typeof withdrawals.$inferSelect, "accountCipher" | "processedBy">;

export type OwnRows = { listings: MyListing; bids: MyBid; orders: MyOrder; me: MeRow; ledger: LedgerRow; withdrawals: MyWithdrawal };
type Rows = OwnRows;

/**
 * A delta on an own view: "row" is the complete row as the loader would read it; "patch" changes some of a
 * row's fields (not its id), and is dropped when the row is not among the cached ones (older than them).
 */
export type OwnDelta<W extends OwnView> = { kind: "row"; item: Rows[W] } | { kind: "patch"; item: Partial<Rows[W]> };

async function loadListings(db: ReadDb, userId: number, limit: number): Promise<MyListing[]> {
  const rows = await db
    .select({
      id: listings.id,
      price: listings.price,
      status: listings.status,
      deadline: listings.deadline,
      createdAt: listings.createdAt,
      codeLast4: gifticons.codeLast4,
      expiresAt: gifticons.expiresAt,
      orderId: orders.id,
      product: productInfoColumns,
    })
    .from(listings)
    .innerJoin(gifticons, eq(gifticons.id, listings.gifticonId))
    .innerJoin(products, eq(products.id, listings.productId))
    .innerJoin(brands, eq(brands.id, products.brandId))
    .leftJoin(orders, eq(orders.listingId, listings.id))
    .where(eq(listings.sellerId, userId))
    .orderBy(desc(listings.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, product: r.product as ProductInfo }));
}

async function loadBids(db: ReadDb, userId: number, limit: number): Promise<MyBid[]> {
  const rows = await db
    .select({ id: bids.id, price: bids.price, status: bids.status, deadline: bids.deadline, createdAt: bids.createdAt, orderId: orders.id, product: productInfoColumns })
    .from(bids)
    .innerJoin(products, eq(products.id, bids.productId))
    .innerJoin(brands, eq(brands.id, products.brandId))
    .leftJoin(orders, eq(orders.bidId, bids.id))
    .where(eq(bids.buyerId, userId))
    .orderBy(desc(bids.id))
    .limit(limit);
  return rows.map((r) => ({ ...r, product: r.product as ProductInfo }));
}

async function loadOrders(db: ReadDb, userId: number, limit: number): Promise<MyOrder[]> {
  const rows = await db
    .select({
      id: orders.id,
      buyerId: orders.buyerId,
      status: orders.status,
      price: orders.price,
      discount: orders.discount,
      paid: orders.paid,
      confirmDueAt: orders.confirmDueAt,
      createdAt: orders.createdAt,
      completedAt: orders.completedAt,
      product: productInfoColumns,
    })
    .from(orders)
    .innerJoin(products, eq(products.id, orders.productId))
    .innerJoin(brands, eq(brands.id, products.brandId))
    .where(or(eq(orders.buyerId, userId), eq(orders.sellerId, userId)))
    .orderBy(desc(orders.id))
    .limit(limit);
  return rows.map(({ buyerId, ...r }) => ({ ...r, role: buyerId === userId ? "buyer" : "seller", product: r.product as ProductInfo }));
}

const loadMe = async (db: ReadDb, userId: number): Promise<MeRow[]> => (await db.select(meColumns).from(users).where(eq(users.id, userId))) as MeRow[];
const loadLedger = (db: ReadDb, userId: number, limit: number): Promise<LedgerRow[]> =>
  db.select().from(pointLedger).where(eq(pointLedger.userId, userId)).orderBy(desc(pointLedger.id)).limit(limit);
const loadWithdrawals = (db: ReadDb, userId: number, limit: number): Promise<MyWithdrawal[]> =>
  db.select(myWithdrawalColumns).from(withdrawals).where(eq(withdrawals.userId, userId)).orderBy(desc(withdrawals.id)).limit(limit);

/** The loaders, for tests that compare a cached own list with the primary's rows. */
export const ownLoaders: { [W in OwnView]: (db: ReadDb, userId: number, limit: number) => Promise<Rows[W][]> } = {
  listings: loadListings,
  bids: loadBids,
  orders: loadOrders,
  me: loadMe,
  ledger: loadLedger,
  withdrawals: loadWithdrawals,
};

/** The fields that are dates (JSON in Redis carries them as strings). */
const DATES: { [W in OwnView]: (keyof Rows[W])[] } = {
  listings: ["deadline", "createdAt", "expiresAt"],
  bids: ["deadline", "createdAt"],
  orders: ["confirmDueAt", "createdAt", "completedAt"],
  me: ["createdAt"],
  ledger: ["createdAt"],
  withdrawals: ["processedAt", "createdAt"],
};

function revive<W extends OwnView>(what: W, row: Rows[W]): Rows[W] {
  const out = { ...row } as Record<string, unknown>;
  for (const f of DATES[what] as string[]) if (out[f] !== null && out[f] !== undefined) out[f] = new Date(out[f] as string | Date);
  return out as Rows[W];
}

/** Applies deltas (in commit order) to the newest-first rows: upserts by id, then keeps the newest OWN_ROWS. */
export function applyOwn<W extends OwnView>(rows: Rows[W][], deltas: Delta[]): Rows[W][] {
  const byId = new Map(rows.map((r) => [r.id, r]));
  for (const d of deltas) {
    if (d.op === "remove") byId.delete(d.id);
    else if (d.kind === "row") byId.set(d.id, d.item as Rows[W]);
    else if (d.kind === "patch") {
      const cur = byId.get(d.id);
      if (cur) byId.set(d.id, { ...cur, ...(d.item as Partial<Rows[W]>), id: cur.id });
    }
  }
  return [...byId.values()].sort((a, b) => b.id - a.id).slice(0, OWN_ROWS);
}

const def = <W extends OwnView>(what: W): ViewDef<number, Rows[W][]> => ({
  name: `own-${what}`,
  keys: (userId) => keys.own(userId, what),
  load: (db, userId) => ownLoaders[what](db, userId, OWN_ROWS),
  apply: (rows, deltas) => applyOwn(rows, deltas),
  ttlMs: OWN_TTL_MS,
  refreshAfterDeltas: 50,
});
const defs: { [W in OwnView]: ViewDef<number, Rows[W][]> } = {
  listings: def("listings"),
  bids: def("bids"),
  orders: def("orders"),
  me: def("me"),
  ledger: def("ledger"),
  withdrawals: def("withdrawals"),
};

type Ctx = { userId: number; minSeq: number };

/** The newest `limit` rows of a user's own list, as they must see it: at least their own last write. */
export async function readOwn<W extends OwnView>(what: W, ctx: Ctx, limit: number): Promise<Rows[W][]> {
  if (limit > OWN_ROWS) return readFresh(ctx.minSeq, (db) => ownLoaders[what](db, ctx.userId, limit));
  const r = await readView(defs[what] as ViewDef<number, Rows[W][]>, ctx.userId, { minSeq: ctx.minSeq, floor: ctx.minSeq });
  stats.count(r.source === "cache" ? "ownFromCache" : r.node === "primary" ? "ownFromPrimary" : "ownFromReplica");
  return r.data.slice(0, limit).map((row) => revive(what, row));
}
