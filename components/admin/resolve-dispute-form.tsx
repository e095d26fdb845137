"use client";

import { ActionForm, SubmitButton, TextAreaField } from "@/components/ui/form";
import { Hidden } from "@/components/ui/hidden";
import { resolveDisputeAction } from "./actions";

/** The admin's decision on a dispute: a note (shown to both parties and kept in the audit log) and one of two outcomes. */
export function ResolveDisputeForm({ orderId, paid, price }: { orderId: number; paid: string; price: string }) {
  return (
    <ActionForm action={resolveDisputeAction} className="mt-3 space-y-2" aria-label={`주문 #${orderId} 분쟁 결정`}>
      <Hidden values={{ orderId }} />
      <TextAreaField name="note" label="결정 메모 (구매자와 판매자에게 보입니다)" rows={2} maxLength={500} placeholder="예: 매장 화면 사진으로 사용된 코드임을 확인했습니다." />
      <div className="flex flex-wrap gap-2">
        <SubmitButton
          name="outcome"
          value="refund"
          variant="danger"
          pendingLabel="처리 중…"
          data-testid="refund"
          confirm={{ title: `주문 #${orderId}: 구매자에게 환불할까요?`, body: `구매자에게 ${paid}을 돌려주고 판매자는 대금을 받지 못합니다. 되돌릴 수 없습니다.`, confirmLabel: "환불", tone: "ask" }}
        >
          구매자에게 환불 ({paid})
        </SubmitButton>
        <SubmitButton
          name="outcome"
          value="complete"
          pendingLabel="처리 중…"
          data-testid="complete"
          confirm={{ title: `주문 #${orderId}: 판매자에게 지급할까요?`, body: `거래를 완료하고 판매자에게 ${price}을 지급합니다. 되돌릴 수 없습니다.`, confirmLabel: "지급" }}
        >
          판매자에게 지급 ({price})
        </SubmitButton>
      </div>
    </ActionForm>
  );
}
