import { randomBytes } from "node:crypto";
import { expect, test } from "@playwright/test";
import { base, freshProduct, kstDate, newCode, newUser } from "./helpers";

// Browse and search pages (/products?…) are served from the page cache for any query (proxy.ts rewrites
// them to /browse/<key>), and are exactly as fresh as the data: a new listing's price is on a cached
// search page the moment the API call returns, and gone when it sells. Asks carry their voucher's
// validity (validUntil) in GET /api/products/{id}, and the validity sort and filter use it.

test.describe.configure({ mode: "serial" });

const page = async (path: string) => {
  const r = await fetch(new URL(path, base()));
  expect(r.status, path).toBe(200);
  return { html: await r.text(), cache: r.headers.get("x-nextjs-cache") };
};

test("a cached search page shows a new listing at once and drops it when sold", async () => {
  const tag = `캐시${randomBytes(3).toString("hex")}`;
  const product = await freshProduct(10_000, `${tag} 검색 상품`);
  const seller = await newUser();
  const buyer = await newUser(50_000);
  const path = `/products?q=${encodeURIComponent(tag)}`;

  expect((await page(path)).html).toContain(`/products/${product.id}`);
  expect((await page(path)).cache).toBe("HIT");
  // Spacing and repeated parameters do not make new entries: the same canonical query.
  expect((await page(`/products?q=${encodeURIComponent(`  ${tag}  `)}&q=other`)).cache).toBe("HIT");

  const created = await seller.post("/api/listings", { productId: product.id, price: 8_765, code: newCode(), expiresAt: kstDate(200) });
  expect(created.status, created.text).toBe(201);
  const after = await page(path);
  expect(after.html).toContain("₩8,765");
  expect((await page(path)).cache).toBe("HIT");

  const bought = await buyer.post("/api/orders", { listingId: created.body.id, expectedPrice: 8_765 });
  expect(bought.status, bought.text).toBe(201);
  expect((await page(path)).html).not.toContain("₩8,765");
});

test("a browse or search page is rendered again for changes to products it can show, and only for them", async () => {
  // Products take their brand's category: one new product in each of two categories, found by their tags.
  const tag = randomBytes(3).toString("hex");
  const cafe = await freshProduct(10_000, `카테${tag} 라떼`, "cafe");
  const movie = await freshProduct(10_000, `영테${tag} 관람권`, "movie");
  const seller = await newUser();
  const cafeSearch = `/products?q=${encodeURIComponent(`카테${tag}`)}`;
  const movieSearch = `/products?q=${encodeURIComponent(`영테${tag}`)}`;
  const cafeBrowse = "/products?category=cafe&sort=price";
  const everything = "/products?sort=price";
  for (const path of [cafeSearch, movieSearch, cafeBrowse, everything]) {
    await page(path);
    expect((await page(path)).cache, path).toBe("HIT");
  }

  // A movie listing: the movie search shows it at once and the all-products page is rendered again; the
  // cafe pages, which cannot show it, are not.
  const m = await seller.post("/api/listings", { productId: movie.id, price: 7_770, code: newCode(), expiresAt: kstDate(200) });
  expect(m.status, m.text).toBe(201);
  expect((await page(movieSearch)).html).toContain("₩7,770");
  expect((await page(everything)).cache).not.toBe("HIT");
  expect((await page(cafeSearch)).cache).toBe("HIT");
  expect((await page(cafeBrowse)).cache).toBe("HIT");

  // A cafe listing shows at once on the cafe search, and the cafe category page is rendered again; its
  // sale takes it off at once.
  const c = await seller.post("/api/listings", { productId: cafe.id, price: 6_660, code: newCode(), expiresAt: kstDate(200) });
  expect(c.status, c.text).toBe(201);
  expect((await page(cafeSearch)).html).toContain("₩6,660");
  expect((await page(cafeBrowse)).cache).not.toBe("HIT");
  expect((await page(movieSearch)).cache).toBe("HIT");
  const buyer = await newUser(50_000);
  const bought = await buyer.post("/api/orders", { listingId: c.body.id, expectedPrice: 6_660 });
  expect(bought.status, bought.text).toBe(201);
  expect((await page(cafeSearch)).html).not.toContain("₩6,660");
  // A bid is on the pages of its product's category at once too, and only on theirs.
  const bid = await buyer.post("/api/bids", { productId: movie.id, price: 3_330 });
  expect(bid.status, bid.text).toBe(201);
  expect((await page(movieSearch)).html).toContain("₩3,330");
  expect((await page(cafeSearch)).cache).toBe("HIT");
});

