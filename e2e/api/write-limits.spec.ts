import { expect, test } from "@playwright/test";
import { base, expectError, freshProduct, list, newUser, rateLimit } from "./helpers";

// Writes that re-render pages for everyone (a price change, a like) or probe secrets (coupon codes) are
// limited per user: past the limit a 429 with Retry-After, nothing changed, and other users unaffected.

const expect429 = (r: { status: number; headers: Headers; text: string }) => {
  expectError(r as never, 429, "rate_limited");
  expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
};

test("likes: per user (RATE_LIMIT_LIKE)", async () => {
  const { requests } = await rateLimit("RATE_LIMIT_LIKE", "30/60");
  const u = await newUser();
  const p = await freshProduct();
  for (let i = 0; i < requests; i++) expect((await (i % 2 ? u.delete(`/api/likes/${p.id}`) : u.put(`/api/likes/${p.id}`))).status).toBe(200);
  expect429(await u.put(`/api/likes/${p.id}`));
  expect429(await u.delete(`/api/likes/${p.id}`));
  const other = await newUser();
  expect((await other.put(`/api/likes/${p.id}`)).status).toBe(200);
  void base;
});

test("price changes: per user (RATE_LIMIT_REPRICE), and the price stays the last one accepted", async () => {
  const { requests } = await rateLimit("RATE_LIMIT_REPRICE", "30/600");
  const seller = await newUser();
  const p = await freshProduct(10_000);
  const { id } = await list(seller, p.id, 9_000);
  for (let i = 0; i < requests; i++) expect((await seller.patch(`/api/listings/${id}`, { price: 8_000 + i })).status).toBe(200);
  expect429(await seller.patch(`/api/listings/${id}`, { price: 5_000 }));
  const mine = await seller.get("/api/me/listings");
  expect(mine.body.items[0].price).toBe(8_000 + requests - 1);
});

test("coupon claims: per user (RATE_LIMIT_CLAIM), so codes cannot be guessed in bulk", async () => {
  const { requests } = await rateLimit("RATE_LIMIT_CLAIM", "10/600");
  const u = await newUser();
  for (let i = 0; i < requests; i++) expect((await u.post("/api/coupons/claim", { code: `GUESS${i}X` })).status).toBeLessThan(429);
  expect429(await u.post("/api/coupons/claim", { code: "WELCOME1000" }));
});
