import type { NextRequest } from "next/server";
import { kakaoSignIn } from "@/lib/accounts/kakao";
import { handlers, registerKakaoResolver } from "@/lib/auth/auth";
import { AppError } from "@/lib/errors";
import { jsonError } from "@/lib/http/respond";
import { beginSignIn, signInEmailKey, signInSucceeded } from "@/lib/security/sign-in-guard";

// Auth.js's own routes (csrf, session, signin, signout, callback/credentials). A credentials sign-in goes
// through the sign-in guard first (limits per address and per email, backoff after failures), whatever the
// body type: the email is read exactly as Auth.js will read it (lib: @auth/core getBody), and a body type
// Auth.js would not read is refused here rather than passed on.
export const GET = handlers.GET;

// A Kakao callback (GET /api/auth/callback/kakao) decides which account it is, a write: see lib/auth/auth.ts.
registerKakaoResolver(kakaoSignIn);

const MAX_BODY = 16 * 1024;

export async function POST(req: NextRequest) {
  if (!isCredentialsCallback(req.nextUrl.pathname)) return handlers.POST(req);
  let email: string;
  try {
    email = signInEmailKey((await credentialsBody(req)).email);
    await beginSignIn(req.headers, email);
  } catch (e) {
    return jsonError(e);
  }
  const res = await handlers.POST(req);
  // Success is a redirect without ?error= that sets the session cookie; anything else stays a failure.
  const location = res.headers.get("location") ?? "";
  const ok = res.status >= 300 && res.status < 400 && !/[?&]error=/.test(location) && /authjs\.session-token/.test(res.headers.get("set-cookie") ?? "");
  if (ok && email) await signInSucceeded(email);
  return res;
}

/** The route Auth.js parses as action "callback" of provider "credentials" (its split ignores empty segments). */
function isCredentialsCallback(pathname: string): boolean {
  const rest = pathname.replace(/^\/api\/auth/, "").split("/").filter(Boolean);
  return rest[0] === "callback" && rest[1] === "credentials";
}

/** The body as Auth.js reads it: JSON when the type mentions application/json, else urlencoded; nothing else. */
async function credentialsBody(req: NextRequest): Promise<Record<string, unknown>> {
  const type = req.headers.get("content-type") ?? "";
  const text = await req.clone().text();
  if (text.length > MAX_BODY) throw new AppError("invalid", "body_too_large", "요청 본문이 너무 큽니다.");
  if (type.includes("application/json")) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new AppError("invalid", "malformed_json", "JSON 형식이 올바르지 않습니다.");
    }
    return parsed && typeof parsed === "object" && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : {};
  }
  if (type.includes("application/x-www-form-urlencoded")) return Object.fromEntries(new URLSearchParams(text));
  throw new AppError("invalid", "unsupported_media_type", "로그인 요청은 application/x-www-form-urlencoded 또는 application/json 이어야 합니다.");
}
