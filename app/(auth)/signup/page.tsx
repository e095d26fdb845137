import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { SignupForm } from "@/components/auth/signup-form";
import { IntentLink } from "@/components/ui/intent-link";
import { cardClass } from "@/components/ui/styles";
import { currentActor } from "@/lib/auth/session";
import { safeCallbackUrl } from "@/lib/forms/form-data";

export const metadata: Metadata = { title: "회원가입", description: "기프티 거래소 회원가입: 이메일과 닉네임만 있으면 바로 사고 팔 수 있습니다.", alternates: { canonical: "/signup" } };

type Props = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

export default async function SignupPage({ searchParams }: Props) {
  const raw = (await searchParams).callbackUrl;
  const callbackUrl = safeCallbackUrl(Array.isArray(raw) ? raw[0] : raw);
  if (await currentActor()) redirect(callbackUrl);
  const loginHref = callbackUrl !== "/" ? `/login?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/login";
  return (
    <div className={cardClass}>
      <h1 className="text-xl font-bold">회원가입</h1>
      <p className="mt-1 text-sm text-slate-600">가입하면 기프티콘을 팔고, 포인트로 바로 사거나 입찰할 수 있어요.</p>
      <div className="mt-5">
        <SignupForm callbackUrl={callbackUrl !== "/" ? callbackUrl : undefined} />
      </div>
      <p className="mt-5 text-center text-sm text-slate-600">
        이미 회원이신가요?{" "}
        <IntentLink href={loginHref} className="font-semibold text-brand-700 hover:underline">
          로그인
        </IntentLink>
      </p>
    </div>
  );
}
