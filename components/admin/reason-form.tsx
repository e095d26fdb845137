"use client";

import { ActionForm, Field, SubmitButton } from "@/components/ui/form";
import { Hidden } from "@/components/ui/hidden";
import type { ButtonVariant } from "@/components/ui/styles";
import type { FormAction } from "@/lib/forms/state";

/** An admin decision that records why (the audit log keeps it): a reason field and one button. */
export function ReasonForm({
  action,
  values,
  label,
  submit,
  pendingLabel,
  confirm,
  variant = "danger",
  required = true,
  testId,
}: {
  action: FormAction;
  values: Record<string, string | number>;
  label: string;
  submit: string;
  pendingLabel?: string;
  confirm?: string;
  variant?: ButtonVariant;
  required?: boolean;
  testId?: string;
}) {
  return (
    <ActionForm action={action} className="flex flex-wrap items-end gap-2" aria-label={submit} data-testid={testId}>
      <Hidden values={values} />
      <Field name="reason" label={label} autoComplete="off" className="min-w-48 flex-1" maxLength={500} required={required} />
      <SubmitButton variant={variant} size="sm" pendingLabel={pendingLabel} confirm={confirm}>
        {submit}
      </SubmitButton>
    </ActionForm>
  );
}
