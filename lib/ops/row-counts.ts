import "server-only";
import { count } from "drizzle-orm";
import { bids, listings, orders } from "@/db/schema";
import { readAt } from "@/lib/read/router";
import { metrics } from "./metrics";

// Listings, bids and orders by status, for gx_rows: one grouped count per table on any fit replica, at
// scrape time (the status indexes make these cheap). A failure leaves the previous values in place.
export async function refreshRowCounts(): Promise<void> {
  const { value } = await readAt({ mode: "any" }, async (db) => {
    const [l, b, o] = await Promise.all([
      db.select({ status: listings.status, n: count() }).from(listings).groupBy(listings.status),
      db.select({ status: bids.status, n: count() }).from(bids).groupBy(bids.status),
      db.select({ status: orders.status, n: count() }).from(orders).groupBy(orders.status),
    ]);
    return { listings: l, bids: b, orders: o };
  });
  const gauge = metrics().rows;
  gauge.reset();
  for (const [table, rows] of Object.entries(value)) for (const r of rows) gauge.set({ table, status: r.status }, Number(r.n));
}
