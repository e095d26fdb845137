import type { Delta } from "@/lib/cache/views";
import type { CatalogItem, MarketDelta } from "@/lib/market/read-model";
import type { Sort } from "./categories";

// The catalog's orders, and whether a cached page can take a trade's deltas and still be the page the
// database would give now. Pure; lib/catalog/queries.ts sorts in SQL by the same keys (one owner: the SQL
// side says here which key it mirrors).
//
// A page is the slice [offset, offset + limit) of the products the query matches, in the sort's order. The
// deltas change some products' keys. The slice is unchanged (same products, so the same next page) and only
// needs re-sorting when every product whose key changed stays on its side of the slice's old ends:
//   - a product on the page whose new key is still between the page's old first and last keys (an end with
//     nothing beyond it, offset 0 or no next page, is open), and the page is in order with the new keys;
//   - a product beyond the page whose key can only have improved (a new ask, a sale for popularity), to a key
//     still after the page's old last one (one that was before the page stays before it); for popularity,
//     whose new key the delta does not give, that bound is the best product beyond the page (`beyond`, read
//     with the page) plus what the deltas added;
//   - a product beyond the page whose key can only have worsened, when nothing is before the page (offset 0)
//     and, under the validity filter, it cannot leave a next page empty.
// Anything else (a key that cannot be known from the delta, a product leaving the validity filter's set) and
// the page is read again.

/** Compared element by element; the last element is the product id, so no two products tie. */
export type Key = readonly number[];

export const compareKeys = (a: Key, b: Key) => {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if ((a[i] ?? 0) !== (b[i] ?? 0)) return (a[i] ?? 0) - (b[i] ?? 0);
  return 0;
};

const ms = (iso: string) => Date.parse(iso);

/** The discount in basis points, truncated: SQL `(face - price) * 10000 DIV face`. */
export const discountBps = (face: number, price: number) => Math.trunc(((face - price) * 10_000) / face);

/** Popularity: SQL `trades in 30 days × 3 + likes + live asks`. */
export const popularity = (r: Pick<CatalogItem, "trades30d" | "likeCount" | "askCount">) => r.trades30d * 3 + r.likeCount + r.askCount;

/** A row's key in a sort (not relevance, whose order is the search's rank); null: a field it needs is unknown. */
export function sortKey(sort: Exclude<Sort, "relevance">, r: CatalogItem): Key | null {
  // Products without a live ask (the key's field is null) sort last, as `x IS NULL` first in SQL.
  switch (sort) {
    case "popular":
      return [-popularity(r), r.id];
    case "price":
      return r.lowestAsk ? [0, r.lowestAsk.price, r.id] : [1, 0, r.id];
    case "discount":
      return r.lowestAsk ? [0, -discountBps(r.faceValue, r.lowestAsk.price), r.id] : [1, 0, r.id];
    case "newest":
      return r.newestAt === undefined ? null : r.newestAt ? [0, -ms(r.newestAt), -r.id] : [1, 0, -r.id];
    case "expiring":
      return r.soonestAt === undefined ? null : r.soonestAt ? [0, ms(r.soonestAt), r.id] : [1, 0, r.id];
    case "validity":
      return r.longestValid ? [0, -ms(r.longestValid.validUntil), r.id] : [1, 0, r.id];
  }
}

type AskRef = { productId: number; price: number; deadline: string; validUntil?: string; createdAt?: string };

/** The best key a product beyond the page can now have from a new ask (its key is this or better); null: unknown. */
function keyFromNewAsk(sort: Sort, pid: number, a: AskRef, faceOf: (pid: number) => number | undefined): Key | null {
  const face = faceOf(pid);
  switch (sort) {
    case "price":
      return [0, a.price, pid];
    case "discount":
      return face ? [0, -discountBps(face, a.price), pid] : null;
    case "newest":
      return a.createdAt ? [0, -ms(a.createdAt), -pid] : null;
    case "expiring":
      return [0, ms(a.deadline), pid];
    case "validity":
      return a.validUntil ? [0, -ms(a.validUntil), pid] : null;
    default:
      // Popularity rises by one from a key the page does not know; relevance is the search's rank.
      return null;
  }
}

