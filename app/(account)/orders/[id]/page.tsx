import type { Metadata } from "next";
import { IntentLink } from "@/components/ui/intent-link";
import { withJosa } from "@/lib/josa";
import { notFound } from "next/navigation";
import { connection } from "next/server";
import { ProductTile } from "@/components/catalog/product-tile";
import { CodeReveal } from "@/components/orders/code-reveal";
import { ConfirmOrderForm, DisputeOrderForm, DisputeResponseForm, MarkUsedForm } from "@/components/orders/order-forms";
import { DISPUTE_CATEGORIES, type DisputeCategory } from "@/lib/orders/schemas";
import { StatusTimeline } from "@/components/orders/status-timeline";
import { FlashToast } from "@/components/ui/flash-toast";
import { StatusBadge } from "@/components/ui/status-badge";
import { cardClass } from "@/components/ui/styles";
import { isAppError } from "@/lib/errors";
import { signedInOrLogin } from "@/lib/forms/guard";
import { dateOnly, dateTime, won } from "@/lib/format";
import { idSchema } from "@/lib/market/schemas";
import { getOrderForUser, type OrderDetail } from "@/lib/orders/queries";

export const metadata: Metadata = { title: "주문 상세" };

type Props = { params: Promise<{ id: string }>; searchParams: Promise<{ new?: string }> };

const NEW: Record<string, string> = {
  bought: "구매가 완료되었습니다. 아래에서 코드를 확인하고, 잘 사용되면 구매 확정을 눌러 주세요.",
  "bid-filled": "구매 입찰이 바로 체결되었습니다. 아래에서 코드를 확인하세요.",
  sold: "판매되었습니다. 구매자가 확정하면 판매 대금이 포인트로 지급됩니다.",
  confirmed: "구매를 확정했습니다. 판매자에게 대금이 지급되었습니다.",
  disputed: "문제를 신고했습니다. 관리자가 확인하는 동안 판매 대금 지급이 멈춥니다.",
};

export default async function OrderPage({ params, searchParams }: Props) {
  await connection();
  const id = idSchema("주문").safeParse((await params).id);
  if (!id.success) notFound();
  const actor = await signedInOrLogin(`/orders/${id.data}`);
  let order: OrderDetail;
  try {
    // Decided on the primary: only this order's buyer and seller get it; everyone else, a 404.
    order = await getOrderForUser(actor.id, id.data);
  } catch (e) {
    if (isAppError(e) && e.kind === "not_found") notFound();
    throw e;
  }
  const note = NEW[(await searchParams).new ?? ""];
  const buyer = order.role === "buyer";
  const p = order.product;

  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <FlashToast text={note} />
      {note ? (
        <p className="rounded-2xl bg-brand-50 px-4 py-3 text-sm text-brand-700" data-testid="notice">
          {note}
        </p>
      ) : null}

      <section className={`${cardClass} flex flex-wrap items-center gap-4`}>
        <ProductTile emoji={p.emoji} color={p.brandColor} size="sm" />
        <div className="min-w-0 flex-1">
          <p className="text-xs text-slate-500">
            주문 #{order.id} · {buyer ? "내가 산 기프티콘" : "내가 판 기프티콘"} · {dateTime(order.createdAt)}
          </p>
          <h1 className="break-words text-lg font-bold leading-snug">
            <IntentLink href={`/products/${p.id}`} className="hover:underline">
              {p.brandName} {p.name}
            </IntentLink>
          </h1>
          <p className="text-xs text-slate-500">
            {buyer ? `판매자 ${order.sellerNickname}` : "구매자 정보는 공개되지 않습니다"} · 유효기간 {dateOnly(order.gifticon.expiresAt)}까지
          </p>
        </div>
        <StatusBadge status={order.status} />
      </section>

      <div className="grid gap-4 md:grid-cols-5">
        <section className={`${cardClass} md:col-span-3`} aria-labelledby="code-heading">
          <h2 id="code-heading" className="mb-3 font-bold">
            기프티콘 코드
          </h2>
          {order.gifticon.code === null ? (
            <p className="rounded-xl bg-slate-50 px-3 py-3 text-sm text-slate-700" data-testid="code-withdrawn">
              환불된 주문이라 코드를 더 이상 볼 수 없습니다. 결제한 포인트는 돌려드렸습니다.
            </p>
          ) : (
            <>
              <CodeReveal code={order.gifticon.code} last4={order.gifticon.last4} imageUrl={order.gifticon.hasImage ? `/api/orders/${order.id}/image` : undefined} />
              {buyer ? (
                <div className="mt-3 rounded-xl bg-slate-50 px-3 py-2">
                  <MarkUsedForm orderId={order.id} usedAt={order.usedAt ? dateTime(order.usedAt) : null} />
                </div>
              ) : null}
              <p className="mt-3 text-xs text-slate-500">
                {buyer ? "매장이나 앱에서 이 코드를 사용하세요. 코드는 이 주문의 구매자와 판매자에게만 보입니다." : "판매한 코드입니다. 구매자와 판매자에게만 보입니다."}
              </p>
            </>
          )}
        </section>

        <section className={`${cardClass} md:col-span-2`} aria-labelledby="pay-heading">
          <h2 id="pay-heading" className="mb-3 font-bold">
            {buyer ? "결제 내역" : "판매 대금"}
          </h2>
          <dl className="space-y-1.5 text-sm" data-testid="order-amounts">
            <div className="flex justify-between">
              <dt className="text-slate-600">판매가</dt>
              <dd className="tabular-nums">{won(order.price)}</dd>
            </div>
            {buyer ? (
              <>
                <div className="flex justify-between">
                  <dt className="text-slate-600">쿠폰 할인</dt>
                  <dd className="tabular-nums text-ask">{order.discount ? `−${won(order.discount)}` : won(0)}</dd>
                </div>
                <div className="flex justify-between border-t border-slate-100 pt-1.5 font-bold">
                  <dt>결제 포인트</dt>
                  <dd className="tabular-nums" data-testid="order-paid">
                    {won(order.paid)}
                  </dd>
                </div>
              </>
            ) : (
              <div className="flex justify-between border-t border-slate-100 pt-1.5 font-bold">
                <dt>받을 포인트</dt>
                <dd className="tabular-nums">{won(order.price)}</dd>
              </div>
            )}
          </dl>
          {!buyer ? <SellerPayout order={order} /> : null}
        </section>
      </div>

      <section className={cardClass} aria-labelledby="progress-heading">
        <h2 id="progress-heading" className="mb-3 font-bold">
          진행 상황
        </h2>
        <StatusTimeline order={order} />
        {order.disputeReason ? <DisputeCase order={order} /> : null}
      </section>

      {buyer && order.status === "paid" ? (
        <div className="grid gap-4 md:grid-cols-2">
          <section className={cardClass} aria-labelledby="confirm-heading">
            <h2 id="confirm-heading" className="font-bold">
              코드가 잘 사용되었나요?
            </h2>
            <p className="mb-3 mt-1 text-sm text-slate-600">
              구매를 확정하면 판매자에게 {withJosa(won(order.price), "이/가")} 지급됩니다. 확정하지 않으면 {dateTime(order.confirmDueAt)}에 자동으로 확정됩니다.
            </p>
            <ConfirmOrderForm orderId={order.id} price={won(order.price)} />
          </section>
          <section className={cardClass} aria-labelledby="dispute-heading">
            <h2 id="dispute-heading" className="font-bold">
              문제가 있나요?
            </h2>
            <p className="mb-3 mt-1 text-sm text-slate-600">신고하면 대금 지급이 멈추고, 관리자가 확인해 환불하거나 거래를 완료합니다.</p>
            <DisputeOrderForm orderId={order.id} />
          </section>
        </div>
      ) : null}

      <p className="text-center text-sm">
        <IntentLink href="/me?tab=orders" className="text-brand-700 hover:underline">
          ← 주문 내역으로
        </IntentLink>
      </p>
    </div>
  );
}

