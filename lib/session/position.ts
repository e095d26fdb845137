import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { currentActor } from "@/lib/auth/session";
import { guarded } from "@/lib/cache/breaker";
import { keys, TTL } from "@/lib/cache/keys";
import { RAISE } from "@/lib/cache/lua";
import { redis, script } from "@/lib/cache/redis";
import { config } from "@/lib/config";

// Read-your-writes token: the replication position of the user's last write. Kept in Redis per user
// (other devices and app instances see it) and in a signed cookie (works while Redis is down). A read for
// that user goes to a node that has applied it (lib/read/router.ts), whichever tab, device or instance.

const COOKIE = "gx_pos";
const sign = (v: string) => createHmac("sha256", config().AUTH_SECRET).update(`pos:${v}`).digest("base64url").slice(0, 22);

function parseCookie(raw: string | undefined, userId: number): number {
  if (!raw) return 0;
  const [uid, seq, sig] = raw.split(".");
  if (Number(uid) !== userId || !seq || !sig) return 0;
  const expected = Buffer.from(sign(`${uid}.${seq}`));
  const got = Buffer.from(sig);
  return expected.length === got.length && timingSafeEqual(expected, got) ? Number(seq) || 0 : 0;
}

/** After a command: remember its position for this user (Redis and cookie). Never throws. */
export async function rememberWrite(userId: number, seq: number): Promise<void> {
  if (!seq) return;
  await guarded(() => script<number>(RAISE).exec([keys.userPosition(userId)], [String(seq), String(TTL.userPositionMs)])).catch(() => {});
  try {
    const jar = await cookies();
    const current = parseCookie(jar.get(COOKIE)?.value, userId);
    const v = `${userId}.${Math.max(seq, current)}`;
    jar.set(COOKIE, `${v}.${sign(v)}`, { httpOnly: true, sameSite: "lax", secure: process.env.NODE_ENV === "production" && process.env.COOKIE_SECURE === "1", path: "/", maxAge: 3600 });
  } catch {
    // not in a request that can set cookies (a test, a script): Redis alone carries it
  }
}

/**
 * The position this user's reads must see: the newest of the cookie's, Redis's and the session's own
 * sign-in position (which covers sign-up and a password change even with Redis and the cookie gone).
 */
export async function readerPosition(userId: number | undefined): Promise<number> {
  if (!userId) return 0;
  const actor = await currentActor().catch(() => null);
  const fromSession = actor?.id === userId ? (actor.signedInSeq ?? 0) : 0;
  let fromCookie = 0;
  try {
    fromCookie = parseCookie((await cookies()).get(COOKIE)?.value, userId);
  } catch {}
  const fromRedis = await guarded(() => redis().get<number | string>(keys.userPosition(userId))).catch(() => 0);
  return Math.max(fromCookie, Number(fromRedis) || 0, fromSession);
}
