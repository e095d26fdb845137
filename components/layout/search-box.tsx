export function SearchBox({ defaultValue, id = "site-search" }: { defaultValue?: string; id?: string }) {
  return (
    <form action="/products" role="search" className="relative">
      <label htmlFor={id} className="sr-only">
        기프티콘 검색
      </label>
      <input
        id={id}
        name="q"
        type="search"
        defaultValue={defaultValue}
        maxLength={50}
        placeholder="브랜드나 상품 검색 (예: 스타벅스, 치킨, Starbucks)"
        className="w-full rounded-full border border-slate-300 bg-slate-50 px-4 py-2 pr-16 text-sm placeholder:text-slate-400 focus:border-brand-600 focus:bg-white focus:outline-none"
      />
      <button type="submit" className="absolute right-1 top-1 rounded-full bg-brand-600 px-3 py-1 text-sm font-semibold text-white hover:bg-brand-700">
        검색
      </button>
    </form>
  );
}
