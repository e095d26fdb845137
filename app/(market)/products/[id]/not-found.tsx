import { IntentLink } from "@/components/ui/intent-link";

export default function ProductNotFound() {
  return (
    <div className="mx-auto max-w-md rounded-2xl border border-slate-200 bg-white p-6 text-center">
      <p className="text-3xl" aria-hidden>
        🔍
      </p>
      <h1 className="mt-2 text-lg font-bold">상품을 찾을 수 없습니다</h1>
      <p className="mt-1 text-sm text-slate-600">판매가 중단되었거나 주소가 잘못된 상품입니다.</p>
      <IntentLink href="/products" className="mt-4 inline-block rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
        다른 기프티콘 둘러보기
      </IntentLink>
    </div>
  );
}
