"use server";

import { z } from "zod";
import { idSchema } from "@/lib/market/schemas";
import { confirmOrder, disputeOrder, markOrderUsed, respondToDispute } from "@/lib/orders/commands";
import { readVoucherImage } from "@/lib/forms/form-data";
import { disputeResponseSchema, disputeSchema } from "@/lib/orders/schemas";
import { formAction } from "@/lib/forms/action";

// After a trade, the buyer confirms the code worked (the seller is paid) or reports a problem.

const orderId = idSchema("주문");

export const confirmOrderAction = formAction({ schema: z.object({ orderId }) }, async ({ orderId }, { actor }) => {
  const { seq } = await confirmOrder(actor, orderId);
  // The forms leave the page with the order's new state; the note says what happened.
  return { seq, redirectTo: `/orders/${orderId}?new=confirmed` };
});

export const disputeOrderAction = formAction(
  { schema: disputeSchema.extend({ orderId }) },
  async ({ orderId, reason, category }, { actor, formData }) => {
    const photo = await readVoucherImage(formData, "photo");
    const { seq } = await disputeOrder(actor, orderId, reason, { category, photo });
    return { seq, redirectTo: `/orders/${orderId}?new=disputed` };
  },
);

export const markUsedAction = formAction(
  { schema: z.object({ orderId, used: z.enum(["1", "0"], { error: "잘못된 요청입니다." }).transform((v) => v === "1") }) },
  async ({ orderId, used }, { actor }) => {
    const { seq } = await markOrderUsed(actor, orderId, used);
    return { seq, message: used ? "사용 완료로 표시했습니다." : "사용 완료 표시를 지웠습니다." };
  },
);

export const respondToDisputeAction = formAction({ schema: disputeResponseSchema.extend({ orderId }) }, async ({ orderId, response }, { actor }) => {
  const { seq } = await respondToDispute(actor, orderId, response);
  return { seq, message: "답변을 보냈습니다. 관리자가 양쪽 내용을 보고 결정합니다." };
});
