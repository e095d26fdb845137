import { AppError } from "@/lib/errors";
import { userApi } from "@/lib/http/api";
import { pathId } from "@/lib/http/params";
import { parseOrThrow } from "@/lib/http/respond";
import { enforceRateLimit } from "@/lib/security/rate-limit";
import { cancelListing, updateListing } from "@/lib/market/commands/listings";
import { updateListingSchema } from "@/lib/market/schemas";

const notFound = () => new AppError("not_found", "listing_not_found", "판매 글을 찾을 수 없습니다.");

// PATCH /api/listings/{id} {price?, deadline?} → {id, status, price, orderId?} (the seller only)
export const PATCH = userApi<{ id: string }>({ write: true }, async ({ actor, params, body }) => {
  const id = pathId(params.id, notFound);
  await enforceRateLimit("reprice", `user:${actor.id}`);
  const { value, seq } = await updateListing(actor, id, parseOrThrow(updateListingSchema, body));
  return { body: value, seq };
});

// DELETE /api/listings/{id} → {id, status: "cancelled"} (the seller only; the code may be listed again)
export const DELETE = userApi<{ id: string }>({ write: true }, async ({ actor, params }) => {
  const { value, seq } = await cancelListing(actor, pathId(params.id, notFound));
  return { body: value, seq };
});
