"use client";

import { ActionForm, Field, SubmitButton } from "@/components/ui/form";
import { signUpAction } from "./actions";

export function SignupForm({ callbackUrl }: { callbackUrl?: string }) {
  return (
    <ActionForm action={signUpAction} className="space-y-4" aria-label="회원가입">
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <Field name="email" label="이메일" type="email" autoComplete="email" inputMode="email" required autoFocus />
      <Field name="nickname" label="닉네임" autoComplete="nickname" required maxLength={20} hint="2~20자. 판매 글에 표시됩니다." />
      <Field name="password" label="비밀번호" type="password" autoComplete="new-password" required hint="10자 이상, 영문과 숫자를 모두 넣어 주세요." />
      <Field name="passwordConfirm" label="비밀번호 확인" type="password" autoComplete="new-password" required />
      <SubmitButton className="w-full" size="lg" pendingLabel="가입하는 중…">
        가입하기
      </SubmitButton>
    </ActionForm>
  );
}
