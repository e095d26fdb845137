"use client";

import { ActionForm, Field, SubmitButton } from "@/components/ui/form";
import { signInAction } from "./actions";

export function LoginForm({ callbackUrl }: { callbackUrl?: string }) {
  return (
    <ActionForm action={signInAction} className="space-y-4" aria-label="로그인">
      {callbackUrl ? <input type="hidden" name="callbackUrl" value={callbackUrl} /> : null}
      <Field name="email" label="이메일" type="email" autoComplete="email" inputMode="email" required autoFocus />
      <Field name="password" label="비밀번호" type="password" autoComplete="current-password" required />
      <SubmitButton className="w-full" size="lg" pendingLabel="로그인 중…">
        로그인
      </SubmitButton>
    </ActionForm>
  );
}
