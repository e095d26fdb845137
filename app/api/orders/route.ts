import { AppError } from "@/lib/errors";
import { userApi } from "@/lib/http/api";
import { parseOrThrow } from "@/lib/http/respond";
import { buyListing, buyLowest } from "@/lib/market/commands/buy";
import { buyLowestSchema, buySchema } from "@/lib/market/schemas";
import { enforceRateLimit } from "@/lib/security/rate-limit";

/** An id from the body that names nothing is also reported on that field (the form shows it there). */
const onField = (field: string) => (e: unknown): never => {
  if (e instanceof AppError && e.kind === "not_found" && !e.fields) throw new AppError(e.kind, e.code, e.message, { fields: { [field]: [e.message] } });
  throw e;
};

const namesProductOnly = (b: unknown) => !!b && typeof b === "object" && "productId" in b && !("listingId" in b);

// POST /api/orders → 201 {id, listingId, productId, price, discount, paid}: buy now.
//   {listingId, couponId?}            that listing
//   {productId, maxPrice?, couponId?} the product's cheapest live ask, never above maxPrice
export const POST = userApi({ write: true }, async ({ actor, body, idempotency }) => {
  await enforceRateLimit("trade", `user:${actor.id}`);
  if (namesProductOnly(body)) {
    const input = parseOrThrow(buyLowestSchema, body);
    const { value, seq } = await buyLowest(actor, input, idempotency("buy-lowest", input));
    return { status: 201, body: value, seq };
  }
  const input = parseOrThrow(buySchema, body);
  const { value, seq } = await buyListing(actor, input, idempotency("buy", input)).catch(onField("listingId"));
  return { status: 201, body: value, seq };
});
