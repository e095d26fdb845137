import "server-only";
import { randomInt } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { z } from "zod";
import { isDuplicate } from "@/db/errors";
import type { Tx } from "@/db/primary";
import { userIdentities, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { sessionChanged } from "@/lib/market/changes";
import { command } from "@/lib/write/command";
import { nicknameKey } from "./nickname";
import { emailSchema, nicknameSchema } from "./schemas";

// Sign-in with Kakao (Auth.js's Kakao provider, lib/auth/auth.ts): which account a Kakao login is.
//  1. The Kakao account is already linked (user_identities: provider + Kakao's user id) → that account.
//  2. The signed-in user asked, on their my page, to connect Kakao → linked to them.
//  3. Kakao vouches for the email (is_email_verified and is_email_valid) and an account has that email →
//     linked to it. An unverified email links nothing: whoever controls a Kakao account could otherwise
//     type someone else's address into it and take over their account here.
//  4. Otherwise a new account: the verified email if any (else none), the Kakao nickname if it passes the
//     nickname rules and is free (else a generated one; it can be changed on the my page), no password.

/** What /v2/user/me answers (only the fields used; Kakao sends many more). Validated: it comes from outside. */
export const kakaoProfileSchema = z.looseObject({
  id: z.union([z.number().int().positive(), z.string().regex(/^\d{1,20}$/)]).transform(String),
  properties: z.looseObject({ nickname: z.string().optional() }).optional(),
  kakao_account: z
    .looseObject({
      profile: z.looseObject({ nickname: z.string().optional() }).optional(),
      email: z.string().optional(),
      is_email_valid: z.boolean().optional(),
      is_email_verified: z.boolean().optional(),
    })
    .optional(),
});
export type KakaoProfile = z.infer<typeof kakaoProfileSchema>;

export type SignedInUser = { id: number; email: string | null; nickname: string; role: "user" | "admin"; status: "active" | "suspended"; sessionVersion: number };

const PROVIDER = "kakao";

const columns = { id: users.id, email: users.email, nickname: users.nickname, role: users.role, status: users.status, sessionVersion: users.sessionVersion };

async function userById(tx: Tx, id: number): Promise<SignedInUser | null> {
  const [u] = await tx.select(columns).from(users).where(eq(users.id, id));
  return u ?? null;
}

/** The email Kakao vouches for, normalised as sign-up does; null when it is missing or unverified. */
export function verifiedEmail(p: KakaoProfile): string | null {
  const a = p.kakao_account;
  if (!a?.email || a.is_email_verified !== true || a.is_email_valid === false) return null;
  const r = emailSchema.safeParse(a.email);
  return r.success ? r.data : null;
}

function nicknameCandidates(p: KakaoProfile): string[] {
  const raw = p.kakao_account?.profile?.nickname ?? p.properties?.nickname;
  const out: string[] = [];
  const parsed = raw ? nicknameSchema.safeParse(raw) : null;
  if (parsed?.success) out.push(parsed.data);
  for (let i = 0; i < 4; i++) out.push(`카카오${randomInt(100_000, 1_000_000)}`);
  return out;
}

async function link(tx: Tx, userId: number, subject: string) {
  await tx.insert(userIdentities).values({ provider: PROVIDER, subject, userId });
}

export type KakaoOutcome = { user: SignedInUser; created: boolean; linked: boolean };

/**
 * The account of a Kakao login (see the rules above). `connectTo`: the signed-in user who chose to connect
 * Kakao. Throws AppError kakao_taken when that Kakao account belongs to someone else, kakao_already when
 * the user has another Kakao account connected.
 */
export async function signInWithKakao(profile: KakaoProfile, connectTo?: number) {
  const subject = profile.id;
  for (let attempt = 0; ; attempt++) {
    try {
      return await command(async (tx, emit): Promise<KakaoOutcome> => {
        const [known] = await tx
          .select({ userId: userIdentities.userId })
          .from(userIdentities)
          .where(and(eq(userIdentities.provider, PROVIDER), eq(userIdentities.subject, subject)));
        if (known) {
          if (connectTo && known.userId !== connectTo) throw new AppError("conflict", "kakao_taken", "이 카카오 계정은 다른 회원에게 연결되어 있습니다.");
          const user = await userById(tx, known.userId);
          if (!user) throw new AppError("not_found", "user_not_found", "회원을 찾을 수 없습니다.");
          return { user, created: false, linked: false };
        }
        if (connectTo) {
          const user = await userById(tx, connectTo);
          if (!user || user.status !== "active") throw new AppError("forbidden", "account_suspended", "이용이 정지된 계정입니다.");
          await link(tx, user.id, subject);
          return { user, created: false, linked: true };
        }
        const email = verifiedEmail(profile);
        if (email) {
          const [byEmail] = await tx.select({ id: users.id }).from(users).where(eq(users.email, email));
          if (byEmail) {
            await link(tx, byEmail.id, subject);
            return { user: (await userById(tx, byEmail.id))!, created: false, linked: true };
          }
        }
        const id = await createAccount(tx, email, nicknameCandidates(profile));
        await link(tx, id, subject);
        // The new account's session check must read a node that has it (as sign-up does).
        emit(sessionChanged(id));
        return { user: (await userById(tx, id))!, created: true, linked: true };
      });
    } catch (e) {
      // Two first logins of one Kakao account at once: the second finds the first's link on a retry.
      if (attempt < 2 && (isDuplicate(e, "user_identities_subject_uq") || isDuplicate(e, "users_email_uq"))) continue;
      if (isDuplicate(e, "user_identities_user_uq")) throw new AppError("conflict", "kakao_already", "이미 다른 카카오 계정이 연결되어 있습니다.");
      throw e;
    }
  }
}

/** Inserts the account with the first free nickname (a savepoint per try keeps the transaction usable). */
async function createAccount(tx: Tx, email: string | null, nicknames: string[]): Promise<number> {
  for (const nickname of nicknames) {
    try {
      return await tx.transaction(async (sp) => {
        const [{ id }] = await sp.insert(users).values({ email, nickname, nicknameKey: nicknameKey(nickname), passwordHash: null, termsAgreedAt: new Date() }).$returningId();
        return id;
      });
    } catch (e) {
      if (isDuplicate(e, "users_nickname_uq") || isDuplicate(e, "users_nickname_key_uq")) continue;
      throw e;
    }
  }
  throw new AppError("conflict", "nickname_unavailable", "닉네임을 정하지 못했습니다. 잠시 후 다시 시도해 주세요.");
}

/** The sign-in callback's entry: Kakao's profile validated at the edge (400-style kakao_profile if unusable). */
export async function kakaoSignIn(profile: unknown, connectTo?: number) {
  const parsed = kakaoProfileSchema.safeParse(profile);
  if (!parsed.success) throw new AppError("invalid", "kakao_profile", "카카오 회원 정보를 읽을 수 없습니다.");
  return signInWithKakao(parsed.data, connectTo);
}