test("a cached page's order follows a trade at once: a new cheapest ask moves its product up, its sale moves it back", async () => {
  const tag = `순서${randomBytes(3).toString("hex")}`;
  const [a, b] = [await freshProduct(10_000, `${tag} 가 상품`), await freshProduct(10_000, `${tag} 나 상품`)];
  const seller = await newUser();
  const buyer = await newUser(50_000);
  const byPrice = `/products?q=${encodeURIComponent(tag)}&sort=price`;
  const newest = `/products?q=${encodeURIComponent(tag)}&sort=newest`;
  const order = async (path: string) => {
    const { html } = await page(path);
    return [a.id, b.id].sort((x, y) => html.indexOf(`/products/${x}"`) - html.indexOf(`/products/${y}"`));
  };
  const list = async (productId: number, price: number) => {
    const r = await seller.post("/api/listings", { productId, price, code: newCode(), expiresAt: kstDate(200) });
    expect(r.status, r.text).toBe(201);
    return r.body.id as number;
  };
  await list(a.id, 9_000);
  expect(await order(byPrice)).toEqual([a.id, b.id]); // b has no ask: last
  expect(await order(newest)).toEqual([a.id, b.id]);
  expect((await page(byPrice)).cache).toBe("HIT");

  const cheap = await list(b.id, 5_000);
  expect(await order(byPrice)).toEqual([b.id, a.id]);
  expect(await order(newest)).toEqual([b.id, a.id]);
  const bought = await buyer.post("/api/orders", { listingId: cheap, expectedPrice: 5_000 });
  expect(bought.status, bought.text).toBe(201);
  expect(await order(byPrice)).toEqual([a.id, b.id]);
  expect(await order(newest)).toEqual([a.id, b.id]);
});

test("asks carry validUntil; browse sorts and filters by validity", async () => {
  const tag = `유효${randomBytes(3).toString("hex")}`;
  const short = await freshProduct(10_000, `${tag} 짧은`);
  const long = await freshProduct(10_000, `${tag} 긴`);
  const seller = await newUser();
  for (const [p, days] of [
    [short, 20],
    [long, 300],
  ] as const) {
    const r = await seller.post("/api/listings", { productId: p.id, price: 9_000, code: newCode(), expiresAt: kstDate(days) });
    expect(r.status, r.text).toBe(201);
  }
  const book = await seller.get(`/api/products/${long.id}`);
  expect(book.body.asks[0].validUntil).toBe(`${kstDate(300)}T14:59:59.999Z`);
  expect(Date.parse(book.body.asks[0].validUntil)).toBeGreaterThanOrEqual(Date.parse(book.body.asks[0].expiresAt));

  const sorted = await seller.get(`/api/products?q=${encodeURIComponent(tag)}&sort=validity`);
  expect(sorted.body.items.map((i: { id: number }) => i.id)).toEqual([long.id, short.id]);
  expect(sorted.body.items[0].longestValidUntil).toBe(`${kstDate(300)}T14:59:59.999Z`);
  const filtered = await seller.get(`/api/products?q=${encodeURIComponent(tag)}&valid=90`);
  expect(filtered.body.items.map((i: { id: number }) => i.id)).toEqual([long.id]);
  expect((await seller.get("/api/products?valid=45")).status).toBe(400);

  // The product page shows each ask's validity next to its deadline.
  const html = (await page(`/products/${long.id}`)).html;
  expect(html).toContain('data-testid="ask-validity"');
  expect(html).toMatch(/D-(299|300)/);
});

test("suggestions: aliases and initial consonants; bad input is a 400, never a 500", async () => {
  const anon = await fetch(new URL(`/api/search/suggest?q=${encodeURIComponent("스벅 아아")}`, base()));
  const body = await anon.json();
  expect(body.items[0]).toMatchObject({ brandName: "스타벅스", name: "아이스 카페 아메리카노 T" });
  const cho = await (await fetch(new URL(`/api/search/suggest?q=${encodeURIComponent("ㅅㅌㅂㅅ")}`, base()))).json();
  expect(cho.items.every((i: { brandName: string }) => i.brandName === "스타벅스")).toBe(true);
  expect((await fetch(new URL(`/api/search/suggest?q=${"x".repeat(51)}`, base()))).status).toBe(400);
  expect((await fetch(new URL("/api/search/suggest?limit=99&q=a", base()))).status).toBe(400);
  expect((await (await fetch(new URL("/api/search/suggest?q=", base()))).json()).items).toEqual([]);
  // The internal route is not an address of its own.
  expect((await fetch(new URL("/browse/all", base()))).status).toBe(404);
});
