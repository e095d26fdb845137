"use server";

import { z } from "zod";
import { idSchema } from "@/lib/market/schemas";
import { confirmOrder, disputeOrder } from "@/lib/orders/commands";
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
