"use client";

import { ActionForm, SubmitButton, TextAreaField } from "@/components/ui/form";
import { Hidden } from "@/components/ui/hidden";
import { confirmOrderAction, disputeOrderAction } from "./actions";

export function ConfirmOrderForm({ orderId, price }: { orderId: number; price?: string }) {
  return (
    <ActionForm action={confirmOrderAction} aria-label="구매 확정">
      <Hidden values={{ orderId }} />
      <SubmitButton
        size="lg"
        className="w-full"
        pendingLabel="확정하는 중…"
        data-testid="confirm-order"
        confirm={{
          title: "구매를 확정할까요?",
          body: `확정하면 판매자에게 ${price ?? "대금"}이 바로 지급되고, 이후에는 문제 신고나 환불을 할 수 없습니다. 코드를 사용해 본 뒤에 확정해 주세요.`,
          confirmLabel: "구매 확정",
          cancelLabel: "아직 안 함",
        }}
      >
        구매 확정
      </SubmitButton>
    </ActionForm>
  );
}

export function DisputeOrderForm({ orderId }: { orderId: number }) {
  return (
    <ActionForm action={disputeOrderAction} className="space-y-3" aria-label="문제 신고">
      <Hidden values={{ orderId }} />
      <TextAreaField name="reason" label="어떤 문제가 있나요?" rows={3} maxLength={500} placeholder="예: 코드를 입력하니 이미 사용된 쿠폰이라고 나옵니다." required />
      <SubmitButton variant="danger" className="w-full" pendingLabel="신고하는 중…" data-testid="dispute-order">
        문제 신고
      </SubmitButton>
    </ActionForm>
  );
}
