import { userApi } from "@/lib/http/api";
import { parseOrThrow } from "@/lib/http/respond";
import { topUp } from "@/lib/points/commands";
import { topUpSchema } from "@/lib/points/schemas";

// POST /api/points/top-up {amount, card?} → 200 {status:"succeeded", paymentId, points, heldPoints}, or
// 202 {status:"pending", paymentId} when the payment provider did not answer in time (it is settled by the
// sweeper; retry with the same Idempotency-Key to read the outcome). Idempotency-Key honoured: a retry
// never charges or credits twice. TEST MODE: no money moves; card 4242424242424242 (the default)
// succeeds, 4000000000000002 is declined (400 payment_declined, fields.card).
export const POST = userApi({ write: true }, async ({ actor, body, idempotency }) => {
  const input = parseOrThrow(topUpSchema, body);
  const { value, seq } = await topUp(actor, input, idempotency("top-up", { amount: input.amount }));
  return { status: value.status === "pending" ? 202 : 200, body: { ...value, testMode: true }, seq };
});
