import Link from "next/link";
import { CATEGORIES } from "@/db/schema";
import { CATEGORY_LABELS } from "@/lib/catalog/categories";

const ICONS: Record<string, string> = {
  cafe: "☕", convenience: "🏪", chicken: "🍗", bakery: "🥐", icecream: "🍦",
  burger: "🍔", pizza: "🍕", dessert: "🍧", movie: "🎬", giftcard: "🎁",
};

export function CategoryNav({ current }: { current?: string }) {
  return (
    <nav aria-label="카테고리" className="-mx-4 overflow-x-auto px-4 sm:mx-0 sm:px-0">
      <ul className="flex gap-2 pb-1 sm:flex-wrap">
        <li>
          <Link
            href="/products"
            aria-current={!current ? "page" : undefined}
            className={`flex items-center gap-1 whitespace-nowrap rounded-full border px-3 py-1.5 text-sm ${!current ? "border-brand-600 bg-brand-600 text-white" : "border-slate-200 bg-white hover:border-brand-500"}`}
          >
            전체
          </Link>
        </li>
        {CATEGORIES.map((c) => (
          <li key={c}>
            <Link
              href={`/products?category=${c}`}
              aria-current={current === c ? "page" : undefined}
              className={`flex items-center gap-1 whitespace-nowrap rounded-full border px-3 py-1.5 text-sm ${current === c ? "border-brand-600 bg-brand-600 text-white" : "border-slate-200 bg-white hover:border-brand-500"}`}
            >
              <span aria-hidden>{ICONS[c]}</span>
              {CATEGORY_LABELS[c]}
            </Link>
          </li>
        ))}
      </ul>
    </nav>
  );
}
