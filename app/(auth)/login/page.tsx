import type { Metadata } from "next";
import Link from "next/link";
import { redirect } from "next/navigation";
import { LoginForm } from "@/components/auth/login-form";
import { cardClass } from "@/components/ui/styles";
import { currentActor } from "@/lib/auth/session";
import { safeCallbackUrl } from "@/lib/forms/form-data";

export const metadata: Metadata = { title: "로그인", description: "기프티 거래소에 로그인하고 기프티콘을 사고 파세요.", alternates: { canonical: "/login" } };

type Props = { searchParams: Promise<{ callbackUrl?: string | string[] }> };

export default async function LoginPage({ searchParams }: Props) {
  const raw = (await searchParams).callbackUrl;
  const callbackUrl = safeCallbackUrl(Array.isArray(raw) ? raw[0] : raw);
  if (await currentActor()) redirect(callbackUrl);
  const signupHref = callbackUrl !== "/" ? `/signup?callbackUrl=${encodeURIComponent(callbackUrl)}` : "/signup";
  return (
    <div className={cardClass}>
      <h1 className="text-xl font-bold">로그인</h1>
      {callbackUrl !== "/" ? <p className="mt-1 text-sm text-slate-600">로그인하면 보던 페이지로 돌아갑니다.</p> : null}
      <div className="mt-5">
        <LoginForm callbackUrl={callbackUrl} />
      </div>
      <p className="mt-5 text-center text-sm text-slate-600">
        아직 회원이 아니신가요?{" "}
        <Link href={signupHref} className="font-semibold text-brand-700 hover:underline">
          회원가입
        </Link>
      </p>
    </div>
  );
}
