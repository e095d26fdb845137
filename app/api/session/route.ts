import { getMe } from "@/lib/accounts/queries";
import { api } from "@/lib/http/api";
import { unreadCount } from "@/lib/notifications/queries";

// GET /api/session: who is looking, for the header of the cached pages (components/layout/account-nav.tsx).
// Unlike GET /api/me, a visitor gets 200 {signedIn: false} rather than a 401, so every signed-out page view
// does not log an error in the browser's console. Never cached; read-your-writes (the balance after a trade).
export const GET = api({}, async ({ actor, minSeq }) => {
  const seq = actor ? await minSeq() : 0;
  const [me, unread] = actor ? await Promise.all([getMe({ userId: actor.id, minSeq: seq }), unreadCount({ userId: actor.id, minSeq: seq })]) : [null, 0];
  if (!me) return { body: { signedIn: false } };
  return { body: { signedIn: true, nickname: me.nickname, role: me.role, points: me.points, heldPoints: me.heldPoints, unread } };
});
