import { myCoupons } from "@/lib/accounts/queries";
import { userApi } from "@/lib/http/api";

// GET /api/me/coupons: the user's coupon wallet; `couponId` is what POST /api/orders takes.
export const GET = userApi({}, async ({ actor, minSeq }) => {
  const rows = await myCoupons({ userId: actor.id, minSeq: await minSeq() });
  return {
    body: {
      items: rows.map((c) => ({ couponId: c.couponId, code: c.code, name: c.name, description: c.description, kind: c.kind, value: c.value, minPrice: c.minPrice, maxDiscount: c.maxDiscount, validUntil: c.validUntil, usedAt: c.usedAt, usable: c.usable })),
    },
  };
});
