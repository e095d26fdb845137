"use client";

import { ActionForm, SubmitButton, useFormState } from "@/components/ui/form";
import { Hidden } from "@/components/ui/hidden";
import { won } from "@/lib/format";
import { buyListingAction } from "./actions";
import { PriceChangedNotice, useAgreedPrice } from "./price-guard";

/** "구매" on one row of the ask table: buys exactly that listing, at the price shown on the row. */
export function AskBuyButton({ listingId, price, idem, disabled }: { listingId: number; price: number; idem: string; disabled?: boolean }) {
  return (
    <ActionForm action={buyListingAction} message={false} className="inline-block text-right">
      <AskBuyBody listingId={listingId} shown={price} idem={idem} disabled={disabled} />
    </ActionForm>
  );
}

function AskBuyBody({ listingId, shown, idem, disabled }: { listingId: number; shown: number; idem: string; disabled?: boolean }) {
  const { price } = useAgreedPrice(shown);
  return (
    <>
      <Hidden values={{ listingId, expectedPrice: price, idem }} />
      <SubmitButton
        variant="secondary"
        size="sm"
        disabled={disabled}
        aria-label={`${won(price)}에 구매`}
        pendingLabel="…"
        confirm={{
          title: `${won(price)}에 구매할까요?`,
          body: `보유 포인트에서 ${won(price)}이 바로 결제되고 코드가 열립니다. 결제 후에는 취소할 수 없고, 문제가 있으면 주문 화면에서 신고할 수 있습니다.`,
          confirmLabel: "구매",
          cancelLabel: "돌아가기",
          tone: "ask",
        }}
        data-testid="buy-ask"
      >
        구매
      </SubmitButton>
      <PriceChangedNotice shown={shown} compact />
      <RowError />
    </>
  );
}

function RowError() {
  const { state } = useFormState();
  const show = state.ok === false && state.code !== "price_changed";
  return <div aria-live="polite">{show ? <p className="mt-1 max-w-40 text-left text-xs text-rose-600">{state.message}</p> : null}</div>;
}
