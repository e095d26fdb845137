import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { Delta } from "@/lib/cache/views";
import type { Sort } from "@/lib/catalog/categories";
import { compareKeys, pageStillHolds, popularity, sortKey } from "@/lib/catalog/order";
import type { CatalogItem } from "@/lib/market/read-model";

// The rule that lets a cached catalog page keep a trade's deltas (lib/catalog/order.ts), against a model of
// the whole catalog: whenever the rule says the page still holds, the page with its own rows updated is
// exactly the slice the full, re-sorted catalog gives (same products, same order, same "next page"). Pure
// and fast, so it can try many pages, offsets, ties and trades; tests/catalog/catalog-order.test.ts checks
// the same against the real database and cache.

type Ask = { id: number; price: number; createdAt: number; deadline: number; validUntil: number };
type Model = { faces: number[]; asks: Ask[][]; trades: number[]; likes: number[]; rank: number[] };
const DAY = 86_400_000;
const T0 = Date.parse("2026-12-01T00:00:00.000Z");
const iso = (t: number) => new Date(t).toISOString();

function row(m: Model, p: number, validFrom: number | null): CatalogItem {
  const asks = m.asks[p].filter((a) => validFrom === null || a.validUntil >= validFrom);
  const cheapest = [...asks].sort((a, b) => a.price - b.price || a.id - b.id)[0];
  const longest = [...asks].sort((a, b) => b.validUntil - a.validUntil || a.price - b.price || a.id - b.id)[0];
  return {
    id: p + 1,
    brandId: 1,
    brandName: "b",
    brandSlug: "b",
    brandColor: "#000000",
    name: `p${p}`,
    nameEn: `p${p}`,
    category: "cafe",
    faceValue: m.faces[p],
    emoji: "☕",
    lowestAsk: cheapest ? { id: cheapest.id, price: cheapest.price, deadline: iso(cheapest.deadline) } : null,
    highestBid: null,
    longestValid: longest ? { id: longest.id, validUntil: iso(longest.validUntil), deadline: iso(longest.deadline) } : null,
    askCount: asks.length,
    trades30d: m.trades[p],
    likeCount: m.likes[p],
    newestAt: asks.length ? iso(Math.max(...asks.map((a) => a.createdAt))) : null,
    soonestAt: asks.length ? iso(Math.min(...asks.map((a) => a.deadline))) : null,
  };
}

/** The page the database would give: every matching product, sorted, sliced. */
function page(m: Model, sort: Sort, offset: number, limit: number, validFrom: number | null) {
  let rows = m.faces.map((_, p) => row(m, p, validFrom));
  if (validFrom !== null) rows = rows.filter((r) => r.askCount > 0);
  rows.sort((a, b) => (sort === "relevance" ? m.rank[a.id - 1] - m.rank[b.id - 1] : compareKeys(sortKey(sort, a)!, sortKey(sort, b)!)));
  const next = rows[offset + limit];
  return { items: rows.slice(offset, offset + limit), nextCursor: next ? String(offset + limit) : null, beyond: next ? { id: next.id, popularity: popularity(next) } : null };
}

type Op = { t: "ask"; p: number; price: number; valid: number; deadline: number } | { t: "remove"; p: number; k: number } | { t: "sale"; p: number; k: number } | { t: "bid"; p: number };

const N = 7;
const opArb: fc.Arbitrary<Op> = fc.oneof(
  fc.record({ t: fc.constant("ask" as const), p: fc.nat(N - 1), price: fc.constantFrom(6_000, 7_000, 8_000, 9_000), valid: fc.constantFrom(10, 40, 100), deadline: fc.integer({ min: 1, max: 9 }) }),
  fc.record({ t: fc.constant("remove" as const), p: fc.nat(N - 1), k: fc.nat(5) }),
  fc.record({ t: fc.constant("sale" as const), p: fc.nat(N - 1), k: fc.nat(5) }),
  fc.record({ t: fc.constant("bid" as const), p: fc.nat(N - 1) }),
);

