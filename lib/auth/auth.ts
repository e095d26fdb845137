import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import Kakao from "next-auth/providers/kakao";
import { cookies } from "next/headers";
import type { signInWithKakao } from "@/lib/accounts/kakao";
import { kakaoProfileSchema } from "@/lib/accounts/kakao-profile";
import { findUserForSignIn } from "@/lib/accounts/sign-in";
import { signInSchema } from "@/lib/accounts/schemas";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { safeRedirectUrl } from "@/lib/http/redirects";
import { rememberWrite } from "@/lib/session/position";
import { KAKAO_LINK_COOKIE, readLinkCookie } from "./kakao-link";

// A Kakao login is a command (it may create or link an account), so the command is handed in by the one
// place that runs Auth.js's callbacks, the auth route (app/api/auth/[...nextauth]/route.ts): pages that
// only read the session import this module and must not reach the write path (tests/architecture.test.ts).
let kakaoSignIn: typeof signInWithKakao | null = null;
export function provideKakaoSignIn(fn: typeof signInWithKakao) {
  kakaoSignIn = fn;
}

// Auth.js v5 with email + password, and Kakao (Auth.js's own provider) when AUTH_KAKAO_ID/SECRET are set. Sessions are JWTs (signed and encrypted with AUTH_SECRET), so any app
// instance can serve any user without shared session storage. The token carries id, role and nickname for
// display; every command re-reads the user on the primary before deciding anything.

declare module "next-auth" {
  interface User {
    role?: "user" | "admin";
    nickname?: string;
    sessionVersion?: number;
    /** The primary's position at sign-in (read-your-writes floor for this session). */
    seq?: number;
  }
  interface Session {
    user: { id: string; email: string | null; role: "user" | "admin"; nickname: string; sessionVersion: number; seq: number };
  }
}

class InvalidLogin extends CredentialsSignin {
  code = "invalid_login";
}

export const { handlers, auth, signIn, signOut } = NextAuth({
  secret: config().AUTH_SECRET,
  trustHost: true,
  session: { strategy: "jwt", maxAge: 14 * 24 * 3600 },
  pages: { signIn: "/login" },
  providers: [
    Credentials({
      credentials: { email: { label: "이메일", type: "email" }, password: { label: "비밀번호", type: "password" } },
      async authorize(raw) {
        const parsed = signInSchema.safeParse(raw);
        if (!parsed.success) throw new InvalidLogin();
        const user = await findUserForSignIn(parsed.data.email, parsed.data.password);
        if (!user) throw new InvalidLogin();
        return { id: String(user.id), email: user.email, name: user.nickname, role: user.role, nickname: user.nickname, sessionVersion: user.sessionVersion, seq: user.seq };
      },
    }),
    ...(kakaoEnabled() ? [kakaoProvider()] : []),
  ],
  callbacks: {
    // Which account a Kakao login is (lib/accounts/kakao.ts); the account's id, role, nickname and session
    // version replace the provider's profile on `user`, so the session is the same as a password sign-in's.
    async signIn({ user, account, profile }) {
      if (account?.provider !== "kakao") return true;
      const parsed = kakaoProfileSchema.safeParse(profile);
      if (!parsed.success) return "/login?error=kakao_profile";
      const jar = await cookies();
      const intent = readLinkCookie(jar.get(KAKAO_LINK_COOKIE)?.value);
      if (intent) jar.delete(KAKAO_LINK_COOKIE);
      try {
        if (!kakaoSignIn) throw new Error("Kakao sign-in reached a bundle without the auth route (provideKakaoSignIn)");
        const { value, seq } = await kakaoSignIn(parsed.data, intent?.userId);
        const u = value.user;
        if (u.status !== "active") return "/login?error=suspended";
        if (intent && u.sessionVersion !== intent.sessionVersion) return "/login?error=kakao_link_expired";
        Object.assign(user, { id: String(u.id), email: u.email, name: u.nickname, role: u.role, nickname: u.nickname, sessionVersion: u.sessionVersion });
        // The account's first pages read at least what this sign-in wrote (a new account, a new link).
        await rememberWrite(u.id, seq);
        return true;
      } catch (e) {
        if (e instanceof AppError && (e.code === "kakao_taken" || e.code === "kakao_already")) return `/me?kakao=${e.code}`;
        throw e;
      }
    },
    // Only this site: the default lets through spellings that a browser reads as another host.
    redirect: ({ url, baseUrl }) => safeRedirectUrl(url, baseUrl),
    jwt({ token, user }) {
      if (user) {
        token.uid = user.id;
        token.role = user.role;
        token.nickname = user.nickname;
        token.sv = user.sessionVersion ?? 0;
        token.seq = user.seq ?? 0;
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = String(token.uid);
      session.user.role = (token.role as "user" | "admin") ?? "user";
      session.user.nickname = String(token.nickname ?? "");
      session.user.sessionVersion = Number(token.sv ?? 0);
      session.user.seq = Number(token.seq ?? 0);
      return session;
    },
  },
});

export function kakaoEnabled() {
  return !!(config().AUTH_KAKAO_ID && config().AUTH_KAKAO_SECRET);
}

/** Auth.js's Kakao provider, its endpoints overridable (a local stand-in in tests). */
function kakaoProvider() {
  const c = config();
  return Kakao({
    clientId: c.AUTH_KAKAO_ID,
    clientSecret: c.AUTH_KAKAO_SECRET,
    // Kakao's own default asks for no scope; the consent items are configured in Kakao Developers.
    authorization: { url: c.AUTH_KAKAO_AUTHORIZATION_URL, params: { scope: "" } },
    token: c.AUTH_KAKAO_TOKEN_URL,
    userinfo: c.AUTH_KAKAO_USERINFO_URL,
  });
}
