import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { KakaoButton } from "@/components/auth/kakao-button";
import { LoginForm } from "@/components/auth/login-form";
import { IntentLink } from "@/components/ui/intent-link";
import { cardClass } from "@/components/ui/styles";
import { kakaoEnabled } from "@/lib/auth/auth";
import { currentActor } from "@/lib/auth/session";
import { safeCallbackUrl } from "@/lib/forms/form-data";

export const metadata: Metadata = { title: "로그인", description: "기프티 거래소에 로그인하고 기프티콘을 사고 파세요.", alternates: { canonical: "/login" } };

type Props = { searchParams: Promise<{ callbackUrl?: string | string[]; error?: string | string[] }> };

/** What an Auth.js error (?error=, from the OAuth flow) means for the person looking. */
const ERRORS: Record<string, string> = {
  OAuthCallbackError: "카카오 로그인이 취소되었습니다. 다시 시도하거나 이메일로 로그인해 주세요.",
  AccessDenied: "카카오 로그인이 취소되었습니다. 다시 시도하거나 이메일로 로그인해 주세요.",
  suspended: "이용이 정지된 계정입니다.",
  kakao_profile: "카카오에서 회원 정보를 받지 못했습니다. 잠시 후 다시 시도해 주세요.",
  kakao_link_expired: "카카오 연결 요청이 만료되었습니다. 마이페이지에서 다시 시도해 주세요.",
};
const KAKAO_FAILED = "카카오 로그인에 실패했습니다. 잠시 후 다시 시도해 주세요.";

export default async function LoginPage({ searchParams }: Props) {
  const params = await searchParams;
  const raw = params.callbackUrl;
  const errorKey = Array.isArray(params.error) ? params.error[0] : params.error;
  // Credentials failures are shown by the form itself; anything else from Auth.js is the Kakao flow's.
  const error = errorKey && errorKey !== "CredentialsSignin" ? (Object.hasOwn(ERRORS, errorKey) ? ERRORS[errorKey] : KAKAO_FAILED) : null;
  const callbackUrl = safeCallbackUrl(Array.isArray(raw) ? raw[0] : raw);
  if (await currentActor()) redirect(callbackUrl);
  const signupHref = callbackUrl !== "/" ? `/signup?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/signup";
  return (
    <div className={cardClass}>
      <h1 className="text-xl font-bold">로그인</h1>
      {callbackUrl !== "/" ? <p className="mt-1 text-sm text-slate-600">로그인하면 보던 페이지로 돌아갑니다.</p> : null}
      {error ? (
        <p role="alert" className="mt-4 rounded-xl bg-rose-50 px-3 py-2 text-sm text-rose-700">
          {error}
        </p>
      ) : null}
      <div className="mt-5">
        <LoginForm callbackUrl={callbackUrl} />
      </div>
      {kakaoEnabled() ? <KakaoButton callbackUrl={callbackUrl} /> : null}
      <p className="mt-5 text-center text-sm text-slate-600">
        아직 회원이 아니신가요?{" "}
        <IntentLink href={signupHref} className="font-semibold text-brand-700 hover:underline">
          회원가입
        </IntentLink>
      </p>
    </div>
  );
}
