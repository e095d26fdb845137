import { IntentLink } from "@/components/ui/intent-link";

export default function OrderNotFound() {
  return (
    <div className="mx-auto max-w-md rounded-2xl border border-slate-200 bg-white p-6 text-center">
      <p className="text-3xl" aria-hidden>
        🧾
      </p>
      <h1 className="mt-2 text-lg font-bold">주문을 찾을 수 없습니다</h1>
      <p className="mt-1 text-sm text-slate-600">없는 주문이거나, 이 계정의 주문이 아닙니다.</p>
      <IntentLink href="/me?tab=orders" className="mt-4 inline-block rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
        내 주문 보기
      </IntentLink>
    </div>
  );
}
