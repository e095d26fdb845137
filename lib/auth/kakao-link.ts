import "server-only";
import { createHmac, timingSafeEqual } from "node:crypto";
import { config } from "@/lib/config";

// "Connect Kakao" on the my page: the signed-in user's explicit choice travels through Kakao's consent
// screen as a short-lived, signed, HttpOnly cookie naming them and their session version. The sign-in
// callback (lib/auth/auth.ts) links the Kakao account to that user only if the cookie is genuine, fresh and
// still matches the account's session version (a suspension or a new password in between voids it).

export const KAKAO_LINK_COOKIE = "gx_kakao_link";
const TTL_MS = 10 * 60_000;

const sign = (payload: string) => createHmac("sha256", config().AUTH_SECRET).update(`kakao-link:${payload}`).digest("base64url");

export function linkCookieValue(userId: number, sessionVersion: number, now = Date.now()): string {
  const payload = `${userId}.${sessionVersion}.${now + TTL_MS}`;
  return `${payload}.${sign(payload)}`;
}

export const linkCookieOptions = () => ({ httpOnly: true, sameSite: "lax" as const, path: "/", maxAge: TTL_MS / 1000, secure: config().COOKIE_SECURE });

/** The user the cookie names, if it is genuine and unexpired. */
export function readLinkCookie(value: string | undefined, now = Date.now()): { userId: number; sessionVersion: number } | null {
  const m = /^(\d{1,15})\.(\d{1,9})\.(\d{13})\.([\w-]{43})$/.exec(value ?? "");
  if (!m) return null;
  const expected = Buffer.from(sign(`${m[1]}.${m[2]}.${m[3]}`));
  const given = Buffer.from(m[4]);
  if (expected.length !== given.length || !timingSafeEqual(expected, given) || Number(m[3]) < now) return null;
  return { userId: Number(m[1]), sessionVersion: Number(m[2]) };
}
