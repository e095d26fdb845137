"use client";

import { useEffect, useId, useRef } from "react";
import { buttonClass, type ButtonVariant } from "./styles";

// The one confirmation pattern for steps that cannot be undone (구매 확정, 판매 취소, 입찰 취소, buying).
// A native modal <dialog>: the page behind it is inert (focus stays inside), Esc cancels, and focus goes
// back to the button that opened it. The body states the consequence in plain Korean.

export type ConfirmSpec = {
  title: string;
  body?: React.ReactNode;
  confirmLabel?: string;
  cancelLabel?: string;
  tone?: ButtonVariant;
};

/** A confirm prop is a sentence (shown as the title) or a full spec. */
export const toConfirmSpec = (c: string | ConfirmSpec): ConfirmSpec => (typeof c === "string" ? { title: c } : c);

export function ConfirmDialog({
  open,
  spec,
  onConfirm,
  onCancel,
}: {
  open: boolean;
  spec: ConfirmSpec;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const ref = useRef<HTMLDialogElement>(null);
  const opener = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const bodyId = useId();
  useEffect(() => {
    const d = ref.current;
    if (!d) return;
    if (open && !d.open) {
      opener.current = document.activeElement as HTMLElement | null;
      d.showModal();
    } else if (!open && d.open) {
      d.close();
    }
  }, [open]);
  // Focus goes back to the opener however the dialog closed (button, Esc).
  const onClose = () => {
    const o = opener.current;
    opener.current = null;
    if (o && o.isConnected) o.focus();
    if (open) onCancel();
  };
  return (
    <dialog
      ref={ref}
      aria-labelledby={titleId}
      aria-describedby={spec.body ? bodyId : undefined}
      onClose={onClose}
      onCancel={(e) => {
        e.preventDefault();
        onCancel();
      }}
      onClick={(e) => {
        if (e.target === ref.current) onCancel(); // a click on the backdrop
      }}
      className="m-auto w-[min(92vw,26rem)] rounded-2xl bg-white p-0 text-slate-900 shadow-xl backdrop:bg-slate-900/50"
      data-testid="confirm-dialog"
    >
      {open ? (
        <div className="p-5">
          <h2 id={titleId} className="text-lg font-bold leading-snug">
            {spec.title}
          </h2>
          {spec.body ? (
            <div id={bodyId} className="mt-2 text-sm leading-relaxed text-slate-700">
              {spec.body}
            </div>
          ) : null}
          <div className="mt-5 flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
            <button type="button" autoFocus onClick={onCancel} className={buttonClass("secondary", "md")} data-testid="confirm-cancel">
              {spec.cancelLabel ?? "돌아가기"}
            </button>
            <button type="button" onClick={onConfirm} className={buttonClass(spec.tone ?? "primary", "md")} data-testid="confirm-ok">
              {spec.confirmLabel ?? "확인"}
            </button>
          </div>
        </div>
      ) : null}
    </dialog>
  );
}
