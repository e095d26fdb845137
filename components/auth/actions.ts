"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { z } from "zod";
import { signUp } from "@/lib/accounts/commands";
import { signInSchema, signUpSchema } from "@/lib/accounts/schemas";
import { cookies } from "next/headers";
import { kakaoEnabled, signIn, signOut } from "@/lib/auth/auth";
import { KAKAO_LINK_COOKIE, linkCookieOptions, linkCookieValue } from "@/lib/auth/kakao-link";
import { currentActor } from "@/lib/auth/session";
import { redirect } from "next/navigation";
import { sessionState } from "@/lib/accounts/session-state";
import { AppError } from "@/lib/errors";
import { formAction } from "@/lib/forms/action";
import { noteActionRan } from "@/lib/http/action-context";
import { safeCallbackUrl } from "@/lib/forms/form-data";
import { clientAddress, enforceRateLimit } from "@/lib/security/rate-limit";
import { beginSignIn, signInSucceeded } from "@/lib/security/sign-in-guard";
import { rememberWrite } from "@/lib/session/position";

// Sign in, sign up and sign out from the pages (the JSON API has its own route: app/api/auth).

const callbackUrl = z.string().optional();

const wrongLogin = () =>
  new AppError("invalid", "invalid_login", "이메일 또는 비밀번호가 올바르지 않습니다.", { fields: { password: ["이메일 또는 비밀번호가 올바르지 않습니다."] } });

/** Auth.js sign-in with the credentials provider; sets the session cookie on this response. */
async function startSession(email: string, password: string) {
  try {
    await signIn("credentials", { email, password, redirect: false });
  } catch (e) {
    if (e instanceof AuthError) throw wrongLogin(); // CredentialsSignin and friends: one message, no hints
    throw e;
  }
}

export const signInAction = formAction(
  { schema: signInSchema.extend({ callbackUrl }), who: "anyone" },
  async ({ email, password, callbackUrl }) => {
    // The same guard as the API's sign-in route: per address, per email, backoff after failures.
    await beginSignIn(await headers(), email);
    await startSession(email, password);
    await signInSucceeded(email);
    return { redirectTo: safeCallbackUrl(callbackUrl) };
  },
);

export const signUpAction = formAction(
  {
    schema: signUpSchema
      .extend({ passwordConfirm: z.string({ error: "비밀번호를 한 번 더 입력해 주세요." }), callbackUrl })
      .refine((v) => v.password === v.passwordConfirm, { message: "비밀번호가 서로 다릅니다.", path: ["passwordConfirm"] }),
    who: "anyone",
  },
  async ({ email, password, nickname, agreeTerms, callbackUrl }) => {
    await enforceRateLimit("signUp", `ip:${clientAddress(await headers())}`);
    const { seq, value } = await signUp({ email, password, nickname, agreeTerms });
    await startSession(email, password);
    // The new account's first pages read at least its own row (there was no actor to remember it for).
    await rememberWrite(value.id, seq);
    return { redirectTo: safeCallbackUrl(callbackUrl, "/?welcome=1") };
  },
);

export async function signOutAction() {
  noteActionRan();
  await signOut({ redirectTo: "/" });
}

/** "카카오로 로그인": Auth.js sends the browser to Kakao's consent page (a redirect thrown from here). */
export async function kakaoSignInAction(formData: unknown) {
  noteActionRan();
  // Answers are redirects, never errors: a form post (or a fuzzer) gets a page, not a 500. The argument is
  // whatever the request encoded, a FormData only when the browser's form sent it.
  if (!kakaoEnabled()) redirect("/login");
  const raw = formData instanceof FormData ? formData.get("callbackUrl") : null;
  await signIn("kakao", { redirectTo: safeCallbackUrl(typeof raw === "string" ? raw : undefined) });
}

/** My page's "카카오 계정 연결": the signed-in user's explicit choice, carried through Kakao by a signed cookie. */
export async function connectKakaoAction() {
  noteActionRan();
  if (!kakaoEnabled()) redirect("/me");
  const actor = await currentActor();
  if (!actor) redirect("/login?callbackUrl=%2Fme");
  const state = await sessionState(actor.id);
  (await cookies()).set(KAKAO_LINK_COOKIE, linkCookieValue(actor.id, state?.sessionVersion ?? 0), linkCookieOptions());
  await signIn("kakao", { redirectTo: "/me?kakao=connected" });
}
