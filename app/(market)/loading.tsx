export default function Loading() {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">불러오는 중…</span>
      <div className="h-32 animate-pulse rounded-3xl bg-slate-200" />
      <div className="grid grid-cols-2 gap-3 sm:grid-cols-4">
        {Array.from({ length: 8 }, (_, i) => (
          <div key={i} className="h-56 animate-pulse rounded-2xl bg-slate-200" />
        ))}
      </div>
    </div>
  );
}
