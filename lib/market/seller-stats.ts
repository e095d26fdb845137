import "server-only";
import { count, eq, sql } from "drizzle-orm";
import { orders } from "@/db/schema";
import type { ReadDb } from "@/db/readers";
import { keys } from "@/lib/cache/keys";
import { readView, type ViewDef } from "@/lib/cache/views";

// A seller's track record, shown on their page and next to their asks: completed trades and how many of
// their sales were disputed. A snapshot kept for a minute (no deltas: a trade's completion reaches it
// within that minute, and a cached page showing it within its own revalidate window).

export type SellerStats = { completed: number; sales: number; disputed: number; disputeRate: number };

async function loadSellerStats(db: ReadDb, sellerId: number): Promise<SellerStats> {
  const [row] = await db
    .select({
      sales: count(),
      completed: sql<number>`SUM(${orders.status} = 'completed')`,
      disputed: sql<number>`SUM(${orders.disputeReason} IS NOT NULL OR ${orders.status} IN ('disputed', 'refunded'))`,
    })
    .from(orders)
    .where(eq(orders.sellerId, sellerId));
  const sales = Number(row?.sales ?? 0);
  const disputed = Number(row?.disputed ?? 0);
  return { sales, completed: Number(row?.completed ?? 0), disputed, disputeRate: sales ? disputed / sales : 0 };
}

export const sellerStatsView: ViewDef<number, SellerStats> = {
  name: "seller-stats",
  keys: (id) => keys.sellerStats(id),
  load: loadSellerStats,
  ttlMs: 60_000,
};

export async function getSellerStats(sellerId: number): Promise<SellerStats> {
  return (await readView(sellerStatsView, sellerId)).data;
}

/** The records of several sellers (the sellers of one product's book). */
export async function getSellersStats(sellerIds: number[]): Promise<Map<number, SellerStats>> {
  const ids = [...new Set(sellerIds)];
  const stats = await Promise.all(ids.map((id) => getSellerStats(id)));
  return new Map(ids.map((id, i) => [id, stats[i]]));
}

