"use server";

import { withJosa } from "@/lib/josa";
import { z } from "zod";
import { fillBid, placeBid } from "@/lib/market/commands/bids";
import { buyListing, buyLowest } from "@/lib/market/commands/buy";
import { fillBidSchema, formMoney, idSchema, placeBidSchema } from "@/lib/market/schemas";
import { setLike } from "@/lib/likes/commands";
import { formAction } from "@/lib/forms/action";
import { voucherChecks } from "@/lib/market/form-checks";
import { readVoucherImage } from "@/lib/forms/form-data";
import { won } from "@/lib/format";

// The product page's trades: buy now (the cheapest ask, or a chosen one), bid, sell now into a bid, like.

const couponId = idSchema("쿠폰").optional();

export const toggleLikeAction = formAction(
  { schema: z.object({ productId: idSchema("상품"), liked: z.enum(["true", "false"]) }), limit: "like" },
  async ({ productId, liked }, { actor }) => {
    const { seq, value } = await setLike(actor, productId, liked === "true");
    return { seq, message: value.liked ? "찜했습니다." : "찜을 해제했습니다." };
  },
);

export const buyNowAction = formAction(
  { schema: z.object({ productId: idSchema("상품"), maxPrice: formMoney, couponId }), limit: "trade" },
  async (input, { actor, idempotency }) => {
    const { seq, value } = await buyLowest(actor, input, idempotency("ui:buy-lowest", input));
    return { seq, redirectTo: `/orders/${value.id}?new=bought` };
  },
);

export const buyListingAction = formAction(
  { schema: z.object({ listingId: idSchema("판매 글"), expectedPrice: formMoney, couponId }), limit: "trade" },
  async (input, { actor, idempotency }) => {
    const { seq, value } = await buyListing(actor, input, idempotency("ui:buy-listing", input));
    return { seq, redirectTo: `/orders/${value.id}?new=bought` };
  },
);

export const placeBidAction = formAction(
  { schema: placeBidSchema.extend({ price: formMoney }), limit: "trade" },
  async (input, { actor, idempotency }) => {
    const { seq, value } = await placeBid(actor, input, idempotency("ui:place-bid", { ...input, deadline: input.deadline?.toISOString() }));
    if (value.status === "filled" && value.orderId) return { seq, redirectTo: `/orders/${value.orderId}?new=bid-filled` };
    return { seq, message: `구매 입찰을 등록했습니다. ${withJosa(won(value.price), "이/가")} 체결될 때까지 보류됩니다.` };
  },
);

export const fillBidAction = formAction(
  { schema: fillBidSchema.extend({ bidId: idSchema("구매 입찰"), expectedPrice: formMoney }), limit: "trade", fieldChecks: voucherChecks },
  async ({ bidId, ...input }, { actor, formData, idempotency }) => {
    const image = await readVoucherImage(formData);
    const request = { bidId, expectedPrice: input.expectedPrice, expiresAt: input.expiresAt.toISOString() };
    const { seq, value } = await fillBid(actor, bidId, { ...input, image }, idempotency("ui:fill-bid", request));
    return { seq, redirectTo: `/orders/${value.orderId}?new=sold` };
  },
);
