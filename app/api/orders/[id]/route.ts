import { AppError } from "@/lib/errors";
import { userApi } from "@/lib/http/api";
import { pathId } from "@/lib/http/params";
import { orderJson } from "@/lib/http/shapes";
import { getOrderForUser } from "@/lib/orders/queries";

const notFound = () => new AppError("not_found", "order_not_found", "주문을 찾을 수 없습니다.");

// GET /api/orders/{id}: the order with the voucher's code, for its buyer and its seller only. Everyone else
// gets the same 404 as for an order that does not exist.
export const GET = userApi<{ id: string }>({}, async ({ actor, params }) => {
  const id = pathId(params.id, notFound);
  const o = await getOrderForUser(actor.id, id);
  return {
    body: {
      ...orderJson(o),
      disputeReason: o.disputeReason,
      usedAt: o.usedAt,
      dispute: o.dispute,
      sellerNickname: o.sellerNickname,
      gifticon: {
        code: o.gifticon.code,
        last4: o.gifticon.last4,
        expiresAt: o.gifticon.expiresAt,
        imageUrl: o.gifticon.hasImage ? `/api/orders/${o.id}/image` : null,
      },
    },
  };
});
