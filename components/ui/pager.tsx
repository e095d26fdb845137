import { IntentLink } from "@/components/ui/intent-link";
import { num } from "@/lib/format";

/** Previous / next pages of an admin list, as links that keep the search (`?q=…&page=N`). */
export function Pager({ path, page, pageSize, total, params = {} }: { path: string; page: number; pageSize: number; total: number; params?: Record<string, string | undefined> }) {
  const pages = Math.max(1, Math.ceil(total / pageSize));
  if (pages <= 1) return <p className="mt-3 text-sm text-slate-600">모두 {num(total)}건</p>;
  const href = (p: number) => {
    const q = new URLSearchParams();
    for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
    if (p > 1) q.set("page", String(p));
    const s = q.toString();
    return s ? `${path}?${s}` : path;
  };
  const link = "rounded-lg border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50";
  return (
    <nav aria-label="페이지" className="mt-4 flex items-center justify-between gap-2 text-sm" data-testid="pager">
      {page > 1 ? (
        <IntentLink href={href(page - 1)} className={link} rel="prev">
          ← 이전
        </IntentLink>
      ) : (
        <span />
      )}
      <span className="text-slate-700">
        {num(page)} / {num(pages)} 페이지 · 모두 {num(total)}건
      </span>
      {page < pages ? (
        <IntentLink href={href(page + 1)} className={link} rel="next">
          다음 →
        </IntentLink>
      ) : (
        <span />
      )}
    </nav>
  );
}

/** ?page= as a whole number ≥ 1 (anything else is page 1: never a 500 for a hand-typed URL). */
export function pageParam(v: unknown, max = 10_000): number {
  const n = typeof v === "string" && /^\d{1,6}$/.test(v) ? Number(v) : 1;
  return Math.min(Math.max(1, n), max);
}
