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
        confirm={`이 판매 글을 ${won(price)}에 구매할까요? 포인트로 바로 결제됩니다.`}
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
