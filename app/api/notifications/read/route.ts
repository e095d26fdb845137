import { z } from "zod";
import { userApi } from "@/lib/http/api";
import { parseOrThrow } from "@/lib/http/respond";
import { markNotificationsRead } from "@/lib/notifications/commands";

const readSchema = z.object({ ids: z.array(z.number().int().positive()).max(100).optional() }).default({});

// POST /api/notifications/read {ids?} → {read: true}: marks the named (or all) unread notifications read.
export const POST = userApi({ write: true }, async ({ actor, body }) => {
  const { ids } = parseOrThrow(readSchema, body ?? {});
  const { value, seq } = await markNotificationsRead(actor, ids);
  return { body: value, seq };
});
