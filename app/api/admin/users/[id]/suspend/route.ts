import { suspendUser } from "@/lib/accounts/commands";
import { suspendSchema } from "@/lib/admin/schemas";
import { AppError } from "@/lib/errors";
import { adminApi } from "@/lib/http/api";
import { pathId } from "@/lib/http/params";
import { parseOrThrow } from "@/lib/http/respond";

const notFound = () => new AppError("not_found", "user_not_found", "회원을 찾을 수 없습니다.");

// POST /api/admin/users/{id}/suspend {reason} → {id, status:"suspended", listingsCancelled, bidsCancelled}:
// at once, the member's listings and bids leave the books, their sessions end, their payouts wait.
export const POST = adminApi<{ id: string }>({ write: true }, async ({ actor, params, body }) => {
  const userId = pathId(params.id, notFound);
  const { reason } = parseOrThrow(suspendSchema, body);
  const { value, seq } = await suspendUser(actor, userId, reason);
  return { body: value, seq };
});
