"use client";

import { connectKakaoAction } from "@/components/auth/actions";
import { ActionForm, Field, SubmitButton } from "@/components/ui/form";
import { changeNicknameAction } from "./actions";

// My page: the nickname (a Kakao account starts with Kakao's or a generated one) and the Kakao connection.

export function NicknameForm({ nickname }: { nickname: string }) {
  return (
    <ActionForm action={changeNicknameAction} className="flex flex-wrap items-start gap-2" aria-label="닉네임 변경">
      <Field name="nickname" label="닉네임" defaultValue={nickname} autoComplete="nickname" className="min-w-48 flex-1" />
      <SubmitButton pendingLabel="변경 중…">변경</SubmitButton>
    </ActionForm>
  );
}

const NOTICES: Record<string, string> = {
  connected: "카카오 계정을 연결했습니다. 이제 카카오로도 로그인할 수 있습니다.",
  kakao_taken: "그 카카오 계정은 이미 다른 회원에게 연결되어 있습니다.",
  kakao_already: "이미 다른 카카오 계정이 연결되어 있습니다.",
};

export function KakaoStatus({ linked, notice }: { linked: boolean; notice?: string }) {
  const text = notice && Object.hasOwn(NOTICES, notice) ? NOTICES[notice] : null;
  return (
    <div className="text-sm" data-testid="kakao-status">
      {text ? (
        <p role="status" className="mb-2 rounded-xl bg-slate-50 px-3 py-2">
          {text}
        </p>
      ) : null}
      {linked ? (
        <p className="font-semibold">카카오 계정이 연결되어 있습니다.</p>
      ) : (
        <form action={connectKakaoAction}>
          <button type="submit" className="rounded-xl bg-[#FEE500] px-4 py-2 font-semibold text-black/85 hover:brightness-95">
            카카오 계정 연결
          </button>
        </form>
      )}
    </div>
  );
}
