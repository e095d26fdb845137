import { myBids } from "@/lib/accounts/queries";
import { userApi } from "@/lib/http/api";
import { productJson } from "@/lib/http/shapes";

// GET /api/me/bids: the user's buy bids in every status, newest first.
export const GET = userApi({}, async ({ actor, minSeq }) => {
  const rows = await myBids({ userId: actor.id, minSeq: await minSeq() });
  return {
    body: {
      items: rows.map((b) => ({ id: b.id, price: b.price, status: b.status, expiresAt: b.deadline, createdAt: b.createdAt, orderId: b.orderId, product: productJson(b.product) })),
    },
  };
});
