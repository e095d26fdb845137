export function EmptyState({ icon = "📭", title, children }: { icon?: string; title: string; children?: React.ReactNode }) {
  return (
    <div className="rounded-2xl border border-dashed border-slate-300 bg-white px-4 py-10 text-center" data-testid="empty-state">
      <p className="text-3xl" aria-hidden>
        {icon}
      </p>
      <p className="mt-2 font-semibold text-slate-800">{title}</p>
      {children ? <div className="mt-1 text-sm text-slate-600">{children}</div> : null}
    </div>
  );
}
