"use client";

// What an error.tsx shows: a short Korean explanation and a retry (server errors carry no details to the
// browser in production; the digest lets an operator find the log line).
export function ErrorView({ error, reset, title = "페이지를 불러오지 못했습니다" }: { error: Error & { digest?: string }; reset: () => void; title?: string }) {
  return (
    <div role="alert" className="mx-auto max-w-md rounded-2xl border border-rose-200 bg-white p-6 text-center">
      <p className="text-3xl" aria-hidden>
        😥
      </p>
      <h1 className="mt-2 text-lg font-bold">{title}</h1>
      <p className="mt-1 text-sm text-slate-600">일시적인 문제일 수 있습니다. 잠시 후 다시 시도해 주세요.</p>
      {error.digest ? <p className="mt-1 text-xs text-slate-500">오류 번호: {error.digest}</p> : null}
      <div className="mt-4 flex justify-center gap-2">
        <button onClick={reset} className="rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
          다시 시도
        </button>
        <a href="/" className="rounded-lg border border-slate-300 px-4 py-2 text-sm font-semibold text-slate-700 hover:bg-slate-50">
          홈으로
        </a>
      </div>
    </div>
  );
}
