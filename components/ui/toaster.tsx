"use client";

import { useEffect, useRef, useState } from "react";

// A short message after every change (a cancel, a confirmation, a top-up…), shown above the bottom edge
// where a phone's thumb is, in a live region so screen readers hear it. It lives in the root layout, so a
// form whose row disappears after its change (a cancelled bid) still gets its message heard.

export const TOAST_EVENT = "gx:toast";
type Tone = "success" | "error";
type Toast = { id: number; text: string; tone: Tone };

export function toast(text: string, tone: Tone = "success") {
  if (typeof window !== "undefined" && text) window.dispatchEvent(new CustomEvent(TOAST_EVENT, { detail: { text, tone } }));
}

export function Toaster() {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const next = useRef(0);
  useEffect(() => {
    const on = (e: Event) => {
      const { text, tone } = (e as CustomEvent<{ text: string; tone: Tone }>).detail;
      const id = ++next.current;
      setToasts((t) => [...t.slice(-2), { id, text, tone }]);
      setTimeout(() => setToasts((t) => t.filter((x) => x.id !== id)), 5000);
    };
    window.addEventListener(TOAST_EVENT, on);
    return () => window.removeEventListener(TOAST_EVENT, on);
  }, []);
  return (
    <div
      role="status"
      aria-live="polite"
      className="pointer-events-none fixed inset-x-0 bottom-4 z-50 flex flex-col items-center gap-2 px-4"
      data-testid="toaster"
    >
      {toasts.map((t) => (
        <p
          key={t.id}
          className={`pointer-events-auto max-w-md rounded-xl px-4 py-3 text-sm font-medium shadow-lg ${t.tone === "success" ? "bg-slate-900 text-white" : "bg-rose-700 text-white"}`}
          data-testid="toast"
          data-tone={t.tone}
        >
          {t.text}
        </p>
      ))}
    </div>
  );
}
