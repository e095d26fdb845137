import { userApi } from "@/lib/http/api";
import { parseOrThrow } from "@/lib/http/respond";
import { requestWithdrawal } from "@/lib/points/commands";
import { withdrawSchema } from "@/lib/points/schemas";

// POST /api/points/withdrawals {amount, bankName, accountNumber} → 201 {id, points}: the points leave the
// balance at once; an admin pays the request out (or rejects it, and the points come back).
export const POST = userApi({ write: true }, async ({ actor, body }) => {
  const { value, seq } = await requestWithdrawal(actor, parseOrThrow(withdrawSchema, body));
  return { status: 201, body: { id: value.id, points: value.points }, seq };
});
