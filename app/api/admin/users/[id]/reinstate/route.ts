import { reinstateUser } from "@/lib/accounts/commands";
import { reinstateSchema } from "@/lib/admin/schemas";
import { AppError } from "@/lib/errors";
import { adminApi } from "@/lib/http/api";
import { pathId } from "@/lib/http/params";
import { parseOrThrow } from "@/lib/http/respond";

const notFound = () => new AppError("not_found", "user_not_found", "회원을 찾을 수 없습니다.");

// POST /api/admin/users/{id}/reinstate {reason?} → {id, status:"active", payoutsReleased}: the suspension
// ends; sales held meanwhile are paid out. Old sessions stay ended (the member signs in again).
export const POST = adminApi<{ id: string }>({ write: true }, async ({ actor, params, body }) => {
  const userId = pathId(params.id, notFound);
  const { reason } = parseOrThrow(reinstateSchema, body);
  const { value, seq } = await reinstateUser(actor, userId, reason);
  return { body: value, seq };
});
