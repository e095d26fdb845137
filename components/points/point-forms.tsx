"use client";

import { OnSuccess } from "@/components/product/on-success";
import { useIdempotencyKey } from "@/components/product/viewer";
import { useEffect, useRef } from "react";
import { ActionForm, Field, SubmitButton, useFormState } from "@/components/ui/form";
import { Hidden } from "@/components/ui/hidden";
import { num } from "@/lib/format";

import { topUpAction, withdrawAction } from "./actions";

const PRESETS = [10_000, 30_000, 50_000, 100_000];

// Each form carries an idempotency key (a new one after each success): a double submit or a retry after a
// lost answer charges, credits or withdraws once.
export function TopUpForm({ cards }: { cards: { success: string; declined: string } }) {
  const [idem, renew] = useIdempotencyKey();
  return (
    <ActionForm action={topUpAction} className="space-y-4" aria-label="포인트 충전">
      <Hidden values={{ idem }} />
      <RenewAfterAnswer renew={renew} />
      <fieldset>
        <legend className="mb-1 text-sm font-medium text-slate-700">빠른 선택</legend>
        <div className="flex flex-wrap gap-2">
          {PRESETS.map((v) => (
            <button
              key={v}
              type="button"
              className="rounded-full border border-slate-300 px-3 py-1.5 text-sm hover:border-brand-500"
              onClick={(e) => {
                const input = e.currentTarget.form?.elements.namedItem("amount") as HTMLInputElement | null;
                if (input) input.value = String(v);
              }}
            >
              {num(v)}원
            </button>
          ))}
        </div>
      </fieldset>
      <Field name="amount" label="충전 금액 (원)" inputMode="numeric" autoComplete="off" placeholder="예: 30000" hint="1,000원 ~ 2,000,000원" required />
      <Field
        name="card"
        label="카드 번호 (테스트 카드)"
        inputMode="numeric"
        autoComplete="off"
        defaultValue={cards.success}
        hint={`성공: ${cards.success.replace(/(\d{4})(?=\d)/g, "$1 ")} · 거절: ${cards.declined.replace(/(\d{4})(?=\d)/g, "$1 ")}`}
        required
      />
      <SubmitButton size="lg" className="w-full" pendingLabel="충전하는 중…" data-testid="top-up">
        충전하기 (테스트 모드)
      </SubmitButton>
    </ActionForm>
  );
}

export function WithdrawForm({ points }: { points: number }) {
  const [idem, renew] = useIdempotencyKey();
  return (
    <ActionForm action={withdrawAction} className="space-y-4" aria-label="출금 신청">
      <Hidden values={{ idem }} />
      <OnSuccess run={renew} />
      <Field name="amount" label="출금 금액 (원)" inputMode="numeric" autoComplete="off" hint={`출금 가능 ${num(points)}원 · 1,000원 이상`} required />
      <div className="grid gap-4 sm:grid-cols-2">
        <Field name="bankName" label="은행" autoComplete="off" placeholder="예: 국민은행" required />
        <Field name="accountNumber" label="계좌번호" inputMode="numeric" autoComplete="off" placeholder="숫자만" hint="암호화해 저장하고, 화면에는 가운데 자리를 가려서 보여 드립니다." required />
      </div>
      <SubmitButton variant="secondary" className="w-full" pendingLabel="신청하는 중…">
        출금 신청
      </SubmitButton>
    </ActionForm>
  );
}

/**
 * A top-up's answer, success or decline, is final for its key: the next press is a new payment and gets a
 * new key (else a retry with a working card would replay the decline).
 */
function RenewAfterAnswer({ renew }: { renew: () => void }) {
  const { state } = useFormState();
  const seen = useRef(state.at);
  useEffect(() => {
    if (state.at === seen.current || state.ok === null) return;
    seen.current = state.at;
    if (state.ok || state.code === "payment_declined") renew();
  }, [state, renew]);
  return null;
}
