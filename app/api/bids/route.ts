import { userApi } from "@/lib/http/api";
import { parseOrThrow } from "@/lib/http/respond";
import { placeBid } from "@/lib/market/commands/bids";
import { placeBidSchema } from "@/lib/market/schemas";
import { enforceRateLimit } from "@/lib/security/rate-limit";

// POST /api/bids {productId, price, deadline?} → 201 {id, status: "active", price} with the points held, or
// {id, status: "filled", price, orderId} when it met an ask at or below it (traded at the ask's price).
export const POST = userApi({ write: true }, async ({ actor, body, idempotency }) => {
  await enforceRateLimit("trade", `user:${actor.id}`);
  const input = parseOrThrow(placeBidSchema, body);
  const { value, seq } = await placeBid(actor, input, idempotency("bid", input));
  return { status: 201, body: value, seq };
});
