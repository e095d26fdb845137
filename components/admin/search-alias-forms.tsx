"use client";

import { ActionForm, Field, SubmitButton } from "@/components/ui/form";
import { Hidden } from "@/components/ui/hidden";
import { addSearchAliasAction, removeSearchAliasAction } from "./search-alias-actions";

export function AddSearchAliasForm() {
  return (
    <ActionForm action={addSearchAliasAction} className="grid gap-3 sm:grid-cols-[1fr_2fr_auto] sm:items-end" aria-label="줄임말 추가">
      <Field name="alias" label="사람들이 쓰는 말" placeholder="예: 스벅" autoComplete="off" required />
      <Field name="expansion" label="뜻 (브랜드나 상품 이름의 낱말)" placeholder="예: 스타벅스" autoComplete="off" required />
      <SubmitButton pendingLabel="추가하는 중…">추가</SubmitButton>
    </ActionForm>
  );
}

export function RemoveSearchAliasForm({ aliasId, label }: { aliasId: number; label: string }) {
  return (
    <ActionForm action={removeSearchAliasAction} message={false} aria-label={`${label} 지우기`}>
      <Hidden values={{ aliasId }} />
      <SubmitButton variant="secondary" size="sm" pendingLabel="지우는 중…">
        지우기
      </SubmitButton>
    </ActionForm>
  );
}
