import "server-only";
import { and, eq, sql } from "drizzle-orm";
import { primaryDb } from "@/db/primary";
import { bids, listings } from "@/db/schema";
import { moveBalance } from "@/lib/points/ledger";
import { affected, command } from "@/lib/write/command";
import { askRemoved, bidRemoved } from "../changes";
import { categoryOf, lockUser, releaseCode } from "./trade";

// Deadlines take effect: listings and bids past their deadline leave the book (the code goes back to its
// owner, held points back to the buyer). Reads already hide them the moment the deadline passes and
// commands refuse them; this makes it permanent. Safe to run in every app instance at once: each change is
// a conditional update that only one of them wins.

const DUE = sql`NOW(3)`;

export async function expireListings(limit = 200): Promise<number> {
  const due = await primaryDb()
    .select({ id: listings.id })
    .from(listings)
    .where(and(eq(listings.status, "on_sale"), sql`${listings.deadline} <= ${DUE}`))
    .limit(limit);
  let n = 0;
  for (const { id } of due) {
    const { value } = await command(async (tx, emit) => {
      const [l] = await tx.select().from(listings).where(eq(listings.id, id)).for("update");
      const res = await tx
        .update(listings)
        .set({ status: "expired" })
        .where(and(eq(listings.id, id), eq(listings.status, "on_sale"), sql`${listings.deadline} <= ${DUE}`));
      if (affected(res) !== 1) return false;
      await releaseCode(tx, l.gifticonId);
      emit(askRemoved(l, await categoryOf(tx, l.productId)));
      return true;
    });
    if (value) n++;
  }
  return n;
}

export async function expireBids(limit = 200): Promise<number> {
  const due = await primaryDb()
    .select({ id: bids.id, buyerId: bids.buyerId })
    .from(bids)
    .where(and(eq(bids.status, "active"), sql`${bids.deadline} <= ${DUE}`))
    .limit(limit);
  let n = 0;
  for (const { id, buyerId } of due) {
    const { value } = await command(async (tx, emit) => {
      await lockUser(tx, buyerId);
      const [b] = await tx.select().from(bids).where(eq(bids.id, id)).for("update");
      const res = await tx
        .update(bids)
        .set({ status: "expired" })
        .where(and(eq(bids.id, id), eq(bids.status, "active"), sql`${bids.deadline} <= ${DUE}`));
      if (affected(res) !== 1) return false;
      await moveBalance(tx, b.buyerId, "release", { points: b.price, held: -b.price }, { type: "bid", id: b.id }, "구매 입찰 마감");
      emit(bidRemoved(b, await categoryOf(tx, b.productId)));
      return true;
    });
    if (value) n++;
  }
  return n;
}
