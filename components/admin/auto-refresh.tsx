"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { kstClock } from "@/lib/format";

// Re-renders the server page every few seconds (router.refresh keeps scroll and focus), with a pause for
// reading; shows when it last refreshed.
export function AutoRefresh({ seconds = 3, checkedAt }: { seconds?: number; checkedAt: string }) {
  const router = useRouter();
  const [on, setOn] = useState(true);
  useEffect(() => {
    if (!on) return;
    const t = setInterval(() => router.refresh(), seconds * 1000);
    return () => clearInterval(t);
  }, [on, seconds, router]);
  return (
    <div className="flex items-center gap-2 text-xs text-slate-500">
      <span aria-live="polite">
        <time dateTime={checkedAt}>{kstClock(checkedAt)}</time> 기준 (한국 시간)
        {on ? ` · ${seconds}초마다 새로고침` : " · 새로고침 멈춤"}
      </span>
      <button type="button" onClick={() => setOn((v) => !v)} aria-pressed={!on} className="rounded-lg border border-slate-300 bg-white px-2 py-1 font-medium text-slate-700 hover:bg-slate-50">
        {on ? "멈춤" : "다시 시작"}
      </button>
    </div>
  );
}
