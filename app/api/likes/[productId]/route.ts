import { AppError } from "@/lib/errors";
import { userApi } from "@/lib/http/api";
import { pathId } from "@/lib/http/params";
import { setLike } from "@/lib/likes/commands";
import { enforceRateLimit } from "@/lib/security/rate-limit";

const notFound = () => new AppError("not_found", "product_not_found", "상품을 찾을 수 없습니다.");

// PUT /api/likes/{productId} saves a product, DELETE un-saves it; both idempotent → {productId, liked}.
// Rate-limited per user (RATE_LIMIT_LIKE): each toggle re-renders the product's cached page for everyone.
export const PUT = userApi<{ productId: string }>({ write: true }, async ({ actor, params }) => {
  await enforceRateLimit("like", `user:${actor.id}`);
  const { value, seq } = await setLike(actor, pathId(params.productId, notFound), true);
  return { body: value, seq };
});

export const DELETE = userApi<{ productId: string }>({ write: true }, async ({ actor, params }) => {
  await enforceRateLimit("like", `user:${actor.id}`);
  const { value, seq } = await setLike(actor, pathId(params.productId, notFound), false);
  return { body: value, seq };
});
