import { IntentLink } from "@/components/ui/intent-link";

// Tabs as links (each tab has its own URL, works without JavaScript, scrolls sideways on a phone).
export function LinkTabs({ label, tabs, current }: { label: string; tabs: { href: string; label: string; key: string; count?: number }[]; current: string }) {
  return (
    <nav aria-label={label} className="-mx-4 mb-5 overflow-x-auto border-b border-slate-200 px-4 sm:mx-0 sm:px-0">
      <ul className="flex gap-1">
        {tabs.map((t) => {
          const on = t.key === current;
          return (
            <li key={t.key}>
              <IntentLink
                href={t.href}
                aria-current={on ? "page" : undefined}
                className={`-mb-px flex items-center gap-1 whitespace-nowrap border-b-2 px-3 py-2.5 text-sm font-medium ${on ? "border-brand-600 text-brand-700" : "border-transparent text-slate-600 hover:text-slate-900"}`}
              >
                {t.label}
                {t.count !== undefined ? <span className="rounded-full bg-slate-100 px-1.5 text-xs text-slate-600">{t.count}</span> : null}
              </IntentLink>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
