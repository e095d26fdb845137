import "server-only";
import { and, eq, inArray, isNull, sql } from "drizzle-orm";
import type { Tx } from "@/db/primary";
import { gifticons, listings, notifications, orders, products, brands } from "@/db/schema";
import { command, type Actor } from "@/lib/write/command";

// Notifications are written inside the transaction of the change they tell about (a sale and its 알림
// commit together or not at all), by the command that made the change.

export type NotificationKind = "sold" | "bid_filled" | "confirmed" | "dispute_resolved" | "listing_taken_down" | "expiry_d7" | "expiry_d1";
export type NewNotification = { kind: NotificationKind; title: string; body?: string; href?: string; dedupeKey?: string };

export async function notify(tx: Tx, userId: number, n: NewNotification) {
  // A reminder with a dedupe key that was already sent is skipped (the unique key decides, under any race).
  await tx
    .insert(notifications)
    .values({ userId, kind: n.kind, title: n.title, body: n.body ?? null, href: n.href ?? null, dedupeKey: n.dedupeKey ?? null })
    .onDuplicateKeyUpdate({ set: { id: sql`id` } });
}

/** The user read their notifications (all, or the ones named). */
export async function markNotificationsRead(actor: Actor, ids?: number[]) {
  return command(async (tx) => {
    const mine = and(eq(notifications.userId, actor.id), isNull(notifications.readAt));
    await tx
      .update(notifications)
      .set({ readAt: new Date() })
      .where(ids?.length ? and(mine, inArray(notifications.id, ids)) : mine);
    return { read: true as const };
  });
}

const DAY = 86_400_000;

/**
 * The sweeper's reminder for buyers: a voucher they bought and have not marked as used expires in 7 days, or
 * tomorrow. Once per order and threshold (dedupe key), in batches.
 */
export async function remindExpiring(limit = 200, now = Date.now()): Promise<number> {
  let sent = 0;
  for (const [days, kind] of [
    [1, "expiry_d1"],
    [7, "expiry_d7"],
  ] as const) {
    const { value } = await command(async (tx) => {
      const due = await tx
        .select({ orderId: orders.id, buyerId: orders.buyerId, expiresAt: gifticons.expiresAt, name: products.name, brand: brands.name })
        .from(orders)
        .innerJoin(listings, eq(listings.id, orders.listingId))
        .innerJoin(gifticons, eq(gifticons.id, listings.gifticonId))
        .innerJoin(products, eq(products.id, orders.productId))
        .innerJoin(brands, eq(brands.id, products.brandId))
        .where(
          and(
            inArray(orders.status, ["paid", "completed"]),
            isNull(orders.usedAt),
            sql`${gifticons.expiresAt} > ${new Date(now)}`,
            sql`${gifticons.expiresAt} <= ${new Date(now + days * DAY)}`,
            sql`NOT EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = ${orders.buyerId} AND n.dedupe_key = CONCAT(${kind}, ':', ${orders.id}))`,
          ),
        )
        .limit(limit);
      for (const d of due) {
        await notify(tx, d.buyerId, {
          kind,
          title: days === 1 ? `${d.brand} ${d.name} 기프티콘이 내일 만료됩니다 (D-1)` : `${d.brand} ${d.name} 기프티콘 유효기간이 7일 남았습니다 (D-7)`,
          body: "아직 사용 완료로 표시하지 않은 기프티콘입니다. 기간 안에 사용하세요.",
          href: `/orders/${d.orderId}`,
          dedupeKey: `${kind}:${d.orderId}`,
        });
      }
      return due.length;
    });
    sent += value;
  }
  return sent;
}
