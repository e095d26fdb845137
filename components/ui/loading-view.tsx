// Skeletons for loading.tsx files: a live region that says what is loading, and grey blocks in the page's shape.
export function LoadingView({ label = "불러오는 중…", blocks = ["h-24", "h-64"] }: { label?: string; blocks?: string[] }) {
  return (
    <div role="status" aria-live="polite" className="space-y-4">
      <span className="sr-only">{label}</span>
      <div className="h-8 w-48 animate-pulse rounded-lg bg-slate-200" />
      {blocks.map((h, i) => (
        <div key={i} className={`${h} animate-pulse rounded-2xl bg-slate-200`} />
      ))}
    </div>
  );
}
