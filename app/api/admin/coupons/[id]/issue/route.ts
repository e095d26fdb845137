import { issueCoupon } from "@/lib/coupons/commands";
import { issueCouponApiSchema } from "@/lib/coupons/schemas";
import { AppError } from "@/lib/errors";
import { adminApi } from "@/lib/http/api";
import { pathId } from "@/lib/http/params";
import { parseOrThrow } from "@/lib/http/respond";

const notFound = () => new AppError("not_found", "coupon_not_found", "쿠폰을 찾을 수 없습니다.");

// POST /api/admin/coupons/{id}/issue {userId} or {email} → 201 {id, userId}: the coupon goes into that
// member's wallet (once).
export const POST = adminApi<{ id: string }>({ write: true }, async ({ actor, params, body }) => {
  const couponId = pathId(params.id, notFound);
  const to = parseOrThrow(issueCouponApiSchema, body);
  const { value, seq } = await issueCoupon(actor, { couponId, ...to });
  return { status: 201, body: value, seq };
});
