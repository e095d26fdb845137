"use client";

import { useSearchParams } from "next/navigation";
import { IntentLink } from "@/components/ui/intent-link";

/**
 * What the last action did, when it came back to the product page with a note in the URL (?sold=, ?listed=).
 * Read in the browser: the page itself is the same cached page for everyone.
 */
export function ProductNotice() {
  const sp = useSearchParams();
  const sold = sp.get("sold");
  if (sold && /^\d+$/.test(sold)) {
    return (
      <p role="status" className="rounded-2xl bg-brand-50 px-4 py-3 text-sm text-brand-700" data-testid="notice">
        등록하자마자 구매 입찰과 체결되어 <strong>바로 판매되었습니다.</strong>{" "}
        <IntentLink href={`/orders/${sold}`} className="font-semibold underline">
          주문 보기
        </IntentLink>
      </p>
    );
  }
  if (sp.get("listed")) {
    return (
      <p role="status" className="rounded-2xl bg-brand-50 px-4 py-3 text-sm text-brand-700" data-testid="notice">
        판매 글을 등록했습니다. 판매 중 목록에서 ‘내 판매’로 표시됩니다.{" "}
        <IntentLink href="/me?tab=listings" className="font-semibold underline">
          내 판매 관리
        </IntentLink>
      </p>
    );
  }
  return null;
}
