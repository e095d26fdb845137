import "server-only";
import { and, eq, inArray, sql } from "drizzle-orm";
import { primaryDb, type Tx } from "@/db/primary";
import { disputePhotos, orders, users } from "@/db/schema";
import type { DisputeCategory } from "./schemas";
import { assertAdmin } from "@/lib/accounts/commands";
import { audit } from "@/lib/admin/audit";
import { AppError, describeError } from "@/lib/errors";
import { moveBalance } from "@/lib/points/ledger";
import { notify } from "@/lib/notifications/commands";
import { won } from "@/lib/format";
import { affected, command, type Actor } from "@/lib/write/command";
import { lockUser } from "@/lib/market/commands/trade";

// After a trade: the buyer confirms the code works (or it confirms itself after ORDER_CONFIRM_HOURS), and
// then the seller is paid. A dispute freezes the payment until an admin completes or refunds the order.
//   paid → completed            (confirm / auto-confirm: seller +price)
//   paid → disputed → completed (admin: seller +price)
//                   → refunded  (admin: buyer +paid)

async function lockOrder(tx: Tx, orderId: number) {
  const [o] = await tx.select().from(orders).where(eq(orders.id, orderId)).for("update");
  if (!o) throw new AppError("not_found", "order_not_found", "주문을 찾을 수 없습니다.");
  return o;
}

const notFoundForOthers = () => new AppError("not_found", "order_not_found", "주문을 찾을 수 없습니다.");

/** The order completes; the seller is paid, unless suspended: then the payout waits for reinstatement. */
async function complete(tx: Tx, o: { id: number; sellerId: number; price: number }, from: ("paid" | "disputed")[], memo: string) {
  await lockUser(tx, o.sellerId);
  const [seller] = await tx.select({ status: users.status }).from(users).where(eq(users.id, o.sellerId));
  const held = seller?.status !== "active";
  const res = await tx
    .update(orders)
    .set({ status: "completed", completedAt: new Date(), payoutHeld: held })
    .where(and(eq(orders.id, o.id), inArray(orders.status, from)));
  if (affected(res) !== 1) throw new AppError("conflict", "order_not_open", "이미 처리된 주문입니다.");
  if (!held) await moveBalance(tx, o.sellerId, "sale", { points: o.price }, { type: "order", id: o.id }, memo);
  if (from.includes("paid"))
    await notify(tx, o.sellerId, {
      kind: "confirmed",
      title: `주문 #${o.id} 구매 확정 · ${won(o.price)} ${held ? "지급 보류" : "지급"}`,
      body: held ? "이용 정지가 풀리면 지급됩니다." : "판매 대금이 포인트로 들어왔습니다.",
      href: `/orders/${o.id}`,
    });
}

/** The buyer says the code worked: the order completes and the seller is paid. */
export async function confirmOrder(actor: Actor, orderId: number) {
  return command(async (tx) => {
    const o = await lockOrder(tx, orderId);
    if (o.buyerId !== actor.id) throw o.sellerId === actor.id ? new AppError("forbidden", "buyer_only", "구매자만 구매 확정할 수 있습니다.") : notFoundForOthers();
    if (o.status !== "paid") throw new AppError("conflict", "order_not_open", o.status === "disputed" ? "분쟁 중인 주문은 관리자가 처리합니다." : "이미 처리된 주문입니다.");
    await complete(tx, o, ["paid"], "판매 대금 (구매 확정)");
    return { id: o.id, status: "completed" as const };
  });
}

/**
 * The buyer says the code did not work: the payment is frozen until an admin decides. A category, the
 * reason and optionally a photo (a screenshot of the shop's "이미 사용된 쿠폰"), kept private in
 * dispute_photos for the parties and admins.
 */
export async function disputeOrder(
  actor: Actor,
  orderId: number,
  reason: string,
  opts: { category?: DisputeCategory; photo?: { mime: string; data: Buffer } } = {},
) {
  return command(async (tx) => {
    const o = await lockOrder(tx, orderId);
    if (o.buyerId !== actor.id) throw o.sellerId === actor.id ? new AppError("forbidden", "buyer_only", "구매자만 문제를 신고할 수 있습니다.") : notFoundForOthers();
    if (o.status !== "paid") throw new AppError("conflict", "order_not_open", "구매 확정 전인 주문만 신고할 수 있습니다.");
    await tx.update(orders).set({ status: "disputed", disputeReason: reason, disputeCategory: opts.category ?? "other" }).where(eq(orders.id, o.id));
    if (opts.photo) await tx.insert(disputePhotos).values({ orderId: o.id, mime: opts.photo.mime, data: opts.photo.data });
    return { id: o.id, status: "disputed" as const };
  });
}

