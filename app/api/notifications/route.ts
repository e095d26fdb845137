import { userApi } from "@/lib/http/api";
import { listNotifications } from "@/lib/notifications/queries";

// GET /api/notifications → {items: [{id, kind, title, body, href, readAt, createdAt}], unread}: newest 50.
export const GET = userApi({}, async ({ actor, minSeq }) => {
  const { items, unread } = await listNotifications({ userId: actor.id, minSeq: await minSeq() });
  return { body: { items, unread } };
});
