"use server";

import { z } from "zod";
import { idSchema } from "@/lib/market/schemas";
import { confirmOrder, disputeOrder, markOrderUsed } from "@/lib/orders/commands";
import { disputeSchema } from "@/lib/orders/schemas";
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
  async ({ orderId, reason }, { actor }) => {
    const { seq } = await disputeOrder(actor, orderId, reason);
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
