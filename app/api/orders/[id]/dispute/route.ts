import { AppError } from "@/lib/errors";
import { userApi } from "@/lib/http/api";
import { pathId } from "@/lib/http/params";
import { parseOrThrow } from "@/lib/http/respond";
import { disputeOrder } from "@/lib/orders/commands";
import { apiDisputeSchema } from "@/lib/orders/schemas";

const notFound = () => new AppError("not_found", "order_not_found", "주문을 찾을 수 없습니다.");

// POST /api/orders/{id}/dispute {reason, category?, photo?} → {id, status: "disputed"}: the payment is frozen
// until an admin decides. photo: a data URL (PNG/JPEG/WebP ≤ 2 MB), private to the parties and admins.
export const POST = userApi<{ id: string }>({ write: true }, async ({ actor, params, body }) => {
  const id = pathId(params.id, notFound);
  const { reason, category, photo } = parseOrThrow(apiDisputeSchema, body);
  const { value, seq } = await disputeOrder(actor, id, reason, { category, photo });
  return { body: value, seq };
});
