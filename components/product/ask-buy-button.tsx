"use client";

import { ActionForm, SubmitButton, useFormState } from "@/components/ui/form";
import { Hidden } from "@/components/ui/hidden";
import { buyListingAction } from "./actions";

/** "구매" on one row of the ask table: buys exactly that listing. */
export function AskBuyButton({ listingId, price, idem, disabled }: { listingId: number; price: string; idem: string; disabled?: boolean }) {
  return (
    <ActionForm action={buyListingAction} message={false} className="inline-block text-right">
      <Hidden values={{ listingId, idem }} />
      <SubmitButton
        variant="secondary"
        size="sm"
        disabled={disabled}
        aria-label={`${price}에 구매`}
        pendingLabel="…"
        confirm={`이 판매 글을 ${price}에 구매할까요? 포인트로 바로 결제됩니다.`}
        data-testid="buy-ask"
      >
        구매
      </SubmitButton>
      <RowError />
    </ActionForm>
  );
}

function RowError() {
  const { state } = useFormState();
  return <div aria-live="polite">{state.ok === false ? <p className="mt-1 max-w-40 text-left text-xs text-rose-600">{state.message}</p> : null}</div>;
}
