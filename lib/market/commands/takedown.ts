import "server-only";
import { and, eq } from "drizzle-orm";
import { gifticons, listings } from "@/db/schema";
import { assertAdmin } from "@/lib/accounts/commands";
import { audit } from "@/lib/admin/audit";
import { AppError } from "@/lib/errors";
import { affected, command, type Actor } from "@/lib/write/command";
import { askRemoved } from "../changes";
import { notify } from "@/lib/notifications/commands";
import { categoryOf, releaseCode } from "./trade";

/**
 * Admin: take a listing off the market (a fake code reported, a prohibited item…), with a reason kept in the
 * audit log and told to the seller. The listing ends as cancelled, its code is free again, and every view
 * that lists it drops it at once (the same delta as the seller's own cancel).
 */
export async function takeDownListing(admin: Actor, listingId: number, reason: string) {
  return command(async (tx, emit) => {
    await assertAdmin(tx, admin);
    const [l] = await tx
      .select({ id: listings.id, productId: listings.productId, sellerId: listings.sellerId, gifticonId: listings.gifticonId, status: listings.status, price: listings.price })
      .from(listings)
      .innerJoin(gifticons, eq(gifticons.id, listings.gifticonId))
      .where(eq(listings.id, listingId))
      .for("update");
    if (!l) throw new AppError("not_found", "listing_not_found", "판매 글을 찾을 수 없습니다.");
    if (l.sellerId === admin.id) throw new AppError("forbidden", "own_case", "본인의 판매 글은 다른 관리자가 내려야 합니다.");
    const res = await tx.update(listings).set({ status: "cancelled" }).where(and(eq(listings.id, l.id), eq(listings.status, "on_sale")));
    if (affected(res) !== 1) throw new AppError("conflict", "listing_closed", l.status === "sold" ? "이미 판매된 판매 글입니다." : "판매 중인 판매 글이 아닙니다.");
    await releaseCode(tx, l.gifticonId);
    emit(askRemoved(l, await categoryOf(tx, l.productId)));
    await notify(tx, l.sellerId, { kind: "listing_taken_down", title: `판매 글 #${l.id}을 관리자가 내렸습니다`, body: `사유: ${reason}`, href: "/me" });
    await audit(tx, admin, { action: "listing.take_down", target: { type: "listing", id: l.id }, reason, detail: { sellerId: l.sellerId, productId: l.productId } });
    return { id: l.id, status: "cancelled" as const, sellerId: l.sellerId };
  });
}
