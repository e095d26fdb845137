"use client";

import type { FormAction } from "@/lib/forms/state";
import { ActionForm, SubmitButton, useFormState } from "./form";
import { Hidden } from "./hidden";
import type { ButtonSize, ButtonVariant } from "./styles";

/** One button that runs one server action with fixed values (a row's "cancel", "refund", …), with its result under it. */
export function ButtonForm({
  action,
  values,
  children,
  pendingLabel,
  variant = "secondary",
  size = "sm",
  confirm,
  ...button
}: {
  action: FormAction;
  values: Record<string, string | number>;
  children: React.ReactNode;
  pendingLabel?: string;
  variant?: ButtonVariant;
  size?: ButtonSize;
  confirm?: string;
} & Omit<React.ButtonHTMLAttributes<HTMLButtonElement>, "type" | "children">) {
  return (
    <ActionForm action={action} message={false} className="inline-flex flex-col items-start">
      <Hidden values={values} />
      <SubmitButton variant={variant} size={size} pendingLabel={pendingLabel} confirm={confirm} {...button}>
        {children}
      </SubmitButton>
      <ResultLine />
    </ActionForm>
  );
}

function ResultLine() {
  const { state } = useFormState();
  return <div aria-live="polite">{state.message ? <p className={`mt-1 text-xs ${state.ok ? "text-brand-700" : "text-rose-600"}`}>{state.message}</p> : null}</div>;
}
