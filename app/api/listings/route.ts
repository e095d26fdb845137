import { api, userApi } from "@/lib/http/api";
import { fingerprintWithCode } from "@/lib/http/fingerprint";
import { queryObject } from "@/lib/http/params";
import { parseOrThrow } from "@/lib/http/respond";
import { listingJson } from "@/lib/http/shapes";
import { createListing } from "@/lib/market/commands/listings";
import { listListings } from "@/lib/market/queries";
import { createListingApiSchema, listingsQuerySchema } from "@/lib/market/schemas";
import { enforceRateLimit } from "@/lib/security/rate-limit";

// GET /api/listings?productId=&sellerId=&cursor=&limit= → live listings, newest first: {items, nextCursor}
export const GET = api({}, async ({ req }) => {
  const q = parseOrThrow(listingsQuerySchema, queryObject(req.nextUrl.searchParams));
  const page = await listListings(q);
  return { body: { items: page.items.map(listingJson), nextCursor: page.nextCursor } };
});

// POST /api/listings {productId, price, code, expiresAt, deadline?, image?} → 201 {id, status, price, orderId?}
// (status "sold" with orderId when the ask met a bid at or above it and traded at once, at the bid's price)
export const POST = userApi({ write: true }, async ({ actor, body, idempotency }) => {
  await enforceRateLimit("trade", `user:${actor.id}`);
  const input = parseOrThrow(createListingApiSchema, body);
  const { value, seq } = await createListing(actor, input, idempotency("listing", fingerprintWithCode(input)));
  return { status: 201, body: value, seq };
});
