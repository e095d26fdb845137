import { userApi } from "@/lib/http/api";
import { parseOrThrow } from "@/lib/http/respond";
import { requestWithdrawal } from "@/lib/points/commands";
import { withdrawSchema } from "@/lib/points/schemas";

// POST /api/points/withdrawals {amount, bankName, accountNumber} → 201 {id, points}: the points leave the
// balance at once; an admin pays the request out (or rejects it, and the points come back). The account
// number is stored encrypted and shown masked everywhere but the admin's payout screen. Idempotency-Key
// honoured: a retry makes one request.
export const POST = userApi({ write: true }, async ({ actor, body, idempotency }) => {
  const input = parseOrThrow(withdrawSchema, body);
  const { value, seq } = await requestWithdrawal(actor, input, idempotency("withdrawal", {}));
  return { status: 201, body: { id: value.id, points: value.points }, seq };
});
