import { kakaoSignInAction } from "./actions";

// "카카오로 로그인", in Kakao's own colours (its design guide: #FEE500 with black text). A plain form:
// the server action hands the browser to Kakao, so it works before any JavaScript has loaded.
export function KakaoButton({ callbackUrl }: { callbackUrl: string }) {
  return (
    <form action={kakaoSignInAction} className="mt-3">
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <button type="submit" className="flex w-full items-center justify-center gap-2 rounded-xl bg-[#FEE500] px-4 py-3 text-base font-semibold text-black/85 hover:brightness-95">
        <span aria-hidden="true">💬</span>
        카카오로 로그인
      </button>
    </form>
  );
}
