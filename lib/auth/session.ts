import "server-only";
import { headers } from "next/headers";
import type { Session } from "next-auth";
import { cache } from "react";
import { sessionState } from "@/lib/accounts/session-state";
import { AppError } from "@/lib/errors";
import type { Actor } from "@/lib/write/command";
import { auth } from "./auth";
import { SessionMemo, sessionCookieKey } from "./session-memo";

/**
 * The signed-in user of this request, or null (read once per request). A session counts only while its
 * account is active and at the session version it signed in at: a suspension (or reinstatement, or a
 * password change) ends every older session on its next request.
 */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await sessionOfRequest();
  const u = session?.user;
  if (!u?.id || !Number(u.id)) return null;
  const state = await sessionState(Number(u.id), u.seq ?? 0);
  if (!state || state.status !== "active" || state.sessionVersion !== (u.sessionVersion ?? 0)) return null;
  return { id: Number(u.id), role: u.role, nickname: u.nickname, signedInSeq: u.seq ?? 0, signedInAt: u.at ?? 0 };
});

export async function requireActor(): Promise<Actor> {
  const a = await currentActor();
  if (!a) throw new AppError("unauthenticated", "sign_in_required", "로그인이 필요합니다.");
  return a;
}

export async function requireAdmin(): Promise<Actor> {
  const a = await requireActor();
  if (a.role !== "admin") throw new AppError("forbidden", "admin_only", "관리자만 할 수 있습니다.");
  return a;
}

const memo = new SessionMemo<Session>();

/** The request's Auth.js session, decoded once per token (lib/auth/session-memo.ts). */
async function sessionOfRequest(): Promise<Session | null> {
  const h = await headers();
  const key = sessionCookieKey(h.get("cookie"), h.get("x-forwarded-proto"));
  if (!key) return null; // no session cookie: no session (what auth() answers too)
  return memo.get(key, async () => {
    const session = await auth();
    return session?.user?.id ? { value: session, expiresAt: (session.user.exp ?? 0) * 1000 } : null;
  });
}
