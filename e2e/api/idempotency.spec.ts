import { expect, test } from "@playwright/test";
import { uniq } from "../support/api-client";
import { book, expectError, freshProduct, kstDate, list, me, newCode, newUser } from "./helpers";

// Idempotency-Key on buy, bid and fill: a retried request (same key, same body) answers with the first
// result and never trades twice; the same key with another body is refused.

/** How many requests retry at once in the concurrent case (a benchmark may raise it). */
const PARALLEL_RETRIES = Number(process.env.STORM_IDEMPOTENT_RETRIES ?? 10);

const key = () => `test-${uniq()}-${uniq()}`;

test("a buy retried one after another with one key: one order, identical responses", async () => {
  const seller = await newUser();
  const buyer = await newUser(20_000);
  const p = await freshProduct();
  const { id } = await list(seller, p.id, 8_000);
  const k = key();
  const first = await buyer.post("/api/orders", { listingId: id, expectedPrice: 8_000 }, { "Idempotency-Key": k });
  expect(first.status, first.text).toBe(201);
  for (let i = 0; i < 3; i++) {
    const again = await buyer.post("/api/orders", { listingId: id, expectedPrice: 8_000 }, { "Idempotency-Key": k });
    expect(again.status, again.text).toBe(201);
    expect(again.text).toBe(first.text);
  }
  expect(await me(buyer)).toMatchObject({ points: 12_000, heldPoints: 0 });
  expect((await book(buyer, p.id)).trades).toHaveLength(1);
  expect((await buyer.get("/api/me/orders")).body.items).toHaveLength(1);
  // Without the key, the same request is a new attempt, refused because the listing is sold.
  expectError(await buyer.post("/api/orders", { listingId: id, expectedPrice: 8_000 }), 409, "listing_sold");
});

test(`a buy retried ${PARALLEL_RETRIES} times at once with one key: one order, identical responses`, async () => {
  const seller = await newUser();
  const buyer = await newUser(20_000);
  const p = await freshProduct();
  const { id } = await list(seller, p.id, 8_000);
  const k = key();
  const all = await Promise.all(Array.from({ length: PARALLEL_RETRIES }, () => buyer.post("/api/orders", { listingId: id, expectedPrice: 8_000 }, { "Idempotency-Key": k })));
  for (const r of all) {
    expect(r.status, r.text).toBe(201);
    expect(r.text).toBe(all[0].text);
  }
  expect(await me(buyer)).toMatchObject({ points: 12_000, heldPoints: 0 });
  expect((await book(buyer, p.id)).trades).toHaveLength(1);
  expect((await buyer.get("/api/me/orders")).body.items).toHaveLength(1);
});

test("the same key with a different body is 409 and does nothing; keys belong to one user", async () => {
  const seller = await newUser();
  const buyer = await newUser(30_000);
  const p = await freshProduct();
  const a = await list(seller, p.id, 8_000);
  const b = await list(seller, p.id, 8_500);
  const k = key();
  expect((await buyer.post("/api/orders", { listingId: a.id, expectedPrice: 8_000 }, { "Idempotency-Key": k })).status).toBe(201);
  expectError(await buyer.post("/api/orders", { listingId: b.id, expectedPrice: 8_500 }, { "Idempotency-Key": k }), 409, "idempotency_key_reused");
  expectError(await buyer.post("/api/bids", { productId: p.id, price: 5_000 }, { "Idempotency-Key": k }), 409, "idempotency_key_reused");
  expect(await me(buyer)).toMatchObject({ points: 22_000, heldPoints: 0 });
  expect((await book(buyer, p.id)).asks.map((x) => x.id)).toEqual([b.id]);

  // Another user's request with the same key is their own.
  const other = await newUser(30_000);
  const r = await other.post("/api/orders", { listingId: b.id, expectedPrice: 8_500 }, { "Idempotency-Key": k });
  expect(r.status, r.text).toBe(201);
  expect(r.body.listingId).toBe(b.id);
});

test("a bid retried with one key holds the points once", async () => {
  const buyer = await newUser(20_000);
  const p = await freshProduct();
  const k = key();
  const all = await Promise.all(Array.from({ length: 5 }, () => buyer.post("/api/bids", { productId: p.id, price: 6_000 }, { "Idempotency-Key": k })));
  for (const r of all) {
    expect(r.status, r.text).toBe(201);
    expect(r.text).toBe(all[0].text);
  }
  const again = await buyer.post("/api/bids", { productId: p.id, price: 6_000 }, { "Idempotency-Key": k });
  expect(again.text).toBe(all[0].text);
  expect(await me(buyer)).toMatchObject({ points: 14_000, heldPoints: 6_000 });
  expect((await book(buyer, p.id)).bids).toHaveLength(1);
  expectError(await buyer.post("/api/bids", { productId: p.id, price: 6_500 }, { "Idempotency-Key": k }), 409, "idempotency_key_reused");
});

test("a fill retried with one key makes one order; another code or bid under that key is 409", async () => {
  const buyer = await newUser(20_000);
  const seller = await newUser();
  const p = await freshProduct();
  const bid = await buyer.post("/api/bids", { productId: p.id, price: 7_000 });
  const other = await buyer.post("/api/bids", { productId: p.id, price: 6_000 });
  const k = key();
  const body = { code: newCode(), expiresAt: kstDate(30), expectedPrice: 7_000 };
  const all = await Promise.all(Array.from({ length: 5 }, () => seller.post(`/api/bids/${bid.body.id}/fill`, body, { "Idempotency-Key": k })));
  for (const r of all) {
    expect(r.status, r.text).toBe(201);
    expect(r.text).toBe(all[0].text);
  }
  expectError(await seller.post(`/api/bids/${bid.body.id}/fill`, { ...body, code: newCode() }, { "Idempotency-Key": k }), 409, "idempotency_key_reused");
  expectError(await seller.post(`/api/bids/${other.body.id}/fill`, { code: newCode(), expiresAt: kstDate(30), expectedPrice: 6_000 }, { "Idempotency-Key": k }), 409, "idempotency_key_reused");
  expect(await me(buyer)).toMatchObject({ points: 7_000, heldPoints: 6_000 });
  const bk = await book(buyer, p.id);
  expect(bk.trades).toHaveLength(1);
  expect(bk.bids.map((b) => b.id)).toEqual([other.body.id]);
  expect((await seller.get("/api/me/listings")).body.items).toHaveLength(1);
});
