"use server";

import { AuthError } from "next-auth";
import { headers } from "next/headers";
import { z } from "zod";
import { signUp } from "@/lib/accounts/commands";
import { signInSchema, signUpSchema } from "@/lib/accounts/schemas";
import { signIn, signOut } from "@/lib/auth/auth";
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
