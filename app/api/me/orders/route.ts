import { myOrders } from "@/lib/accounts/queries";
import { userApi } from "@/lib/http/api";
import { orderJson } from "@/lib/http/shapes";

// GET /api/me/orders: the user's trades as buyer and as seller, newest first (codes only in /api/orders/{id}).
export const GET = userApi({}, async ({ actor, minSeq }) => {
  const rows = await myOrders({ userId: actor.id, minSeq: await minSeq() });
  return {
    body: {
      items: rows.map(orderJson),
    },
  };
});