/** The seller's side of a dispute, for the admin to read (and changeable until the admin decides). */
export async function respondToDispute(actor: Actor, orderId: number, response: string) {
  return command(async (tx) => {
    const o = await lockOrder(tx, orderId);
    if (o.sellerId !== actor.id) throw o.buyerId === actor.id ? new AppError("forbidden", "seller_only", "판매자만 답변할 수 있습니다.") : notFoundForOthers();
    if (o.status !== "disputed") throw new AppError("conflict", "not_disputed", "분쟁 중인 주문에만 답변할 수 있습니다.");
    await tx.update(orders).set({ disputeResponse: response, disputeRespondedAt: new Date() }).where(eq(orders.id, o.id));
    return { id: o.id, responded: true as const };
  });
}

/**
 * The buyer marks the code as used in a shop (or takes the mark back). Only a note for the buyer's own
 * list: it moves no money and no order state, so it can be set on any order whose code they still hold.
 */
export async function markOrderUsed(actor: Actor, orderId: number, used: boolean) {
  return command(async (tx) => {
    const o = await lockOrder(tx, orderId);
    if (o.buyerId !== actor.id) throw o.sellerId === actor.id ? new AppError("forbidden", "buyer_only", "구매자만 사용 완료로 표시할 수 있습니다.") : notFoundForOthers();
    if (o.status === "refunded") throw new AppError("conflict", "order_refunded", "환불된 주문은 사용 완료로 표시할 수 없습니다.");
    await tx.update(orders).set({ usedAt: used ? new Date() : null }).where(eq(orders.id, o.id));
    return { id: o.id, used };
  });
}

/**
 * Admin: settle a dispute by paying the seller ("complete") or giving the buyer their points back
 * ("refund": the buyer's access to the code ends with it). Nobody resolves a case they are a party to.
 */
export async function resolveDispute(admin: Actor, orderId: number, outcome: "complete" | "refund", note?: string | null) {
  return command(async (tx) => {
    await assertAdmin(tx, admin);
    const o = await lockOrder(tx, orderId);
    if (o.buyerId === admin.id || o.sellerId === admin.id)
      throw new AppError("forbidden", "own_case", "본인이 거래 당사자인 분쟁은 다른 관리자가 처리해야 합니다.");
    if (o.status !== "disputed") throw new AppError("conflict", "not_disputed", "분쟁 중인 주문이 아닙니다.");
    if (outcome === "complete") {
      await complete(tx, o, ["disputed"], "판매 대금 (분쟁 처리: 구매 확정)");
    } else {
      await lockUser(tx, o.buyerId);
      await tx.update(orders).set({ status: "refunded", completedAt: new Date() }).where(eq(orders.id, o.id));
      await moveBalance(tx, o.buyerId, "refund", { points: o.paid }, { type: "order", id: o.id }, "분쟁 처리: 환불");
    }
    await tx.update(orders).set({ resolvedBy: admin.id, adminNote: note?.trim() || null }).where(eq(orders.id, o.id));
    const decided = outcome === "refund" ? `구매자에게 환불 (${won(o.paid)})` : `판매자에게 지급 (${won(o.price)})`;
    for (const userId of [o.buyerId, o.sellerId])
      await notify(tx, userId, { kind: "dispute_resolved", title: `주문 #${o.id} 분쟁 결과: ${decided}`, body: note?.trim() || undefined, href: `/orders/${o.id}` });
    await audit(tx, admin, { action: "order.resolve", target: { type: "order", id: o.id }, reason: note, detail: { outcome } });
    return { id: o.id, status: outcome === "complete" ? ("completed" as const) : ("refunded" as const) };
  });
}

/** Confirms every order whose window has passed without a dispute (run by the sweeper). */
export async function autoConfirmDue(limit = 100): Promise<number> {
  const due = await primaryDb()
    .select({ id: orders.id })
    .from(orders)
    .where(and(eq(orders.status, "paid"), sql`${orders.confirmDueAt} <= NOW(3)`))
    .limit(limit);
  let done = 0;
  for (const { id } of due) {
    try {
      const { value } = await command(async (tx) => {
        const o = await lockOrder(tx, id);
        if (o.status !== "paid" || o.confirmDueAt.getTime() > Date.now()) return false;
        await complete(tx, o, ["paid"], "판매 대금 (자동 구매 확정)");
        return true;
      });
      if (value) done++;
    } catch (e) {
      console.error(`[sweeper] auto-confirm of order ${id} failed:`, describeError(e));
    }
  }
  return done;
}
