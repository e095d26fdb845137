"use client";

import { ActionForm, Field, FieldErrors, SubmitButton } from "@/components/ui/form";
import { IntentLink } from "@/components/ui/intent-link";
import { signUpAction } from "./actions";

export function SignupForm({ callbackUrl }: { callbackUrl?: string }) {
  return (
    <ActionForm action={signUpAction} className="space-y-4" aria-label="회원가입">
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <Field name="email" label="이메일" type="email" autoComplete="email" inputMode="email" required autoFocus />
      <Field name="nickname" label="닉네임" autoComplete="nickname" required maxLength={20} hint="2~20자. 판매 글에 표시됩니다." />
      <Field name="password" label="비밀번호" type="password" autoComplete="new-password" required hint="10자 이상, 영문과 숫자를 모두 넣어 주세요." />
      <Field name="passwordConfirm" label="비밀번호 확인" type="password" autoComplete="new-password" required />
      <div>
        <label className="flex items-start gap-2 text-sm text-slate-700">
          <input type="checkbox" name="agreeTerms" required className="mt-0.5 size-4 accent-brand-700" aria-describedby="agree-terms-links" />
          <span>이용약관과 개인정보처리방침에 동의합니다 (필수)</span>
        </label>
        <p id="agree-terms-links" className="ml-6 mt-1 text-xs text-slate-600">
          <IntentLink href="/terms" target="_blank" className="text-brand-700 underline">
            이용약관
          </IntentLink>{" "}
          ·{" "}
          <IntentLink href="/privacy" target="_blank" className="text-brand-700 underline">
            개인정보처리방침
          </IntentLink>
        </p>
        <FieldErrors name="agreeTerms" />
      </div>
      <SubmitButton className="w-full" size="lg" pendingLabel="가입하는 중…">
        가입하기
      </SubmitButton>
    </ActionForm>
  );
}
