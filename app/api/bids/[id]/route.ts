import { AppError } from "@/lib/errors";
import { userApi } from "@/lib/http/api";
import { pathId } from "@/lib/http/params";
import { cancelBid } from "@/lib/market/commands/bids";

const notFound = () => new AppError("not_found", "bid_not_found", "구매 입찰을 찾을 수 없습니다.");

// DELETE /api/bids/{id} → {id, status: "cancelled"}; the held points go back (the bid's buyer only).
export const DELETE = userApi<{ id: string }>({ write: true }, async ({ actor, params }) => {
  const { value, seq } = await cancelBid(actor, pathId(params.id, notFound));
  return { body: value, seq };
});
