"use client";

import { createContext, use, useActionState, useCallback, useEffect, useId, useRef, useState } from "react";
import { refreshAccount } from "@/components/layout/account-events";
import { useFormStatus } from "react-dom";
import { ConfirmDialog, toConfirmSpec, type ConfirmSpec } from "./confirm-dialog";
import { toast } from "./toaster";
import { initialFormState, type FormAction, type FormState } from "@/lib/forms/state";
import { buttonClass, inputClass, type ButtonSize, type ButtonVariant } from "./styles";

// The form → server action → useActionState loop (as in next-learn's dashboard), once for every form:
// <ActionForm> holds the state; the fields below read their error and the typed value back from it.
// Without JavaScript the same form still posts to the server action.

type Ctx = { state: FormState; pending: boolean };
const FormCtx = createContext<Ctx>({ state: initialFormState, pending: false });
export const useFormState = () => use(FormCtx);

export function ActionForm({
  action,
  children,
  className,
  message = true,
  ...rest
}: {
  action: FormAction;
  children: React.ReactNode;
  className?: string;
  /** Show the form-level message (turn off for one-button forms that show it elsewhere). */
  message?: boolean;
} & Omit<React.FormHTMLAttributes<HTMLFormElement>, "action" | "children">) {
  // After a success the header (loaded in the browser) re-reads the balance and a toast says what was done.
  // Both run here, when the result arrives, not in an effect: the form's row often disappears with the
  // change (a cancelled bid leaves the list), and an effect of an unmounted form never runs.
  const run = useCallback(
    async (prev: FormState, formData: FormData) => {
      const next = await action(prev, formData);
      if (next?.ok) {
        refreshAccount();
        if (next.message) toast(next.message);
      }
      return next;
    },
    [action],
  );
  const [state, formAction, pending] = useActionState(run, initialFormState);
  const ref = useRef<HTMLFormElement>(null);
  // All field errors come back at once; focus goes to the first invalid field so the user starts there.
  useEffect(() => {
    if (state.ok !== false || !state.fields) return;
    const first = ref.current?.querySelector<HTMLElement>("[aria-invalid=true]");
    first?.focus();
  }, [state]);
  return (
    <FormCtx value={{ state, pending }}>
      <form ref={ref} action={formAction} className={className} aria-busy={pending || undefined} noValidate {...rest}>
        {children}
        {message ? <FormMessage className="basis-full" /> : null}
      </form>
    </FormCtx>
  );
}

/** The form's one-line result, in a live region so screen readers hear it. */
export function FormMessage({ className = "" }: { className?: string }) {
  const { state } = useFormState();
  // price_changed is shown by the trade form itself, next to the button that now trades at the new price.
  const text = state.code === "price_changed" ? undefined : state.message;
  return (
    <div aria-live="polite" role="status" className={className}>
      {text ? (
        <p
          key={state.at}
          data-testid={state.ok ? "form-success" : "form-error"}
          className={`mt-3 rounded-xl px-3 py-2 text-sm ${state.ok ? "bg-brand-50 text-brand-700" : "bg-rose-50 text-rose-700"}`}
        >
          {text}
        </p>
      ) : null}
    </div>
  );
}

function useField(name: string, defaultValue?: string | number) {
  const { state } = useFormState();
  const id = useId();
  const errors = state.ok === false ? state.fields?.[name] : undefined;
  const typed = state.ok === false ? state.values?.[name] : undefined;
  return { id, errors, value: typed ?? (defaultValue === undefined ? undefined : String(defaultValue)) };
}

function FieldShell({
  id,
  label,
  hint,
  errors,
  children,
  className = "",
  labelHidden,
}: {
  id: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  errors?: string[];
  children: React.ReactNode;
  className?: string;
  labelHidden?: boolean;
}) {
  return (
    <div className={className}>
      <label htmlFor={id} className={labelHidden ? "sr-only" : "mb-1 block text-sm font-medium text-slate-700"}>
        {label}
      </label>
      {children}
      {hint ? (
        <p id={`${id}-hint`} className="mt-1 text-xs text-slate-500">
          {hint}
        </p>
      ) : null}
      <div id={`${id}-error`} aria-live="polite">
        {errors?.map((m) => (
          <p key={m} className="mt-1 text-sm text-rose-600" data-testid="field-error">
            {m}
          </p>
        ))}
      </div>
    </div>
  );
}

const describedBy = (id: string, hint: unknown) => [hint ? `${id}-hint` : null, `${id}-error`].filter(Boolean).join(" ");

type FieldProps = {
  name: string;
  label: React.ReactNode;
  hint?: React.ReactNode;
  className?: string;
  labelHidden?: boolean;
};

