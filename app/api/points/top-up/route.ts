import { userApi } from "@/lib/http/api";
import { parseOrThrow } from "@/lib/http/respond";
import { topUp } from "@/lib/points/commands";
import { topUpSchema } from "@/lib/points/schemas";

// POST /api/points/top-up {amount, card?} → {points, heldPoints}. TEST MODE: no money moves; card
// 4242424242424242 (the default) succeeds, 4000000000000002 is declined (400, fields.card).
export const POST = userApi({ write: true }, async ({ actor, body }) => {
  const { value, seq } = await topUp(actor, parseOrThrow(topUpSchema, body));
  return { body: { points: value.points, heldPoints: value.heldPoints, testMode: true }, seq };
});
