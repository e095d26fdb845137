import { auditLog } from "@/lib/admin/queries";
import { auditQuerySchema } from "@/lib/admin/schemas";
import { adminApi } from "@/lib/http/api";
import { queryObject } from "@/lib/http/params";
import { parseOrThrow } from "@/lib/http/respond";

// GET /api/admin/audit?cursor&limit → {items: [{id, admin, action, target, reason, detail, at}], nextCursor}:
// every admin decision, newest first.
export const GET = adminApi({}, async ({ req, minSeq }) => {
  const q = parseOrThrow(auditQuerySchema, queryObject(req.nextUrl.searchParams));
  return { body: await auditLog({ minSeq: await minSeq() }, q) };
});
