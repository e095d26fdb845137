import "server-only";
import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { findUserForSignIn } from "@/lib/accounts/sign-in";
import { signInSchema } from "@/lib/accounts/schemas";
import { config } from "@/lib/config";
import { safeRedirectUrl } from "@/lib/http/redirects";

// Auth.js v5 with email + password. Sessions are JWTs (signed and encrypted with AUTH_SECRET), so any app
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
    user: { id: string; email: string; role: "user" | "admin"; nickname: string; sessionVersion: number; seq: number };
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
  ],
  callbacks: {
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
