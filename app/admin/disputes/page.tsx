import type { Metadata } from "next";
import { connection } from "next/server";
import { ResolveDisputeForm } from "@/components/admin/resolve-dispute-form";
import { ProductTile } from "@/components/catalog/product-tile";
import { EmptyState } from "@/components/ui/empty-state";
import { IntentLink } from "@/components/ui/intent-link";
import { PageTitle } from "@/components/ui/page-title";
import { disputedOrders } from "@/lib/admin/queries";
import { adminOrNotFound } from "@/lib/forms/guard";
import { dateOnly, dateTime, won } from "@/lib/format";
import { DISPUTE_CATEGORIES, type DisputeCategory } from "@/lib/orders/schemas";

export const metadata: Metadata = { title: "분쟁 처리" };

export default async function DisputesPage() {
  await connection();
  const { minSeq } = await adminOrNotFound();
  const rows = await disputedOrders({ minSeq });
  return (
    <div>
      <PageTitle title="분쟁 처리" description="구매자가 문제를 신고한 주문입니다. 주문, 증빙과 양쪽의 말을 보고 판매자에게 지급(거래 완료)하거나 구매자에게 환불하세요. 메모는 양쪽에 보입니다." />
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
                    <IntentLink href={`/products/${o.product.id}`} className="hover:underline">
                      {o.product.brandName} {o.product.name}
                    </IntentLink>
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
              <dl className="mt-3 grid gap-x-4 gap-y-1 rounded-xl bg-slate-50 p-3 text-sm sm:grid-cols-2" data-testid="dispute-order">
                <div className="flex justify-between gap-2"><dt className="text-slate-600">판매가 / 결제</dt><dd className="tabular-nums">{won(o.price)} / {won(o.paid)}{o.discount ? ` (쿠폰 −${won(o.discount)})` : ""}</dd></div>
                <div className="flex justify-between gap-2"><dt className="text-slate-600">코드 끝자리</dt><dd className="font-mono">••••{o.codeLast4}</dd></div>
                <div className="flex justify-between gap-2"><dt className="text-slate-600">유효기간</dt><dd>{dateOnly(o.expiresAt)}</dd></div>
                <div className="flex justify-between gap-2"><dt className="text-slate-600">판매 글</dt><dd>#{o.listingId}</dd></div>
              </dl>
              <div className="mt-3 grid gap-3 md:grid-cols-2">
                <section className="rounded-xl border border-rose-200 bg-rose-50 p-3 text-sm text-rose-900" aria-label="구매자 신고" data-testid="buyer-side">
                  <h3 className="font-semibold">
                    구매자 신고 · {DISPUTE_CATEGORIES[(o.disputeCategory ?? "other") as DisputeCategory] ?? "기타"}
                  </h3>
                  <p className="mt-1 whitespace-pre-wrap">{o.disputeReason ?? "(없음)"}</p>
                  {o.hasPhoto ? (
                    <a href={`/api/orders/${o.id}/dispute-photo`} target="_blank" rel="noreferrer" className="mt-2 block">
                      <img src={`/api/orders/${o.id}/dispute-photo`} alt={`주문 #${o.id} 구매자가 올린 증빙 사진`} className="max-h-64 rounded-lg border border-rose-200 bg-white" data-testid="dispute-photo" />
                    </a>
                  ) : (
                    <p className="mt-2 text-xs">증빙 사진 없음</p>
                  )}
                </section>
                <section className="rounded-xl border border-slate-200 p-3 text-sm" aria-label="판매자 답변" data-testid="seller-side">
                  <h3 className="font-semibold">판매자 답변</h3>
                  {o.disputeResponse ? (
                    <>
                      <p className="mt-1 whitespace-pre-wrap">{o.disputeResponse}</p>
                      {o.disputeRespondedAt ? <p className="mt-1 text-xs text-slate-500">{dateTime(o.disputeRespondedAt)}</p> : null}
                    </>
                  ) : (
                    <p className="mt-1 text-slate-600">아직 답변이 없습니다.</p>
                  )}
                </section>
              </div>
              <ResolveDisputeForm orderId={o.id} paid={won(o.paid)} price={won(o.price)} />
            </li>
          ))}
        </ul>
      ) : (
        <EmptyState icon="🕊️" title="처리할 분쟁이 없습니다" />
      )}
    </div>
  );
}
