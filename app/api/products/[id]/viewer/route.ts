import { productViewer } from "@/lib/accounts/queries";
import { AppError } from "@/lib/errors";
import { api } from "@/lib/http/api";
import { pathId } from "@/lib/http/params";

const notFound = () => new AppError("not_found", "product_not_found", "상품을 찾을 수 없습니다.");

// GET /api/products/{id}/viewer: what the product page shows only to the person looking at it (their
// points, usable coupons, whether they like it, which bids and listings on it are theirs). The page itself
// is the same for everyone and served from the cache; the browser asks for this after it loads.
// Signed out → {signedIn: false} (200, so a visitor's console shows no error). Read-your-writes (minSeq).
export const GET = api<{ id: string }>({}, async ({ params, actor, minSeq }) => {
  const productId = pathId(params.id, notFound);
  if (!actor) return { body: { signedIn: false } };
  const { me, coupons, liked, myBidIds, myListingIds } = await productViewer({ userId: actor.id, minSeq: await minSeq() }, productId);
  if (!me) return { body: { signedIn: false } };
  return {
    body: {
      signedIn: true,
      me: { id: me.id, nickname: me.nickname, points: me.points, heldPoints: me.heldPoints },
      coupons: coupons
        .filter((c) => c.usable)
        .map((c) => ({ couponId: c.couponId, name: c.name, description: c.description, kind: c.kind, value: c.value, minPrice: c.minPrice, maxDiscount: c.maxDiscount })),
      liked,
      myBidIds,
      myListingIds,
    },
  };
});
