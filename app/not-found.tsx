import { IntentLink } from "@/components/ui/intent-link";

export default function NotFound() {
  return (
    <div className="mx-auto max-w-md rounded-2xl border border-slate-200 bg-white p-6 text-center">
      <p className="text-3xl" aria-hidden>
        🔍
      </p>
      <h1 className="mt-2 text-lg font-bold">찾으시는 페이지가 없습니다</h1>
      <p className="mt-1 text-sm text-slate-600">주소가 바뀌었거나 삭제된 상품일 수 있습니다.</p>
      <IntentLink href="/" className="mt-4 inline-block rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
        홈으로
      </IntentLink>
    </div>
  );
}
