"use server";

import { takeDownListing } from "@/lib/market/commands/takedown";
import { z } from "zod";
import { reinstateUser, suspendUser } from "@/lib/accounts/commands";
import { adminReasonSchema } from "@/lib/admin/schemas";
import { createBrand, createProduct, updateProduct } from "@/lib/catalog/commands";
import { brandSchema, productSchema } from "@/lib/catalog/schemas";
import { createCoupon, issueCoupon, setCouponActive } from "@/lib/coupons/commands";
import { createCouponSchema, issueCouponSchema } from "@/lib/coupons/schemas";
import { idSchema } from "@/lib/market/schemas";
import { resolveDispute } from "@/lib/orders/commands";
import { processWithdrawal } from "@/lib/points/commands";
import { formAction } from "@/lib/forms/action";

// The admin pages' actions. Each command re-checks on the primary that the actor is an active admin.

const admin = "admin" as const;
const bool = z.enum(["true", "false"]).transform((v) => v === "true");

export const resolveDisputeAction = formAction(
  {
    schema: z.object({ orderId: idSchema("주문"), outcome: z.enum(["complete", "refund"], { error: "처리 방법을 고르세요." }), note: adminReasonSchema.optional() }),
    who: admin,
  },
  async ({ orderId, outcome, note }, { actor }) => {
    const { seq } = await resolveDispute(actor, orderId, outcome, note);
    return { seq, message: outcome === "refund" ? `주문 #${orderId}: 구매자에게 환불했습니다.` : `주문 #${orderId}: 판매자에게 대금을 지급했습니다.` };
  },
);

export const createCouponAction = formAction({ schema: createCouponSchema, who: admin }, async (input, { actor }) => {
  const { seq } = await createCoupon(actor, input);
  return { seq, message: `쿠폰을 만들었습니다: ${input.code}` };
});

export const setCouponActiveAction = formAction(
  { schema: z.object({ couponId: idSchema("쿠폰"), active: bool }), who: admin },
  async ({ couponId, active }, { actor }) => {
    const { seq } = await setCouponActive(actor, couponId, active);
    return { seq, message: active ? "쿠폰을 다시 쓸 수 있게 했습니다." : "쿠폰을 중지했습니다." };
  },
);

export const issueCouponAction = formAction({ schema: issueCouponSchema, who: admin }, async (input, { actor }) => {
  const { seq } = await issueCoupon(actor, input);
  return { seq, message: `쿠폰을 발급했습니다: ${input.email}` };
});

export const createBrandAction = formAction({ schema: brandSchema, who: admin }, async (input, { actor }) => {
  const { seq } = await createBrand(actor, input);
  return { seq, message: `브랜드를 추가했습니다: ‘${input.name}’` };
});

export const createProductAction = formAction({ schema: productSchema, who: admin }, async (input, { actor }) => {
  const { seq, value } = await createProduct(actor, input);
  return { seq, message: `상품을 추가했습니다: ‘${input.name}’ (#${value.id})` };
});

export const updateProductAction = formAction(
  {
    schema: productSchema.pick({ name: true, faceValue: true }).extend({ productId: idSchema("상품"), active: bool }),
    who: admin,
  },
  async ({ productId, ...input }, { actor }) => {
    const { seq } = await updateProduct(actor, productId, input);
    return { seq, message: "저장했습니다." };
  },
);

export const suspendUserAction = formAction(
  { schema: z.object({ userId: idSchema("회원"), reason: adminReasonSchema }), who: admin },
  async ({ userId, reason }, { actor }) => {
    const { seq, value } = await suspendUser(actor, userId, reason);
    return { seq, message: `이용을 정지했습니다. 판매 글 ${value.listingsCancelled}개와 구매 입찰 ${value.bidsCancelled}개를 내렸습니다.` };
  },
);

export const reinstateUserAction = formAction(
  { schema: z.object({ userId: idSchema("회원"), reason: adminReasonSchema.optional() }), who: admin },
  async ({ userId, reason }, { actor }) => {
    const { seq, value } = await reinstateUser(actor, userId, reason);
    return { seq, message: value.payoutsReleased ? `정지를 풀고 보류된 판매 대금 ${value.payoutsReleased}건을 지급했습니다.` : "정지를 풀었습니다." };
  },
);

export const processWithdrawalAction = formAction(
  { schema: z.object({ withdrawalId: idSchema("출금 신청"), outcome: z.enum(["paid", "rejected"]), reason: adminReasonSchema.optional() }), who: admin },
  async ({ withdrawalId, outcome, reason }, { actor }) => {
    const { seq } = await processWithdrawal(actor, withdrawalId, outcome, reason);
    return { seq, message: outcome === "paid" ? "입금 완료로 처리했습니다." : "반려하고 포인트를 돌려줬습니다." };
  },
);

export const takeDownListingAction = formAction(
  { schema: z.object({ listingId: idSchema("판매 글"), reason: adminReasonSchema }), who: admin },
  async ({ listingId, reason }, { actor }) => {
    const { seq } = await takeDownListing(actor, listingId, reason);
    return { seq, message: `판매 글 #${listingId}을 내렸습니다.` };
  },
);
