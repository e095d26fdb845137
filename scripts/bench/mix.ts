// The realistic mix of the HTTP benchmarks: people browsing, searching, opening products, and signed-in
// people listing, bidding and buying (their own cookies; 409 when someone else bought first is an expected
// answer, not an error).
import type autocannon from "autocannon";
import type { ApiClient } from "../../e2e/support/api-client";

export const MIX_NAME = "mix: 85 % browse/search/product/API, 15 % list/bid/buy";
export const MIX_EXPECTED = [200, 201, 409];

// One counter for every generator of this process: codes are unique.
let codeN = 0;
const newCode = () => `8${Date.now()}${String(++codeN).padStart(6, "0")}`;

// The fetches here are bounded: a silent app fails the benchmark instead of hanging it.
const FETCH_TIMEOUT_MS = 30_000;

/** The products the mix trades in (the first 60 of the catalog) and each one's face value. */
export async function mixCatalog(base: string): Promise<{ productIds: number[]; face: Map<number, number> }> {
  const res = await fetch(`${base}/api/products?limit=60`, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) });
  const catalog = (await res.json()) as { items: { id: number; faceValue: number }[] };
  return { productIds: catalog.items.map((p) => p.id), face: new Map(catalog.items.map((p) => [p.id, p.faceValue])) };
}

/** Renders each path once on each base URL (a page's first render is a miss by design, not the load's doing). */
export async function warmPages(bases: string[], paths: string[]) {
  for (const base of bases) for (const path of paths) await (await fetch(base + path, { signal: AbortSignal.timeout(FETCH_TIMEOUT_MS) })).arrayBuffer();
}

// The mix's reads are its first 85 % (below); its writes the rest.
const READ_SHARE = 0.85;

/**
 * The mix's requests; `writes: false` keeps only its reads, `reads: false` only its writes, each in the
 * same proportions (baselines).
 */
export function mixRequests(
  productIds: number[],
  face: Map<number, number>,
  traders: ApiClient[],
  opts: { writes?: boolean; reads?: boolean } = {},
): autocannon.Request[] {
  const from = opts.reads === false ? READ_SHARE : 0;
  const to = opts.writes === false ? READ_SHARE : 1;
  const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
  const expiry = new Date(Date.now() + 40 * 86_400_000).toISOString().slice(0, 10);
  const productPath = () => `/products/${pick(productIds)}`;
  return [
    {
      setupRequest: (req) => {
        const r = from + Math.random() * (to - from);
        if (r < 0.4) return { ...req, method: "GET", path: productPath(), headers: {}, body: undefined };
        if (r < 0.5) return { ...req, method: "GET", path: "/", headers: {}, body: undefined };
        if (r < 0.55) return { ...req, method: "GET", path: "/new", headers: {}, body: undefined };
        if (r < 0.65) return { ...req, method: "GET", path: "/products?sort=price", headers: {}, body: undefined };
        if (r < 0.75) return { ...req, method: "GET", path: `/products?q=${encodeURIComponent(pick(["치킨", "커피", "CU", "영화"]))}`, headers: {}, body: undefined };
        if (r < READ_SHARE) return { ...req, method: "GET", path: `/api/products/${pick(productIds)}`, headers: {}, body: undefined };
        const t = pick(traders);
        const headers = { cookie: t.cookieHeader(), "content-type": "application/json", "x-forwarded-for": t.address };
        const id = pick(productIds);
        const fv = face.get(id) ?? 5000;
        if (r < 0.91) return { ...req, method: "POST", path: "/api/listings", headers, body: JSON.stringify({ productId: id, price: Math.round((fv * 0.9) / 10) * 10, code: newCode(), expiresAt: expiry }) };
        if (r < 0.96) return { ...req, method: "POST", path: "/api/bids", headers, body: JSON.stringify({ productId: id, price: Math.round((fv * 0.5) / 10) * 10 }) };
        return { ...req, method: "POST", path: "/api/orders", headers, body: JSON.stringify({ productId: id, maxPrice: fv }) };
      },
    },
  ];
}
