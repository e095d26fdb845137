import { kakaoSignInAction } from "./actions";
import { IntentLink } from "@/components/ui/intent-link";

// "카카오로 로그인", in Kakao's own colours (its design guide: #FEE500 with black text). A plain form:
// the server action hands the browser to Kakao, so it works before any JavaScript has loaded. A first Kakao
// login creates the account, so the consent that the sign-up form asks for is stated here (and recorded).
export function KakaoButton({ callbackUrl }: { callbackUrl: string }) {
  return (
    <form action={kakaoSignInAction} className="mt-3">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <button type="submit" className="flex w-full items-center justify-center gap-2 rounded-xl bg-[#FEE500] px-4 py-3 text-base font-semibold text-black/85 hover:brightness-95">
        <span aria-hidden="true">💬</span>
        카카오로 로그인
      </button>
      <p className="mt-2 text-xs text-slate-600">
        처음이라면 카카오로 바로 가입됩니다. 계속하면{" "}
        <IntentLink href="/terms" className="text-brand-700 underline">
          이용약관
        </IntentLink>
        과{" "}
        <IntentLink href="/privacy" className="text-brand-700 underline">
          개인정보 처리방침
        </IntentLink>
        에 동의하는 것으로 봅니다.
      </p>
    </form>
  );
}
