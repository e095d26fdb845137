import { myListings } from "@/lib/accounts/queries";
import { userApi } from "@/lib/http/api";
import { productJson } from "@/lib/http/shapes";

// GET /api/me/listings: the seller's own listings in every status, newest first. The last four characters
// of each code help the seller tell their vouchers apart; the code itself is never listed.
export const GET = userApi({}, async ({ actor, minSeq }) => {
  const rows = await myListings({ userId: actor.id, minSeq: await minSeq() });
  return {
    body: {
      items: rows.map((l) => ({
        id: l.id,
        price: l.price,
        status: l.status,
        expiresAt: l.deadline,
        gifticonExpiresAt: l.expiresAt,
        codeLast4: l.codeLast4,
        createdAt: l.createdAt,
        orderId: l.orderId,
        product: productJson(l.product),
      })),
    },
  };
});
