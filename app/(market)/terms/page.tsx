import type { Metadata } from "next";

export const metadata: Metadata = { title: "이용약관", description: "기프티 거래소 이용약관 (요약본).", alternates: { canonical: "/terms" } };

// A placeholder summary until counsel writes the real terms; sign-up asks for consent to this version.
const TERMS_VERSION = "2026-12-01";

export default function TermsPage() {
  return (
    <article className="mx-auto max-w-2xl space-y-4 rounded-3xl border border-slate-200 bg-white p-6 text-slate-700">
      <h1 className="text-2xl font-bold text-slate-900">이용약관</h1>
      <p className="text-sm text-slate-600">시행일 {TERMS_VERSION} · 요약본(예시)</p>
      <ol className="list-decimal space-y-2 pl-5">
        <li>기프티 거래소는 회원 사이의 기프티콘 거래를 중개하며, 거래의 당사자가 아닙니다.</li>
        <li>판매자는 본인이 정당하게 가진, 사용하지 않은 코드만 올려야 하며, 가격은 정가를 넘을 수 없습니다.</li>
        <li>대금은 구매자가 구매를 확정하거나 72시간이 지나면 판매자에게 지급됩니다.</li>
        <li>쓸 수 없는 코드는 분쟁으로 신고할 수 있고, 운영자가 확인한 뒤 환불하거나 거래를 완료합니다.</li>
        <li>부정 거래가 확인되면 이용이 정지되고, 진행 중인 판매와 입찰은 내려집니다.</li>
      </ol>
    </article>
  );
}
