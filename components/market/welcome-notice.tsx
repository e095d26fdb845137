"use client";

import { useSearchParams } from "next/navigation";
import { IntentLink } from "@/components/ui/intent-link";

/** After sign-up (/?welcome=1). Read in the browser: the home page is the same cached page for everyone. */
export function WelcomeNotice() {
  if (useSearchParams().get("welcome") !== "1") return null;
  return (
    <p role="status" className="rounded-2xl bg-brand-50 px-4 py-3 text-sm text-brand-700">
      가입을 환영합니다! <IntentLink href="/points" className="font-semibold underline">포인트를 충전</IntentLink>하면 바로 사거나 입찰할 수 있어요.{" "}
      <IntentLink href="/me?tab=coupons" className="font-semibold underline">쿠폰 코드</IntentLink>가 있다면 마이페이지에서 등록하세요.
    </p>
  );
}
