import { getMe } from "@/lib/accounts/queries";
import { AppError } from "@/lib/errors";
import { userApi } from "@/lib/http/api";

// GET /api/me: the signed-in user and their balances, as of their last write (read-your-writes).
export const GET = userApi({}, async ({ actor, minSeq }) => {
  const me = await getMe({ userId: actor.id, minSeq: await minSeq() });
  if (!me) throw new AppError("unauthenticated", "sign_in_required", "로그인이 필요합니다.");
  return {
    body: { id: me.id, email: me.email, nickname: me.nickname, role: me.role, status: me.status, points: me.points, heldPoints: me.heldPoints, createdAt: me.createdAt },
  };
});
