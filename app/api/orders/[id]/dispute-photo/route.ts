import type { NextRequest } from "next/server";
import { currentActor } from "@/lib/auth/session";
import { AppError } from "@/lib/errors";
import { pathId } from "@/lib/http/params";
import { jsonError } from "@/lib/http/respond";
import { getDisputePhoto } from "@/lib/orders/queries";

const notFound = () => new AppError("not_found", "order_not_found", "주문을 찾을 수 없습니다.");

// GET /api/orders/{id}/dispute-photo: the buyer's evidence photo, for the order's buyer, seller and admins.
// Not JSON, so not the api() wrapper; never stored by a shared cache or the browser's disk cache.
export async function GET(_req: NextRequest, route: { params: Promise<{ id: string }> }) {
  try {
    const actor = await currentActor();
    if (!actor) throw new AppError("unauthenticated", "sign_in_required", "로그인이 필요합니다.");
    const image = await getDisputePhoto(actor.id, pathId((await route.params).id, notFound));
    return new Response(new Uint8Array(image.data), {
      headers: { "Content-Type": image.mime, "Content-Length": String(image.data.length), "Cache-Control": "private, no-store", "Content-Disposition": "inline" },
    });
  } catch (e) {
    return jsonError(e);
  }
}
