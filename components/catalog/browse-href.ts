// URLs of the browse page: the current filters with some changed (a new filter starts at page one).

export type BrowseParams = { q?: string; category?: string; brand?: string; sort?: string; valid?: string; cursor?: string };

export function browseHref(current: BrowseParams, change: Partial<Record<keyof BrowseParams, string | undefined>>): string {
  const next: BrowseParams = { ...current, cursor: undefined, ...change };
  const sp = new URLSearchParams();
  const defaultSort = next.q ? "relevance" : "popular";
  for (const k of ["q", "category", "brand", "sort", "valid", "cursor"] as const) {
    const v = next[k];
    if (v && !(k === "sort" && v === defaultSort)) sp.set(k, v);
  }
  const s = sp.toString();
  return s ? `/products?${s}` : "/products";
}
