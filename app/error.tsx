"use client";

export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <div role="alert" className="mx-auto max-w-md rounded-2xl border border-rose-200 bg-white p-6 text-center">
      <p className="text-3xl" aria-hidden>
        😥
      </p>
      <h1 className="mt-2 text-lg font-bold">페이지를 불러오지 못했습니다</h1>
      <p className="mt-1 text-sm text-slate-600">일시적인 문제일 수 있습니다. 잠시 후 다시 시도해 주세요.</p>
      {error.digest ? <p className="mt-1 text-xs text-slate-500">오류 번호: {error.digest}</p> : null}
      <button onClick={reset} className="mt-4 rounded-lg bg-brand-700 px-4 py-2 text-sm font-semibold text-white hover:bg-brand-800">
        다시 시도
      </button>
    </div>
  );
}
