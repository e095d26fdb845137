import { userApi } from "@/lib/http/api";
import { parseOrThrow } from "@/lib/http/respond";
import { markNotificationsRead } from "@/lib/notifications/commands";
import { markReadSchema } from "@/lib/notifications/schemas";


// POST /api/notifications/read {ids?} → {read: true}: marks the named (or all) unread notifications read.
export const POST = userApi({ write: true }, async ({ actor, body }) => {
  const { ids } = parseOrThrow(markReadSchema, body ?? {});
  const { value, seq } = await markNotificationsRead(actor, ids);
  return { body: value, seq };
});