/** The first product after the page (the best key beyond it), as far as the rule needs it. */
export type Beyond = { id: number; popularity: number };
type Page = { items: CatalogItem[]; nextCursor: string | null; beyond?: Beyond | null };
export type PageQuery = { sort: Sort; cursor?: string; valid?: string };

/**
 * Whether `after` (the cached `before` with `deltas` applied) is the page the database would give now.
 * `inQuery(pid)`: whether the product can match the page's filters (true when unknown); `faceOf`: its face value.
 */
export function pageStillHolds(
  q: PageQuery,
  before: Page,
  after: Page,
  deltas: Delta[],
  inQuery: (pid: number) => boolean,
  faceOf: (pid: number) => number | undefined,
): boolean {
  const offset = Number(q.cursor ?? 0);
  const hasNext = before.nextCursor !== null;
  const { sort } = q;
  // Under the validity filter a product is on a page only while it has a valid live ask.
  if (q.valid && after.items.some((r) => !r.lowestAsk)) return false;

  // The products on the page.
  if (sort !== "relevance") {
    const oldKeys = before.items.map((r) => sortKey(sort, r));
    const newKeys = after.items.map((r) => sortKey(sort, r));
    if ([...oldKeys, ...newKeys].some((k) => k === null)) return false;
    const [first, last] = [oldKeys[0]!, oldKeys.at(-1)!];
    for (const [i, k] of newKeys.entries()) {
      if (compareKeys(k!, oldKeys[i]!) === 0) continue;
      if (offset > 0 && compareKeys(k!, first) < 0) return false;
      if (hasNext && compareKeys(k!, last) > 0) return false;
      if (i > 0 && compareKeys(newKeys[i - 1]!, k!) >= 0) return false;
      if (i + 1 < newKeys.length && compareKeys(k!, newKeys[i + 1]!) >= 0) return false;
    }
  }

  // The products beyond it.
  const onPage = new Set(before.items.map((r) => r.id));
  // Per product beyond the page: the keys a new ask gives it, popularity it gained, whether it lost an ask.
  const effects = new Map<number, { better: (Key | null)[]; gain: number; worse: boolean }>();
  for (const d of deltas as MarketDelta[]) {
    const pid = (d.item as { productId?: number } | undefined)?.productId;
    if (!pid) return false; // a delta that does not say its product (a removal published before they did)
    if (onPage.has(pid)) continue;
    const e = effects.get(pid) ?? { better: [], gain: 0, worse: false };
    if (d.kind === "ask-ref") {
      // Relevance: the rank is fixed; only the validity filter's membership moves with asks.
      if (sort === "relevance" && !q.valid) continue;
      if (d.op === "remove") e.worse = true;
      // Under the validity filter a new ask may bring in a product that was not among them: no bound.
      else if (sort === "popular") e.gain += q.valid ? Infinity : 1;
      else e.better.push(sort === "relevance" ? null : keyFromNewAsk(sort, pid, d.item as AskRef, faceOf));
    } else if (d.kind === "trade-ref") {
      if (sort === "popular") e.gain += 3;
      else continue;
    } else if (d.kind === "bid-ref") continue;
    else return false;
    effects.set(pid, e);
  }
  const lastRow = before.items.at(-1);
  const last = lastRow && sort !== "relevance" ? sortKey(sort, lastRow) : null;
  for (const [pid, e] of effects) {
    if (!inQuery(pid)) continue;
    if (e.worse && (offset > 0 || (q.valid && hasNext))) return false;
    for (const k of e.better) if (!hasNext || !k || !last || compareKeys(k, last) <= 0) return false;
    // It had at most the popularity of the best product beyond the page (if it was beyond; if it was before
    // the page it stays there).
    if (e.gain && !(hasNext && lastRow && before.beyond && before.beyond.popularity + e.gain < popularity(lastRow))) return false;
  }
  return true;
}
