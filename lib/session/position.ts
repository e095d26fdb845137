import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { cookies } from "next/headers";
import { currentActor } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { consistency, markWrite, readFloor } from "@/lib/read/consistency";

// Read-your-writes for the request's user: the scheme's mark of their last write (lib/read/consistency.ts)
// kept in Redis per user (other devices and app instances see it) and in a signed cookie (works while
// Redis is down), plus what the session recorded at sign-in. A read for that user goes where the floor
// allows (lib/read/router.ts), whichever tab, device or instance.

// One cookie per scheme: a position and a time are not comparable.
const cookieName = () => (consistency().name === "window" ? "gx_pin" : "gx_pos");
const sign = (v: string) => createHmac("sha256", config().AUTH_SECRET).update(`${consistency().name === "window" ? "pin" : "pos"}:${v}`).digest("base64url").slice(0, 22);

function parseCookie(raw: string | undefined, userId: number): number {
  if (!raw) return 0;
  const [uid, mark, sig] = raw.split(".");
  if (Number(uid) !== userId || !mark || !sig) return 0;
  const expected = Buffer.from(sign(`${uid}.${mark}`));
  const got = Buffer.from(sig);
  return expected.length === got.length && timingSafeEqual(expected, got) ? Number(mark) || 0 : 0;
}

/** After a command: remember it for this user (Redis and cookie). Never throws. */
export async function rememberWrite(userId: number, seq: number): Promise<void> {
  const mark = await markWrite(userId, seq);
  if (!mark) return;
  try {
    const jar = await cookies();
    const current = parseCookie(jar.get(cookieName())?.value, userId);
    const v = `${userId}.${Math.max(mark, current)}`;
    const maxAge = Math.ceil(consistency().markTtlMs / 1000);
    jar.set(cookieName(), `${v}.${sign(v)}`, { httpOnly: true, sameSite: "lax", secure: process.env.NODE_ENV === "production" && process.env.COOKIE_SECURE === "1", path: "/", maxAge });
  } catch {
    // not in a request that can set cookies (a test, a script): Redis alone carries it
  }
}

/**
 * The floor this user's reads must honour: from the cookie's mark, Redis's and the session's own sign-in
 * (which covers sign-up and a password change even with Redis and the cookie gone).
 */
export async function readerPosition(userId: number | undefined): Promise<number> {
  if (!userId) return 0;
  const actor = await currentActor().catch(() => null);
  const signedIn = actor?.id === userId ? { seq: actor.signedInSeq ?? 0, at: actor.signedInAt ?? 0 } : null;
  let cookieMark = 0;
  try {
    cookieMark = parseCookie((await cookies()).get(cookieName())?.value, userId);
  } catch {}
  return readFloor(userId, { cookieMark, signedIn });
}
