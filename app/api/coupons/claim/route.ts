import { claimCoupon } from "@/lib/coupons/commands";
import { claimCouponSchema } from "@/lib/coupons/schemas";
import { userApi } from "@/lib/http/api";
import { parseOrThrow } from "@/lib/http/respond";
import { enforceRateLimit } from "@/lib/security/rate-limit";

// POST /api/coupons/claim {code} → 201 {couponId, name}: adds an admin's coupon to the user's wallet by its
// code; `couponId` is what POST /api/orders takes.
export const POST = userApi({ write: true }, async ({ actor, body }) => {
  await enforceRateLimit("claim", `user:${actor.id}`);
  const { code } = parseOrThrow(claimCouponSchema, body);
  const { value, seq } = await claimCoupon(actor, code);
  return { status: 201, body: { couponId: value.couponId, name: value.name }, seq };
});
