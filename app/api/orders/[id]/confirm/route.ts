import { AppError } from "@/lib/errors";
import { userApi } from "@/lib/http/api";
import { pathId } from "@/lib/http/params";
import { confirmOrder } from "@/lib/orders/commands";

const notFound = () => new AppError("not_found", "order_not_found", "주문을 찾을 수 없습니다.");

// POST /api/orders/{id}/confirm → {id, status: "completed"}: the buyer says the code worked; the seller is paid.
export const POST = userApi<{ id: string }>({ write: true }, async ({ actor, params }) => {
  const { value, seq } = await confirmOrder(actor, pathId(params.id, notFound));
  return { body: value, seq };
});
