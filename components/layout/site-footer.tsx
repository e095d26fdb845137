import { IntentLink } from "@/components/ui/intent-link";

// The operator's details, as Korean e-commerce law asks of every online store (전자상거래법 §10). The values
// are placeholders until the business is registered.
export function SiteFooter() {
  return (
    <footer className="border-t border-slate-200 bg-white">
      <div className="mx-auto max-w-6xl space-y-3 px-4 py-6 text-xs leading-relaxed text-slate-600 sm:px-6">
        <nav aria-label="약관과 안내" className="flex flex-wrap gap-x-4 gap-y-1 font-medium text-slate-700">
          <IntentLink href="/about" className="hover:underline">
            서비스 소개
          </IntentLink>
          <IntentLink href="/terms" className="hover:underline">
            이용약관
          </IntentLink>
          <IntentLink href="/privacy" className="font-bold hover:underline">
            개인정보처리방침
          </IntentLink>
        </nav>
        <address className="not-italic" data-testid="business-info">
          <p className="font-semibold text-slate-700">(주)기프티거래소 (예시)</p>
          <p>
            대표 홍길동 · 사업자등록번호 000-00-00000 · 통신판매업신고 제0000-서울강남-00000호
          </p>
          <p>서울특별시 강남구 테헤란로 000, 00층 · 고객센터 1600-0000 (평일 10:00–18:00) · help@gifty.example</p>
        </address>
        <p>기프티 거래소는 통신판매중개자로서 거래 당사자가 아니며, 판매자가 등록한 상품 정보와 거래에 대한 책임은 판매자에게 있습니다. 기프티콘 코드는 암호화되어 보관되며 구매자에게만 공개됩니다. 포인트 충전은 테스트 모드 결제로만 이루어집니다. 모든 시각은 한국 표준시(KST) 기준입니다.</p>
      </div>
    </footer>
  );
}
