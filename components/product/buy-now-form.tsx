"use client";

import { useState } from "react";
import { ActionForm, FieldErrors, SelectField, SubmitButton } from "@/components/ui/form";
import { Hidden } from "@/components/ui/hidden";
import { IntentLink } from "@/components/ui/intent-link";
import { discountFor } from "@/lib/coupons/pricing";
import { dateOnly, dday, won } from "@/lib/format";
import { buyNowAction } from "./actions";
import { OnSuccess } from "./on-success";
import { PriceChangedNotice, useAgreedPrice } from "./price-guard";

export type CouponChoice = {
  couponId: number;
  name: string;
  description: string;
  kind: "amount" | "percent";
  value: number;
  minPrice: number;
  maxDiscount: number | null;
};

type Props = {
  productId: number;
  price: number;
  points: number;
  coupons: CouponChoice[];
  idem: string;
  /** The voucher's expiry (유효기간) of the ask this buys; `atLeast` when several asks share the price. */
  validity?: { validUntil: string; atLeast: boolean } | null;
  onSuccess?: () => void;
};

/**
 * Buy now: takes the cheapest ask (not the buyer's own) at no more than the price shown. The buyer sees
 * price − coupon = to pay against their points before pressing the button; if the cheapest price moved
 * above it, the form shows the new price and buys only when pressed again.
 */
export function BuyNowForm({ onSuccess, ...props }: Props) {
  return (
    <ActionForm action={buyNowAction} className="space-y-3" aria-label="즉시 구매">
      <OnSuccess run={onSuccess} />
      <BuyNowBody {...props} />
    </ActionForm>
  );
}

function BuyNowBody({ productId, price: shown, points, coupons, idem, validity }: Omit<Props, "onSuccess">) {
  const { price } = useAgreedPrice(shown);
  const [couponId, setCouponId] = useState("");
  const coupon = coupons.find((c) => String(c.couponId) === couponId);
  const discount = coupon && price >= coupon.minPrice ? discountFor(coupon, price) : 0;
  const toPay = price - discount;
  const short = toPay - points;
  return (
    <>
      <Hidden values={{ productId, maxPrice: price, idem }} />
      {coupons.length ? (
        <SelectField
          name="couponId"
          label="쿠폰"
          value={couponId}
          onChange={(e) => setCouponId(e.target.value)}
          options={[
            { value: "", label: "쿠폰 사용 안 함" },
            ...coupons.map((c) => ({
              value: c.couponId,
              label: price >= c.minPrice ? `${c.name} — ${c.description}` : `${c.name} (${won(c.minPrice)} 이상 구매 시)`,
              disabled: price < c.minPrice,
            })),
          ]}
        />
      ) : (
        <p className="text-xs text-slate-500">
          사용할 수 있는 쿠폰이 없습니다. <IntentLink href="/me?tab=coupons" className="text-brand-700 underline">쿠폰 등록</IntentLink>
        </p>
      )}
      <dl className="space-y-1 rounded-xl bg-slate-50 p-3 text-sm" data-testid="buy-summary">
        {validity ? (
          <div className="flex justify-between">
            <dt className="text-slate-600">유효기간</dt>
            <dd className="font-semibold tabular-nums" data-testid="buy-validity">
              <time dateTime={validity.validUntil}>{dateOnly(validity.validUntil)}</time>까지{validity.atLeast ? " 이상" : ""} ({dday(validity.validUntil)})
            </dd>
          </div>
        ) : null}
        <div className="flex justify-between">
          <dt className="text-slate-600">판매가</dt>
          <dd className="tabular-nums">{won(price)}</dd>
        </div>
        <div className="flex justify-between">
          <dt className="text-slate-600">쿠폰 할인</dt>
          <dd className={`tabular-nums ${discount ? "text-ask" : "text-slate-500"}`} data-testid="buy-discount">
            {discount ? `−${won(discount)}` : won(0)}
          </dd>
        </div>
        <div className="flex justify-between border-t border-slate-200 pt-1 font-bold">
          <dt>결제 포인트</dt>
          <dd className="tabular-nums" data-testid="buy-to-pay">
            {won(toPay)}
          </dd>
        </div>
        <div className="flex justify-between text-xs text-slate-500">
          <dt>보유 포인트</dt>
          <dd className="tabular-nums">{won(points)}</dd>
        </div>
      </dl>
      <FieldErrors name="points" />
      {short > 0 ? (
        <p className="rounded-xl bg-amber-50 px-3 py-2 text-sm text-amber-800" data-testid="not-enough-points">
          포인트가 {won(short)} 부족합니다.{" "}
          <IntentLink href="/points" className="font-semibold underline">
            포인트 충전하기
          </IntentLink>
        </p>
      ) : null}
      <PriceChangedNotice shown={shown} />
      <SubmitButton
        variant="ask"
        size="lg"
        className="w-full"
        disabled={short > 0}
        pendingLabel="구매하는 중…"
        data-testid="buy-now"
        confirm={{
          title: `${won(toPay)}에 즉시 구매할까요?`,
          body: `보유 포인트에서 ${won(toPay)}${discount ? `(쿠폰 할인 ${won(discount)} 적용)` : ""}이 바로 결제되고 코드가 열립니다. 결제 후에는 취소할 수 없습니다.`,
          confirmLabel: "구매",
          cancelLabel: "돌아가기",
          tone: "ask",
        }}
      >
        {won(toPay)} 즉시 구매
      </SubmitButton>
    </>
  );
}
