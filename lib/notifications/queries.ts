import "server-only";
import { and, count, desc, eq, isNull } from "drizzle-orm";
import { notifications } from "@/db/schema";
import { readFresh } from "@/lib/read/router";

// A user's own notifications, as of their last write (read-your-writes), never from a shared cache.

export type NotificationItem = { id: number; kind: string; title: string; body: string | null; href: string | null; readAt: Date | null; createdAt: Date };

export function listNotifications(ctx: { userId: number; minSeq: number }, limit = 50) {
  return readFresh(ctx.minSeq, async (db) => {
    const [items, [{ unread }]] = await Promise.all([
      db
        .select({ id: notifications.id, kind: notifications.kind, title: notifications.title, body: notifications.body, href: notifications.href, readAt: notifications.readAt, createdAt: notifications.createdAt })
        .from(notifications)
        .where(eq(notifications.userId, ctx.userId))
        .orderBy(desc(notifications.id))
        .limit(limit),
      db.select({ unread: count() }).from(notifications).where(and(eq(notifications.userId, ctx.userId), isNull(notifications.readAt))),
    ]);
    return { items: items as NotificationItem[], unread };
  });
}

export function unreadCount(ctx: { userId: number; minSeq: number }) {
  return readFresh(ctx.minSeq, async (db) => {
    const [{ unread }] = await db.select({ unread: count() }).from(notifications).where(and(eq(notifications.userId, ctx.userId), isNull(notifications.readAt)));
    return unread;
  });
}
