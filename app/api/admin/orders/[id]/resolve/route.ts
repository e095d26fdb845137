import { resolveSchema } from "@/lib/admin/schemas";
import { AppError } from "@/lib/errors";
import { adminApi } from "@/lib/http/api";
import { pathId } from "@/lib/http/params";
import { parseOrThrow } from "@/lib/http/respond";
import { resolveDispute } from "@/lib/orders/commands";

const notFound = () => new AppError("not_found", "order_not_found", "주문을 찾을 수 없습니다.");

// POST /api/admin/orders/{id}/resolve {outcome: "complete" | "refund", note} → {id, status}: a disputed order
// is completed (the seller is paid) or refunded (the buyer gets the points back and loses the code).
// 403 own_case when the admin is the order's buyer or seller.
export const POST = adminApi<{ id: string }>({ write: true }, async ({ actor, params, body }) => {
  const orderId = pathId(params.id, notFound);
  const { outcome, note } = parseOrThrow(resolveSchema, body);
  const { value, seq } = await resolveDispute(actor, orderId, outcome, note);
  return { body: value, seq };
});
