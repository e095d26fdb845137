"use client";

import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";

// The account menu is a <details> (opens and closes without JavaScript, keyboard included); with
// JavaScript it also closes after a navigation, on Escape and on a click outside.
export function AccountMenu({ summary, children, label }: { summary: React.ReactNode; children: React.ReactNode; label: string }) {
  const ref = useRef<HTMLDetailsElement>(null);
  const pathname = usePathname();
  useEffect(() => {
    if (ref.current) ref.current.open = false;
  }, [pathname]);
  useEffect(() => {
    const close = (e: Event) => {
      const d = ref.current;
      if (!d?.open) return;
      if (e instanceof KeyboardEvent ? e.key === "Escape" : !d.contains(e.target as Node)) {
        d.open = false;
        if (e instanceof KeyboardEvent) d.querySelector("summary")?.focus();
      }
    };
    document.addEventListener("click", close);
    document.addEventListener("keydown", close);
    return () => {
      document.removeEventListener("click", close);
      document.removeEventListener("keydown", close);
    };
  }, []);
  return (
    <details ref={ref} className="group relative">
      <summary
        aria-label={label}
        className="flex cursor-pointer list-none items-center gap-1 rounded-lg px-1.5 py-2 text-sm sm:px-2.5 font-medium text-slate-700 hover:bg-slate-100 [&::-webkit-details-marker]:hidden"
      >
        {summary}
      </summary>
      <div className="absolute right-0 z-40 mt-1 w-56 rounded-xl border border-slate-200 bg-white p-1.5 shadow-lg">{children}</div>
    </details>
  );
}
