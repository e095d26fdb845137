"use client";

import { ActionForm, Field, SelectField, SubmitButton, TextAreaField } from "@/components/ui/form";
import { DISPUTE_CATEGORIES } from "@/lib/orders/schemas";
import { Hidden } from "@/components/ui/hidden";
import { confirmOrderAction, disputeOrderAction, markUsedAction, respondToDisputeAction } from "./actions";

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
      <SelectField
        name="category"
        label="문제 종류"
        defaultValue="already_used"
        options={Object.entries(DISPUTE_CATEGORIES).map(([value, label]) => ({ value, label }))}
      />
      <TextAreaField name="reason" label="어떤 문제가 있나요?" rows={3} maxLength={500} placeholder="예: 코드를 입력하니 이미 사용된 쿠폰이라고 나옵니다." required />
      <Field
        name="photo"
        label="증빙 사진 (선택)"
        type="file"
        accept="image/png,image/jpeg,image/webp"
        hint="매장·앱 화면의 오류 메시지 등. PNG, JPEG, WebP · 2MB 이하. 판매자와 관리자에게만 보입니다."
      />
      <SubmitButton variant="danger" className="w-full" pendingLabel="신고하는 중…" data-testid="dispute-order">
        문제 신고
      </SubmitButton>
    </ActionForm>
  );
}

/** The buyer's "사용 완료" mark: set once the code was used in a shop (and taken back if set by mistake). */
export function MarkUsedForm({ orderId, usedAt }: { orderId: number; usedAt: string | null }) {
  return (
    <ActionForm action={markUsedAction} message={false} className="flex flex-wrap items-center gap-2" aria-label="사용 완료 표시">
      <Hidden values={{ orderId, used: usedAt ? "0" : "1" }} />
      {usedAt ? (
        <p className="flex-1 text-sm font-semibold text-brand-700" data-testid="used-mark">
          ✓ 사용 완료 <span className="font-normal text-slate-600">· {usedAt}</span>
        </p>
      ) : (
        <p className="flex-1 text-sm text-slate-600">매장에서 사용했다면 표시해 두세요. 내 주문 목록에서 구분됩니다.</p>
      )}
      <SubmitButton variant={usedAt ? "ghost" : "secondary"} size="sm" pendingLabel="저장 중…" data-testid="mark-used">
        {usedAt ? "표시 지우기" : "사용 완료로 표시"}
      </SubmitButton>
    </ActionForm>
  );
}

/** The seller's side of a dispute: what they say about it, read by the admin before deciding. */
export function DisputeResponseForm({ orderId, current }: { orderId: number; current: string | null }) {
  return (
    <ActionForm action={respondToDisputeAction} className="space-y-3" aria-label="판매자 답변">
      <Hidden values={{ orderId }} />
      <TextAreaField
        name="response"
        label={current ? "답변 고치기" : "판매자 답변"}
        rows={3}
        maxLength={1000}
        defaultValue={current ?? undefined}
        placeholder="예: 판매 전에 사용하지 않은 코드입니다. 받은 날 캡처를 갖고 있습니다."
        required
      />
      <SubmitButton variant="secondary" className="w-full" pendingLabel="보내는 중…" data-testid="respond-dispute">
        답변 보내기
      </SubmitButton>
    </ActionForm>
  );
}
