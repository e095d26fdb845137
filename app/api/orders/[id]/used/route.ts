import { AppError } from "@/lib/errors";
import { userApi } from "@/lib/http/api";
import { pathId } from "@/lib/http/params";
import { parseOrThrow } from "@/lib/http/respond";
import { markOrderUsed } from "@/lib/orders/commands";
import { markUsedSchema } from "@/lib/orders/schemas";

const notFound = () => new AppError("not_found", "order_not_found", "주문을 찾을 수 없습니다.");

// PUT /api/orders/{id}/used {used: boolean} → {id, used}: the buyer's own "사용 완료" mark.
export const PUT = userApi<{ id: string }>({ write: true }, async ({ actor, params, body }) => {
  const id = pathId(params.id, notFound);
  const { used } = parseOrThrow(markUsedSchema, body);
  const { value, seq } = await markOrderUsed(actor, id, used);
  return { body: value, seq };
});
