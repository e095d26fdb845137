import { myOrders } from "@/lib/accounts/queries";
import { userApi } from "@/lib/http/api";
import { productJson } from "@/lib/http/shapes";

// GET /api/me/orders: the user's trades as buyer and as seller, newest first (codes only in /api/orders/{id}).
export const GET = userApi({}, async ({ actor, minSeq }) => {
  const rows = await myOrders({ userId: actor.id, minSeq });
  return {
    body: {
      items: rows.map((o) => ({
        id: o.id,
        role: o.role,
        status: o.status,
        price: o.price,
        discount: o.discount,
        paid: o.paid,
        createdAt: o.createdAt,
        confirmDueAt: o.confirmDueAt,
        completedAt: o.completedAt,
        product: productJson(o.product),
      })),
    },
  };
});
