import { IntentLink } from "@/components/ui/intent-link";

export default function SellerNotFound() {
  return (
    <div className="mx-auto max-w-md rounded-2xl border border-slate-200 bg-white p-6 text-center">
      <h1 className="text-lg font-bold">판매자를 찾을 수 없습니다</h1>
      <p className="mt-1 text-sm text-slate-600">주소를 다시 확인해 주세요.</p>
      <IntentLink href="/products" className="mt-4 inline-block rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
        둘러보기
      </IntentLink>
    </div>
  );
}