const modelArb = fc.record({
  faces: fc.array(fc.constantFrom(10_000, 11_000, 12_000), { minLength: N, maxLength: N }),
  asks: fc.array(fc.array(fc.record({ price: fc.constantFrom(6_000, 7_000, 8_000, 9_000), valid: fc.constantFrom(10, 40, 100), deadline: fc.integer({ min: 1, max: 9 }) }), { maxLength: 3 }), { minLength: N, maxLength: N }),
  trades: fc.array(fc.nat(6), { minLength: N, maxLength: N }),
  likes: fc.array(fc.nat(3), { minLength: N, maxLength: N }),
  rank: fc.shuffledSubarray([...Array(N).keys()], { minLength: N, maxLength: N }),
});

describe("a cached catalog page keeps a trade's deltas only when the full catalog agrees", () => {
  it("for every sort, offset and the validity filter", () => {
    let kept = 0;
    fc.assert(
      fc.property(
        modelArb,
        fc.constantFrom<Sort>("popular", "price", "discount", "newest", "expiring", "validity", "relevance"),
        fc.constantFrom(0, 2, 4),
        fc.constantFrom(2, 3),
        fc.boolean(),
        fc.array(opArb, { minLength: 1, maxLength: 3 }),
        (init, sort, offset, limit, filtered, ops) => {
          let nextId = 1;
          let clock = T0;
          const mk = (a: { price: number; valid: number; deadline: number }): Ask => ({ id: nextId++, price: a.price, createdAt: (clock += 1000), deadline: T0 + a.deadline * DAY, validUntil: T0 + a.valid * DAY });
          const m: Model = { faces: init.faces, asks: init.asks.map((xs) => xs.map(mk)), trades: [...init.trades], likes: init.likes, rank: init.rank };
          const validFrom = filtered ? T0 + 30 * DAY : null;
          const before = page(m, sort, offset, limit, validFrom);
          // The trades, as the deltas their commands publish (a sale: the ask's removal and the trade).
          const deltas: Delta[] = [];
          let s = 100;
          for (const o of ops) {
            const pid = o.p + 1;
            if (o.t === "ask") {
              const a = mk(o);
              m.asks[o.p].push(a);
              if (validFrom === null || a.validUntil >= validFrom)
                deltas.push({ s: s++, op: "upsert", kind: "ask-ref", id: a.id, item: { productId: pid, price: a.price, deadline: iso(a.deadline), validUntil: iso(a.validUntil), createdAt: iso(a.createdAt) } });
            } else if (o.t === "bid") {
              deltas.push({ s: s++, op: "upsert", kind: "bid-ref", id: 1000 + s, item: { productId: pid, price: 1_000, deadline: iso(T0 + DAY) } });
            } else if (m.asks[o.p].length) {
              const [a] = m.asks[o.p].splice(o.k % m.asks[o.p].length, 1);
              deltas.push({ s: s++, op: "remove", kind: "ask-ref", id: a.id, item: { productId: pid } });
              if (o.t === "sale") {
                m.trades[o.p]++;
                deltas.push({ s: s++, op: "upsert", kind: "trade-ref", id: 2000 + s, item: { productId: pid } });
              }
            }
          }
          // What the cached page becomes: its own rows as they now are (the view's apply step), same order.
          const after = { ...before, items: before.items.map((r) => row(m, r.id - 1, validFrom)) };
          if (!pageStillHolds({ sort, cursor: String(offset), valid: filtered ? "30" : undefined }, before, after, deltas, () => true, (pid) => m.faces[pid - 1])) return;
          kept++;
          const truth = page(m, sort, offset, limit, validFrom);
          expect(after.items.map((r) => r.id)).toEqual(truth.items.map((r) => r.id));
          expect(after.nextCursor).toBe(truth.nextCursor);
        },
      ),
      { numRuns: Number(process.env.ORDER_PROPERTY_RUNS ?? 3000) },
    );
    // The rule is not merely "always read again".
    expect(kept).toBeGreaterThan(300);
  });
});
