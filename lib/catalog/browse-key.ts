// The browse page's query as one path segment (proxy.ts rewrites /products?… to /browse/<key>), so each
// distinct query is one entry of the page cache. Canonical: only the parameters the page reads, in a fixed
// order, the first of repeated ones, trimmed, NFC, spaces collapsed, so "스벅  아아" and "스벅 아아" share one
// entry. Validation stays with the page (catalogQuerySchema): a bad value is shown as a note, as before.

export const BROWSE_PARAMS = ["q", "category", "brand", "sort", "valid", "cursor"] as const;
export type BrowseQuery = Partial<Record<(typeof BROWSE_PARAMS)[number], string>>;
const MAX_VALUE = 60; // longer than any valid value, so an over-long query still gets its note

function toBase64Url(s: string) {
  const bytes = new TextEncoder().encode(s);
  let bin = "";
  for (const b of bytes) bin += String.fromCharCode(b);
  return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(s: string) {
  const bin = atob(s.replace(/-/g, "+").replace(/_/g, "/"));
  return new TextDecoder("utf-8", { fatal: true }).decode(Uint8Array.from(bin, (c) => c.charCodeAt(0)));
}

/** The internal route's path for a key: what proxy.ts rewrites to, and the page cache's name for the page. */
export const browsePath = (key: string) => `/browse/${key}`;

export function browseKey(sp: URLSearchParams): string {
  const out = new URLSearchParams();
  for (const k of BROWSE_PARAMS) {
    const v = sp.get(k)?.normalize("NFC").replace(/\s+/g, " ").trim().slice(0, MAX_VALUE);
    if (v) out.set(k, v);
  }
  return toBase64Url(out.toString()) || "all";
}

/** The query a key stands for, or null when it is not one browseKey makes. */
export function parseBrowseKey(key: string): BrowseQuery | null {
  if (key === "all") return {};
  if (!/^[A-Za-z0-9_-]{1,1000}$/.test(key)) return null;
  try {
    const sp = new URLSearchParams(fromBase64Url(key));
    const out: BrowseQuery = {};
    for (const k of BROWSE_PARAMS) {
      const v = sp.get(k);
      if (v) out[k] = v;
    }
    return browseKey(sp) === key ? out : null;
  } catch {
    return null;
  }
}
