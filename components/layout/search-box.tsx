"use client";

import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Suspense, useEffect, useId, useRef, useState } from "react";
import { won } from "@/lib/format";

// The site's search: a GET form to the browse page (works without JavaScript), with suggestions as one
// types (GET /api/search/suggest, the same ranking as the results) in an ARIA combobox.
type Suggestion = { id: number; brandName: string; name: string; emoji: string; faceValue: number };

type Props = { defaultValue?: string; id?: string; action?: string; placeholder?: string; label?: string; /** Where a suggestion leads: this followed by the product id. */
  hrefPrefix?: string;
};

export function SearchBox(props: Props) {
  // useSearchParams() on a cached page is read in the browser: the server renders the same box, empty.
  return (
    <Suspense fallback={<SearchBoxInner {...props} />}>
      <SearchBoxWithQuery {...props} />
    </Suspense>
  );
}

function SearchBoxWithQuery(props: Props) {
  const sp = useSearchParams();
  const pathname = usePathname();
  const action = props.action ?? "/products";
  // The query stays in the box on the results page.
  const current = pathname === action ? (sp.get("q") ?? "") : "";
  return <SearchBoxInner key={current} {...props} defaultValue={props.defaultValue ?? current} />;
}

function SearchBoxInner({ defaultValue, id = "site-search", action = "/products", placeholder, label = "기프티콘 검색", hrefPrefix = "/products/" }: Props) {
  const router = useRouter();
  const [value, setValue] = useState(defaultValue ?? "");
  const [items, setItems] = useState<Suggestion[]>([]);
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(-1);
  const listId = useId();
  const seq = useRef(0);

  useEffect(() => {
    const q = value.trim();
    if (!q) {
      setItems([]);
      return;
    }
    const mine = ++seq.current;
    const t = setTimeout(async () => {
      try {
        const res = await fetch(`/api/search/suggest?q=${encodeURIComponent(q)}&limit=6`);
        if (!res.ok || mine !== seq.current) return;
        const body = (await res.json()) as { items: Suggestion[] };
        setItems(body.items);
        setActive(-1);
      } catch {
        // suggestions are a convenience: the form still searches
      }
    }, 120);
    return () => clearTimeout(t);
  }, [value]);

  const shown = open && items.length > 0 && value.trim() !== "";

  return (
    <form
      action={action}
      role="search"
      className="relative"
      onSubmit={(e) => {
        if (shown && active >= 0) {
          e.preventDefault();
          setOpen(false);
          router.push(`${hrefPrefix}${items[active].id}`);
        }
      }}
    >
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <input
        id={id}
        name="q"
        type="search"
        value={value}
        onChange={(e) => {
          setValue(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (!shown) return;
          if (e.key === "ArrowDown") {
            e.preventDefault();
            setActive((a) => (a + 1) % items.length);
          } else if (e.key === "ArrowUp") {
            e.preventDefault();
            setActive((a) => (a <= 0 ? items.length - 1 : a - 1));
          } else if (e.key === "Escape") setOpen(false);
        }}
        maxLength={50}
        autoComplete="off"
        role="combobox"
        aria-autocomplete="list"
        aria-expanded={shown}
        aria-controls={listId}
        aria-activedescendant={shown && active >= 0 ? `${listId}-${active}` : undefined}
        placeholder={placeholder ?? "브랜드나 상품 검색 (예: 스벅 아아, ㅅㅌㅂㅅ)"}
        className="w-full rounded-full border border-slate-300 bg-slate-50 px-4 py-2 pr-16 text-sm placeholder:text-slate-500 focus:border-brand-600 focus:bg-white focus:outline-none"
      />
      <button type="submit" className="absolute right-1 top-1 rounded-full bg-brand-700 px-3 py-1 text-sm font-semibold text-white hover:bg-brand-800">
        검색
      </button>
      <ul
        id={listId}
        role="listbox"
        aria-label="추천 검색 결과"
        hidden={!shown}
        className="absolute left-0 right-0 top-full z-40 mt-1 overflow-hidden rounded-2xl border border-slate-200 bg-white text-sm shadow-lg"
        data-testid="search-suggestions"
      >
        {items.map((s, i) => (
          <li
            key={s.id}
            id={`${listId}-${i}`}
            role="option"
            aria-selected={i === active}
            className={`flex cursor-pointer items-center gap-2 px-3 py-2 ${i === active ? "bg-brand-50" : "hover:bg-slate-50"}`}
            onMouseDown={(e) => {
              e.preventDefault();
              setOpen(false);
              router.push(`${hrefPrefix}${s.id}`);
            }}
          >
            <span aria-hidden>{s.emoji}</span>
            <span className="min-w-0 flex-1 truncate">
              <span className="text-slate-600">{s.brandName}</span> {s.name}
            </span>
            <span className="shrink-0 text-xs text-slate-600">정가 {won(s.faceValue)}</span>
          </li>
        ))}
      </ul>
    </form>
  );
}
