import type { Metadata } from "next";
import Link from "next/link";
import { connection } from "next/server";
import { resolveDisputeAction } from "@/components/admin/actions";
import { ProductTile } from "@/components/catalog/product-tile";
import { ButtonForm } from "@/components/ui/button-form";
import { EmptyState } from "@/components/ui/empty-state";
import { PageTitle } from "@/components/ui/page-title";
import { disputedOrders } from "@/lib/admin/queries";
import { adminOrNotFound } from "@/lib/forms/guard";
import { dateTime, won } from "@/lib/format";

export const metadata: Metadata = { title: "분쟁 처리" };

export default async function DisputesPage() {
  await connection();
  const { minSeq } = await adminOrNotFound();
  const rows = await disputedOrders({ minSeq });
  return (
    <div>
      <PageTitle title="분쟁 처리" description="구매자가 문제를 신고한 주문입니다. 판매자에게 대금을 지급(거래 완료)하거나 구매자에게 환불하세요." />
      {rows.length ? (
        <ul className="space-y-3" data-testid="disputes">
          {rows.map((o) => (
            <li key={o.id} className="rounded-2xl border border-slate-200 bg-white p-4" data-testid="dispute" data-order-id={o.id}>
              <div className="flex flex-wrap items-start gap-3">
                <ProductTile emoji={o.product.emoji} color={o.product.brandColor} size="sm" />
                <div className="min-w-0 flex-1">
                  <p className="text-xs text-slate-500">
                    주문 #{o.id} · {dateTime(o.createdAt)}
                  </p>
                  <p className="font-semibold">
                    <Link href={`/products/${o.product.id}`} className="hover:underline">
                      {o.product.brandName} {o.product.name}
                    </Link>
                  </p>
                  <p className="text-sm text-slate-600">
                    구매자 {o.buyerNickname} ({o.buyerEmail}) · 판매자 {o.sellerNickname}
                  </p>
                </div>
                <div className="text-right text-sm">
                  <p className="font-bold tabular-nums">{won(o.price)}</p>
                  <p className="text-xs text-slate-500">구매자 결제 {won(o.paid)}</p>
                </div>
              </div>
              <p className="mt-3 rounded-xl bg-rose-50 px-3 py-2 text-sm text-rose-800">
                <span className="font-semibold">신고 내용:</span> {o.disputeReason ?? "(없음)"}
              </p>
              <div className="mt-3 flex flex-wrap gap-2">
                <ButtonForm action={resolveDisputeAction} values={{ orderId: o.id, outcome: "refund" }} variant="danger" size="md" pendingLabel="환불 중…" data-testid="refund" confirm={`주문 #${o.id}: 구매자에게 ${won(o.paid)}을 환불할까요? 되돌릴 수 없습니다.`}>
                  구매자에게 환불 ({won(o.paid)})
                </ButtonForm>
                <ButtonForm action={resolveDisputeAction} values={{ orderId: o.id, outcome: "complete" }} variant="primary" size="md" pendingLabel="지급 중…" data-testid="complete" confirm={`주문 #${o.id}: 판매자에게 ${won(o.price)}을 지급할까요? 되돌릴 수 없습니다.`}>
                  판매자에게 지급 ({won(o.price)})
                </ButtonForm>
              </div>
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState icon="🕊️" title="처리할 분쟁이 없습니다" />
      )}
    </div>
  );
}
