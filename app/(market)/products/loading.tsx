export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">상품을 불러오는 중…</span>
      <div className="h-8 w-48 animate-pulse rounded-lg bg-slate-200" />
      <div className="h-9 animate-pulse rounded-full bg-slate-200" />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-3 lg:grid-cols-4 xl:grid-cols-6">
        {Array.from({ length: 12 }, (_, i) => (
          <div key={i} className="h-60 animate-pulse rounded-2xl bg-slate-200" />
        ))}
      </div>
    </div>
  );
}