function SellerPayout({ order }: { order: OrderDetail }) {
  const text = {
    completed: { tone: "bg-brand-50 text-brand-700", msg: `판매 대금 지급 완료 · ${won(order.price)}` },
    paid: { tone: "bg-amber-50 text-amber-800", msg: `구매자가 확정하면 지급됩니다 (늦어도 ${dateTime(order.confirmDueAt)}).` },
    disputed: { tone: "bg-rose-50 text-rose-700", msg: "구매자가 문제를 신고해 관리자가 확인 중입니다. 그동안 지급이 멈춥니다." },
    refunded: { tone: "bg-slate-100 text-slate-700", msg: "구매자에게 환불되어 판매 대금이 지급되지 않았습니다." },
  }[order.status];
  return (
    <p className={`mt-3 rounded-xl px-3 py-2 text-sm font-medium ${text.tone}`} data-testid="seller-payout">
      {text.msg}
    </p>
  );
}

/** The dispute as both parties see it: the buyer's report (and photo), the seller's answer, the admin's decision. */
function DisputeCase({ order }: { order: OrderDetail }) {
  const d = order.dispute;
  const decided = order.status === "refunded" || order.status === "completed";
  return (
    <div className="mt-3 space-y-3" data-testid="dispute-case">
      {decided ? (
        <div className={`rounded-xl px-3 py-2 text-sm ${order.status === "refunded" ? "bg-slate-100 text-slate-800" : "bg-brand-50 text-brand-800"}`} data-testid="dispute-outcome">
          <p className="font-semibold">
            관리자 결정: {order.status === "refunded" ? `구매자에게 환불 (${won(order.paid)})` : `판매자에게 지급 (${won(order.price)})`}
          </p>
          {d.adminNote ? <p className="mt-1 whitespace-pre-wrap">{d.adminNote}</p> : null}
        </div>
      ) : null}
      <div className="rounded-xl bg-slate-50 px-3 py-2 text-sm text-slate-700">
        <p>
          <span className="font-semibold">신고 내용 · {DISPUTE_CATEGORIES[(d.category ?? "other") as DisputeCategory] ?? "기타"}:</span> {order.disputeReason}
        </p>
        {d.hasPhoto ? (
          <img src={`/api/orders/${order.id}/dispute-photo`} alt="구매자가 올린 증빙 사진" className="mt-2 max-h-48 rounded-lg border border-slate-200 bg-white" data-testid="order-dispute-photo" />
        ) : null}
      </div>
      {d.response ? (
        <div className="rounded-xl border border-slate-200 px-3 py-2 text-sm text-slate-700" data-testid="dispute-response">
          <span className="font-semibold">판매자 답변:</span> <span className="whitespace-pre-wrap">{d.response}</span>
        </div>
      ) : null}
      {order.role === "seller" && order.status === "disputed" ? <DisputeResponseForm orderId={order.id} current={d.response} /> : null}
    </div>
  );
}
