import { AppError } from "@/lib/errors";
import { userApi } from "@/lib/http/api";
import { fingerprintWithCode } from "@/lib/http/fingerprint";
import { pathId } from "@/lib/http/params";
import { parseOrThrow } from "@/lib/http/respond";
import { fillBid } from "@/lib/market/commands/bids";
import { fillBidApiSchema } from "@/lib/market/schemas";
import { enforceRateLimit } from "@/lib/security/rate-limit";

const notFound = () => new AppError("not_found", "bid_not_found", "구매 입찰을 찾을 수 없습니다.");

// POST /api/bids/{id}/fill {code, expiresAt, image?} → 201 {orderId, price}: sell now, at the bid's price.
export const POST = userApi<{ id: string }>({ write: true }, async ({ actor, params, body, idempotency }) => {
  await enforceRateLimit("trade", `user:${actor.id}`);
  const bidId = pathId(params.id, notFound);
  const input = parseOrThrow(fillBidApiSchema, body);
  const { value, seq } = await fillBid(actor, bidId, input, idempotency(`fill:${bidId}`, fingerprintWithCode(input)));
  return { status: 201, body: value, seq };
});
