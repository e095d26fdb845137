import { expect, test } from "@playwright/test";
import { book, expectError, freshProduct, kstDate, list, me, newCode, newUser, newUsers, tally } from "./helpers";

// Every trade binds the price the buyer (or the seller filling a bid) saw (issue 8, item 1). The attack
// that worked before: a listing shows ₩1,000, the seller raises it to ₩10,000, and a buy that names only
// the listing is charged ₩10,000.

test("a seller who raises the price after the buyer saw it cannot charge the new one", async () => {
  const seller = await newUser();
  const buyer = await newUser(20_000);
  const p = await freshProduct(10_000);
  const { id } = await list(seller, p.id, 1_000);
  expect((await seller.patch(`/api/listings/${id}`, { price: 10_000 })).status).toBe(200);

  const r = await buyer.post("/api/orders", { listingId: id, expectedPrice: 1_000 });
  expectError(r, 409, "price_changed");
  expect(r.body.error.currentPrice).toBe(10_000);
  expect(await me(buyer)).toMatchObject({ points: 20_000, heldPoints: 0 });
  expect((await book(buyer, p.id)).asks.map((a) => a.id)).toEqual([id]);
  expect((await buyer.get("/api/me/orders")).body.items).toEqual([]);

  // The old contract (no price) is refused outright, as are prices in other shapes.
  for (const body of [{ listingId: id }, { listingId: id, expectedPrice: "10000" }, { listingId: id, expectedPrice: 10_000.5 }, { listingId: id, expectedPrice: null }]) {
    expectError(await buyer.post("/api/orders", body), 400, "invalid_input", "expectedPrice");
  }
  for (const body of [{ productId: p.id }, { productId: p.id, maxPrice: "99999" }]) {
    expectError(await buyer.post("/api/orders", body), 400, "invalid_input", "maxPrice");
  }
  expect(await me(buyer)).toMatchObject({ points: 20_000, heldPoints: 0 });

  // Stating the new price buys at once, at that price.
  const ok = await buyer.post("/api/orders", { listingId: id, expectedPrice: 10_000 });
  expect(ok.status, ok.text).toBe(201);
  expect(ok.body).toMatchObject({ listingId: id, price: 10_000, paid: 10_000 });
  expect(await me(buyer)).toMatchObject({ points: 10_000 });
});

test("buying the cheapest never pays above maxPrice; a fill must state the bid's price", async () => {
  const seller = await newUser();
  const buyer = await newUser(20_000);
  const p = await freshProduct(10_000);
  const { id } = await list(seller, p.id, 2_000);
  await seller.patch(`/api/listings/${id}`, { price: 9_000 });
  const r = await buyer.post("/api/orders", { productId: p.id, maxPrice: 2_000 });
  expectError(r, 409, "price_changed");
  expect(r.body.error.currentPrice).toBe(9_000);
  expect(await me(buyer)).toMatchObject({ points: 20_000 });

  const bid = await buyer.post("/api/bids", { productId: p.id, price: 5_000 });
  expect(bid.status, bid.text).toBe(201);
  const code = newCode();
  expectError(await seller.post(`/api/bids/${bid.body.id}/fill`, { code, expiresAt: kstDate(30) }), 400, "invalid_input", "expectedPrice");
  const wrong = await seller.post(`/api/bids/${bid.body.id}/fill`, { code, expiresAt: kstDate(30), expectedPrice: 8_000 });
  expectError(wrong, 409, "price_changed");
  expect(wrong.body.error.currentPrice).toBe(5_000);
  const filled = await seller.post(`/api/bids/${bid.body.id}/fill`, { code, expiresAt: kstDate(30), expectedPrice: 5_000 });
  expect(filled.status, filled.text).toBe(201);
  expect(filled.body.price).toBe(5_000);
});

test("a storm of buyers stating the right price while the seller raises it: at most one order, at the stated price; clean 409s", async () => {
  const seller = await newUser();
  const buyers = await newUsers(20, 20_000);
  const p = await freshProduct(10_000);
  const { id } = await list(seller, p.id, 1_000);
  const [raise, ...rs] = await Promise.all([
    seller.patch(`/api/listings/${id}`, { price: 10_000 }),
    ...buyers.map((b) => b.post("/api/orders", { listingId: id, expectedPrice: 1_000 })),
  ]);
  expect([200, 409]).toContain(raise.status);
  const counts = tally(rs);
  expect(Object.keys(counts).map(Number).every((s) => s === 201 || s === 409), JSON.stringify(counts)).toBe(true);
  expect(counts[201] ?? 0).toBeLessThanOrEqual(1);
  for (const r of rs.filter((x) => x.status === 409)) expect(["listing_sold", "listing_busy", "price_changed"]).toContain(r.body.error.code);
  for (const r of rs.filter((x) => x.status === 201)) expect(r.body.paid).toBe(1_000);
  const spent = (await Promise.all(buyers.map(me))).reduce((sum, m) => sum + (20_000 - m.points), 0);
  expect(spent).toBe((counts[201] ?? 0) * 1_000);
});
