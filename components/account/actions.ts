"use server";

import { z } from "zod";
import { claimCouponSchema } from "@/lib/coupons/schemas";
import { claimCoupon } from "@/lib/coupons/commands";
import { changeNickname } from "@/lib/accounts/commands";
import { nicknameSchema } from "@/lib/accounts/schemas";
import { cancelBid } from "@/lib/market/commands/bids";
import { cancelListing, updateListing } from "@/lib/market/commands/listings";
import { formMoney, idSchema } from "@/lib/market/schemas";
import { formAction } from "@/lib/forms/action";
import { won } from "@/lib/format";

// My page: take back or reprice my listings, cancel my bids, add a coupon by its code.

export const cancelListingAction = formAction({ schema: z.object({ listingId: idSchema("판매 글") }) }, async ({ listingId }, { actor }) => {
  const { seq } = await cancelListing(actor, listingId);
  return { seq, message: "판매를 취소했습니다. 코드는 다시 등록할 수 있습니다." };
});

export const updateListingPriceAction = formAction(
  { schema: z.object({ listingId: idSchema("판매 글"), price: formMoney }), limit: "reprice" },
  async ({ listingId, price }, { actor }) => {
    const { seq, value } = await updateListing(actor, listingId, { price });
    if (value.status === "sold" && value.orderId) return { seq, redirectTo: `/orders/${value.orderId}?new=sold` };
    return { seq, message: `판매가를 ${won(value.price)}으로 바꿨습니다.` };
  },
);

export const cancelBidAction = formAction({ schema: z.object({ bidId: idSchema("구매 입찰") }) }, async ({ bidId }, { actor }) => {
  const { seq } = await cancelBid(actor, bidId);
  return { seq, message: "구매 입찰을 취소하고 보류한 포인트를 돌려받았습니다." };
});

export const claimCouponAction = formAction({ schema: claimCouponSchema, limit: "claim" }, async ({ code }, { actor }) => {
  const { seq, value } = await claimCoupon(actor, code);
  return { seq, message: `쿠폰을 받았습니다: ‘${value.name}’` };
});

export const changeNicknameAction = formAction({ schema: z.object({ nickname: nicknameSchema }) }, async ({ nickname }, { actor }) => {
  const { seq } = await changeNickname(actor, nickname);
  return { seq, message: `닉네임을 ‘${nickname}’(으)로 바꿨습니다.` };
});
