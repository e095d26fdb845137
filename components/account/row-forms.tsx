"use client";

import { ActionForm, Field, SubmitButton, useFormState } from "@/components/ui/form";
import { Hidden } from "@/components/ui/hidden";
import type { ConfirmSpec } from "@/components/ui/confirm-dialog";
import type { FormAction } from "@/lib/forms/state";
import { num } from "@/lib/format";
import { cancelBidAction, cancelListingAction, claimCouponAction, updateListingPriceAction } from "./actions";

// The small forms of my page's rows. Each shows its own result under itself.

function RowMessage() {
  const { state } = useFormState();
  return (
    <div aria-live="polite" className="basis-full">
      {state.message ? <p className={`mt-1 text-xs ${state.ok ? "text-brand-700" : "text-rose-600"}`}>{state.message}</p> : null}
    </div>
  );
}

export function EditPriceForm({ listingId, price, faceValue }: { listingId: number; price: number; faceValue: number }) {
  return (
    <ActionForm action={updateListingPriceAction} message={false} className="flex flex-wrap items-end gap-2">
      <Hidden values={{ listingId }} />
      <Field
        name="price"
        label="새 판매가"
        labelHidden
        inputMode="numeric"
        defaultValue={price}
        className="w-28"
        aria-label={`새 판매가 (정가 ${num(faceValue)}원 이하)`}
      />
      <SubmitButton variant="secondary" size="sm" pendingLabel="변경 중…">
        가격 변경
      </SubmitButton>
      <RowMessage />
    </ActionForm>
  );
}

/** One row's cancel button (a listing or a bid), with its result shown in the row. */
function CancelButton({ action, values, label, confirm }: { action: FormAction; values: Record<string, number>; label: string; confirm: ConfirmSpec }) {
  return (
    <ActionForm action={action} message={false} className="flex flex-wrap">
      <Hidden values={values} />
      <SubmitButton variant="danger" size="sm" pendingLabel="취소 중…" confirm={confirm}>
        {label}
      </SubmitButton>
      <RowMessage />
    </ActionForm>
  );
}

export const CancelListingButton = ({ listingId }: { listingId: number }) => (
  <CancelButton
    action={cancelListingAction}
    values={{ listingId }}
    label="판매 취소"
    confirm={{
      title: "판매를 취소할까요?",
      body: "판매 글이 바로 내려가고 되돌릴 수 없습니다. 같은 코드는 새 판매 글로 다시 등록할 수 있습니다.",
      confirmLabel: "판매 취소",
      cancelLabel: "계속 판매",
      tone: "ask",
    }}
  />
);

export const CancelBidButton = ({ bidId }: { bidId: number }) => (
  <CancelButton
    action={cancelBidAction}
    values={{ bidId }}
    label="입찰 취소"
    confirm={{
      title: "구매 입찰을 취소할까요?",
      body: "입찰이 바로 내려가고 보류한 포인트는 보유 포인트로 돌아옵니다. 되돌릴 수 없으며, 다시 입찰하면 새 입찰이 됩니다.",
      confirmLabel: "입찰 취소",
      cancelLabel: "입찰 유지",
      tone: "ask",
    }}
  />
);

export function ClaimCouponForm() {
  return (
    <ActionForm action={claimCouponAction} className="flex flex-wrap items-start gap-2" aria-label="쿠폰 등록">
      <Field name="code" label="쿠폰 코드" labelHidden placeholder="쿠폰 코드 (영문·숫자)" autoComplete="off" className="min-w-48 flex-1" autoCapitalize="characters" />
      <SubmitButton pendingLabel="등록 중…">쿠폰 등록</SubmitButton>
    </ActionForm>
  );
}
