import { createCoupon } from "@/lib/coupons/commands";
import { createCouponSchema } from "@/lib/coupons/schemas";
import { adminApi } from "@/lib/http/api";
import { parseOrThrow } from "@/lib/http/respond";

// POST /api/admin/coupons {code, name, audience?, maxClaims?, kind, value, minPrice?, maxDiscount?,
// validUntil} → 201 {id}. audience "public" (default): anyone with the code claims it once, up to maxClaims
// in total; "issued": only members the admin issues it to (POST /api/admin/coupons/{id}/issue).
export const POST = adminApi({ write: true }, async ({ actor, body }) => {
  const { value, seq } = await createCoupon(actor, parseOrThrow(createCouponSchema, body));
  return { status: 201, body: value, seq };
});