export function Field({
  name,
  label,
  hint,
  className,
  labelHidden,
  defaultValue,
  ...input
}: FieldProps & Omit<React.InputHTMLAttributes<HTMLInputElement>, "name" | "defaultValue"> & { defaultValue?: string | number }) {
  const f = useField(name, defaultValue);
  return (
    <FieldShell id={f.id} label={label} hint={hint} errors={f.errors} className={className} labelHidden={labelHidden}>
      <input
        id={f.id}
        name={name}
        defaultValue={input.type === "file" || input.type === "password" || input.value !== undefined ? undefined : f.value}
        aria-invalid={f.errors ? true : undefined}
        aria-describedby={describedBy(f.id, hint)}
        className={input.type === "file" ? "block w-full text-sm file:mr-3 file:rounded-lg file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:font-medium" : inputClass}
        {...input}
      />
    </FieldShell>
  );
}

export function SelectField({
  name,
  label,
  hint,
  className,
  labelHidden,
  defaultValue,
  options,
  ...select
}: FieldProps &
  Omit<React.SelectHTMLAttributes<HTMLSelectElement>, "name" | "defaultValue"> & {
    defaultValue?: string | number;
    options: { value: string | number; label: string; disabled?: boolean }[];
  }) {
  const f = useField(name, defaultValue);
  return (
    <FieldShell id={f.id} label={label} hint={hint} errors={f.errors} className={className} labelHidden={labelHidden}>
      <select
        id={f.id}
        name={name}
        defaultValue={select.value !== undefined ? undefined : f.value}
        aria-invalid={f.errors ? true : undefined}
        aria-describedby={describedBy(f.id, hint)}
        className={inputClass}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value} disabled={o.disabled}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldShell>
  );
}

export function TextAreaField({
  name,
  label,
  hint,
  className,
  labelHidden,
  defaultValue,
  ...area
}: FieldProps & Omit<React.TextareaHTMLAttributes<HTMLTextAreaElement>, "name" | "defaultValue"> & { defaultValue?: string }) {
  const f = useField(name, defaultValue);
  return (
    <FieldShell id={f.id} label={label} hint={hint} errors={f.errors} className={className} labelHidden={labelHidden}>
      <textarea
        id={f.id}
        name={name}
        defaultValue={f.value}
        aria-invalid={f.errors ? true : undefined}
        aria-describedby={describedBy(f.id, hint)}
        className={inputClass}
        {...area}
      />
    </FieldShell>
  );
}

/** Errors of a field that has no input of its own (e.g. "points" when the balance is short). */
export function FieldErrors({ name }: { name: string }) {
  const { state } = useFormState();
  const errors = state.ok === false ? state.fields?.[name] : undefined;
  if (!errors?.length) return null;
  return (
    <div aria-live="polite">
      {errors.map((m) => (
        <p key={m} data-testid="field-error" className="mt-1 text-sm text-rose-600">
          {m}
        </p>
      ))}
    </div>
  );
}

/** A submit button that shows progress while its form's server action runs. */
export function SubmitButton({
  children,
  pendingLabel,
  variant = "primary",
  size = "md",
  className = "",
  disabled,
  confirm,
  ...rest
}: {
  children: React.ReactNode;
  pendingLabel?: React.ReactNode;
  variant?: ButtonVariant;
  size?: ButtonSize;
  /** Asks in a dialog before submitting (for steps that move money or cannot be undone). */
  confirm?: string | ConfirmSpec;
} & Omit<React.ButtonHTMLAttributes<HTMLButtonElement>, "type">) {
  const { pending } = useFormStatus();
  const [asking, setAsking] = useState(false);
  const button = useRef<HTMLButtonElement>(null);
  const onClick = confirm
    ? (e: React.MouseEvent<HTMLButtonElement>) => {
        e.preventDefault();
        setAsking(true);
      }
    : undefined;
  const submit = () => {
    setAsking(false);
    // requestSubmit fires no click, so this does not ask again; the button is the submitter.
    const b = button.current;
    if (b?.form) b.form.requestSubmit(b);
  };
  return (
    <>
      <button
        ref={button}
        type="submit"
        disabled={pending || disabled}
        aria-busy={pending || undefined}
        aria-haspopup={confirm ? "dialog" : undefined}
        className={buttonClass(variant, size, className)}
        onClick={onClick}
        {...rest}
      >
        {pending ? <Spinner /> : null}
        {pending && pendingLabel ? pendingLabel : children}
      </button>
      {confirm ? <ConfirmDialog open={asking} spec={toConfirmSpec(confirm)} onConfirm={submit} onCancel={() => setAsking(false)} /> : null}
    </>
  );
}

export function Spinner() {
  return <span aria-hidden className="h-4 w-4 animate-spin rounded-full border-2 border-current border-r-transparent" />;
}
