import { IntentLink } from "@/components/ui/intent-link";
import { CATEGORIES } from "@/db/schema";
import { CATEGORY_LABELS } from "@/lib/catalog/categories";
import { browseHref, type BrowseParams } from "./browse-href";

export const CATEGORY_ICONS: Record<string, string> = {
  cafe: "☕", convenience: "🏪", chicken: "🍗", bakery: "🥐", icecream: "🍦",
  burger: "🍔", pizza: "🍕", dessert: "🍧", movie: "🎬", giftcard: "🎁",
};

/** Category chips; on the browse page they keep the search and the sort (a brand belongs to one category, so it is dropped). */
export function CategoryNav({ current, params = {} }: { current?: string; params?: BrowseParams }) {
  const href = (category?: string) => browseHref(params, { category, brand: undefined });
  const chip = (on: boolean) =>
    `flex items-center gap-1 whitespace-nowrap rounded-full border px-3 py-1.5 text-sm ${on ? "border-brand-700 bg-brand-700 text-white" : "border-slate-200 bg-white hover:border-brand-500"}`;
  return (
    <nav aria-label="카테고리" className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
      <ul className="flex gap-2 pb-1 sm:flex-wrap">
        <li>
          <IntentLink href={href(undefined)} aria-current={!current ? "page" : undefined} className={chip(!current)}>
            전체
          </IntentLink>
        </li>
        {CATEGORIES.map((c) => (
          <li key={c}>
            <IntentLink href={href(c)} aria-current={current === c ? "page" : undefined} className={chip(current === c)}>
              <span aria-hidden>{CATEGORY_ICONS[c]}</span>
              {CATEGORY_LABELS[c]}
            </IntentLink>
          </li>
        ))}
      </ul>
    </nav>
  );
}
