import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import Kakao from "next-auth/providers/kakao";
import { cookies } from "next/headers";
import type { KakaoOutcome } from "@/lib/accounts/kakao";
import { findUserForSignIn } from "@/lib/accounts/sign-in";
import { signInSchema } from "@/lib/accounts/schemas";
import { config } from "@/lib/config";
import { AppError } from "@/lib/errors";
import { safeRedirectUrl } from "@/lib/http/redirects";
import { rememberWrite } from "@/lib/session/position";
import { KAKAO_LINK_COOKIE, readLinkCookie } from "./kakao-link";

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
    /** When the session signed in (ms; the read-your-writes window's start under CONSISTENCY=window). */
    at?: number;
  }
  interface Session {
    user: {
      id: string;
      email: string | null;
      role: "user" | "admin";
      nickname: string;
      sessionVersion: number;
      seq: number;
      at: number;
      /** When the token expires (s since the epoch): a decoded session is kept until then (lib/auth/session.ts). */
      exp: number;
    };
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
      if (!kakaoResolver) return "/login?error=kakao_unavailable";
      const jar = await cookies();
      const intent = readLinkCookie(jar.get(KAKAO_LINK_COOKIE)?.value);
      if (intent) jar.delete(KAKAO_LINK_COOKIE);
      try {
        const { value, seq } = await kakaoResolver(profile, intent?.userId);
        const u = value.user;
        if (u.status !== "active") return "/login?error=suspended";
        if (intent && u.sessionVersion !== intent.sessionVersion) return "/login?error=kakao_link_expired";
        Object.assign(user, { id: String(u.id), email: u.email, name: u.nickname, role: u.role, nickname: u.nickname, sessionVersion: u.sessionVersion });
        // The account's first pages read at least what this sign-in wrote (a new account, a new link).
        await rememberWrite(u.id, seq);
        return true;
      } catch (e) {
        if (e instanceof AppError && (e.code === "kakao_taken" || e.code === "kakao_already")) return `/me?kakao=${e.code}`;
        if (e instanceof AppError && e.code === "kakao_profile") return "/login?error=kakao_profile";
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
        token.at = Date.now();
      }
      return token;
    },
    session({ session, token }) {
      session.user.id = String(token.uid);
      session.user.role = (token.role as "user" | "admin") ?? "user";
      session.user.nickname = String(token.nickname ?? "");
      session.user.sessionVersion = Number(token.sv ?? 0);
      session.user.seq = Number(token.seq ?? 0);
      session.user.at = Number(token.at ?? 0);
      session.user.exp = Number(token.exp ?? 0);
      return session;
    },
  },
});

type KakaoResolver = (profile: unknown, connectTo?: number) => Promise<{ value: KakaoOutcome; seq: number }>;
let kakaoResolver: KakaoResolver | null = null;

/**
 * Which account a Kakao login is (lib/accounts/kakao.ts) is a command on the primary. It is handed in by
 * the Auth.js route (app/api/auth/[...nextauth]/route.ts), the only place an OAuth callback runs, so that
 * reading the session on every page never imports the write path (tests/architecture.test.ts).
 */
export function registerKakaoResolver(fn: KakaoResolver) {
  kakaoResolver = fn;
}

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
