import { expect, test } from "@playwright/test";
import { ApiClient, uniq } from "../support/api-client";
import {
  admin,
  base,
  book,
  DECLINED_CARD,
  expectError,
  freshProduct,
  hoursFromNow,
  kstDate,
  list,
  listing,
  me,
  newCode,
  newUser,
} from "./helpers";

// The API's contract: every endpoint's status codes and response shapes, and the market's flows end to end
// (list → buy → code → confirm → paid; bid → fill; crossing books; coupons), checked through balances.

const ISO = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/;

test.describe("accounts", () => {
  test("sign up → 201 {id}; Auth.js sign-in sets a session; GET /api/me shows the user", async () => {
    const anon = new ApiClient(base());
    const u = uniq();
    const email = `Contract-${u}@Example.test`;
    const res = await anon.post("/api/users", { email, password: `pw-${u}-1234`, nickname: `c${u}`, agreeTerms: true });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toEqual({ id: expect.any(Number) });

    expectError(await anon.get("/api/me"), 401, "sign_in_required");
    const wrong = await anon.signIn(email.toLowerCase(), "not-the-password-1");
    expect(wrong.ok).toBe(false);
    expect(wrong.location).toContain("error=");
    expectError(await anon.get("/api/me"), 401);

    const ok = await anon.signIn(email.toLowerCase(), `pw-${u}-1234`);
    expect(ok.ok, `${ok.status} ${ok.location}`).toBe(true);
    const m = await anon.get("/api/me");
    expect(m.status).toBe(200);
    expect(m.body).toMatchObject({ id: res.body.id, email: email.toLowerCase(), nickname: `c${u}`, role: "user", points: 0, heldPoints: 0 });
    expect(m.headers.get("cache-control")).toContain("no-store");

    anon.signOut();
    expectError(await anon.get("/api/me"), 401);
  });

  test("sign-up validation: 400 with fields; a taken email or nickname is 400 on that field", async () => {
    const anon = new ApiClient(base());
    const bad = await anon.post("/api/users", { email: "not-an-email", password: "short", nickname: "x", agreeTerms: true });
    expectError(bad, 400, "invalid_input");
    expect(Object.keys(bad.body.error.fields).sort()).toEqual(["email", "nickname", "password"]);
    const noDigit = await anon.post("/api/users", { email: `nd-${uniq()}@example.test`, password: "onlyletters-here", nickname: `n${uniq()}`, agreeTerms: true });
    expectError(noDigit, 400, "invalid_input", "password");

    const existing = await newUser();
    expectError(await anon.post("/api/users", { email: existing.user.email, password: "another-pass-123", nickname: `o${uniq()}`, agreeTerms: true }), 400, "email_taken", "email");
    expectError(await anon.post("/api/users", { email: `o-${uniq()}@example.test`, password: "another-pass-123", nickname: existing.user.nickname, agreeTerms: true }), 400, "nickname_taken", "nickname");
  });
});

test.describe("catalog", () => {
  test("GET /api/products: items with brand name and best prices; filters; cursor pages; bad sort is 400", async () => {
    const anon = new ApiClient(base());
    const seller = await newUser();
    const buyer = await newUser(20_000);
    const p = await freshProduct(10_000);
    await list(seller, p.id, 8_500);
    await list(seller, p.id, 8_000);
    expect((await buyer.post("/api/bids", { productId: p.id, price: 6_000 })).status).toBe(201);

    const page = await anon.get("/api/products?limit=5");
    expect(page.status).toBe(200);
    expect(page.body.items).toHaveLength(5);
    expect(typeof page.body.nextCursor).toBe("string");
    for (const i of page.body.items) {
      expect(i).toMatchObject({ id: expect.any(Number), brand: expect.any(String), name: expect.any(String), category: expect.any(String), faceValue: expect.any(Number) });
      expect(i.lowestAsk === null || typeof i.lowestAsk === "number").toBe(true);
      expect(i.highestBid === null || typeof i.highestBid === "number").toBe(true);
    }

    // Pages of a search that nothing else touches: three quiet products, two per page.
    const tag = `페이지${uniq()}`;
    const quiet = [await freshProduct(5_000, `${tag} 가`), await freshProduct(5_000, `${tag} 나`), await freshProduct(5_000, `${tag} 다`)];
    const first = await anon.get(`/api/products?q=${encodeURIComponent(tag)}&limit=2`);
    expect(first.body.items.map((i: { id: number }) => i.id)).toEqual([quiet[0].id, quiet[1].id]);
    expect(first.body.nextCursor).toBe("2");
    const second = await anon.get(`/api/products?q=${encodeURIComponent(tag)}&limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body.items.map((i: { id: number }) => i.id)).toEqual([quiet[2].id]);
    expect(second.body.nextCursor).toBeNull();

    // The new product is found by name, with its best ask and bid as prices.
    const detail = await book(anon, p.id);
    const byName = await anon.get(`/api/products?q=${encodeURIComponent(detail.product.name)}`);
    expect(byName.status).toBe(200);
    const row = byName.body.items.find((i: { id: number }) => i.id === p.id);
    expect(row).toMatchObject({ id: p.id, faceValue: 10_000, lowestAsk: 8_000, highestBid: 6_000 });
    expect(typeof row.brand).toBe("string");

    const byBrand = await anon.get(`/api/products?brand=${detail.product.brandSlug}&limit=60`);
    expect(byBrand.body.items.length).toBeGreaterThan(0);
    expect(byBrand.body.items.every((i: { brandSlug: string }) => i.brandSlug === detail.product.brandSlug)).toBe(true);

    const cafe = await anon.get("/api/products?category=cafe&sort=price");
    expect(cafe.status).toBe(200);
    expect(cafe.body.items.every((i: { category: string }) => i.category === "cafe")).toBe(true);

    expectError(await anon.get("/api/products?sort=cheapest-first"), 400, "invalid_input", "sort");
    expectError(await anon.get("/api/products?category=weapons"), 400, "invalid_input", "category");
  });

  test("GET /api/products/{id}: asks cheapest first with expiresAt = deadline, bids highest first, trades; unknown → 404", async () => {
    const anon = new ApiClient(base());
    const [s1, s2] = [await newUser(), await newUser()];
    const buyer = await newUser(50_000);
    const p = await freshProduct(10_000);
    const deadline = hoursFromNow(30);
    const a1 = await list(s1, p.id, 9_000);
    const a2 = await list(s2, p.id, 8_000, { deadline });
    const a3 = await list(s1, p.id, 8_000);
    const b1 = await buyer.post("/api/bids", { productId: p.id, price: 5_000 });
    const b2 = await buyer.post("/api/bids", { productId: p.id, price: 6_000 });
    const bk = await book(anon, p.id);
    expect(bk.product).toMatchObject({ id: p.id, faceValue: 10_000, brand: expect.any(String), name: expect.any(String) });
    expect(bk.asks.map((a) => a.id)).toEqual([a2.id, a3.id, a1.id]);
    expect(bk.asks.map((a) => a.price)).toEqual([8_000, 8_000, 9_000]);
    expect(new Date(bk.asks[0].expiresAt).getTime()).toBe(new Date(deadline).getTime());
    for (const a of bk.asks) expect(a.expiresAt).toMatch(ISO);
    expect(bk.bids.map((b) => b.id)).toEqual([b2.body.id, b1.body.id]);
    expect(bk.bids.map((b) => b.price)).toEqual([6_000, 5_000]);
    expect(bk.trades).toEqual([]);
    expect(bk.lowestAsk).toBe(8_000);
    expect(bk.highestBid).toBe(6_000);

    const unknown = await anon.get("/api/products/999999999");
    expectError(unknown, 404, "product_not_found");
    expect((await anon.get("/api/products/abc")).text).toBe(unknown.text);
  });

  test("GET /api/listings: newest first, by product, by seller, cursor pages; bad ids are 400", async () => {
    const anon = new ApiClient(base());
    const seller = await newUser();
    const other = await newUser();
    const p = await freshProduct(10_000);
    const ids: number[] = [];
    for (const price of [9_000, 8_000, 8_500]) ids.push((await list(seller, p.id, price)).id);
    const elsewhere = await list(other, p.id, 9_500);

    const byProduct = await anon.get(`/api/listings?productId=${p.id}`);
    expect(byProduct.status).toBe(200);
    const newest = [...ids].reverse();
    expect(byProduct.body.items.map((i: { id: number }) => i.id)).toEqual([elsewhere.id, ...newest]);
    expect(byProduct.body.nextCursor).toBeNull();
    expect(byProduct.body.items[0]).toMatchObject({
      id: elsewhere.id,
      productId: p.id,
      sellerId: other.user.id,
      sellerNickname: other.user.nickname,
      price: 9_500,
      expiresAt: expect.stringMatching(ISO),
      createdAt: expect.stringMatching(ISO),
      product: { id: p.id, faceValue: 10_000 },
    });

    const bySeller = await anon.get(`/api/listings?sellerId=${seller.user.id}&limit=2`);
    expect(bySeller.body.items.map((i: { id: number }) => i.id)).toEqual(newest.slice(0, 2));
    expect(bySeller.body.nextCursor).toBe(newest[1]);
    const rest = await anon.get(`/api/listings?sellerId=${seller.user.id}&limit=2&cursor=${bySeller.body.nextCursor}`);
    expect(rest.body.items.map((i: { id: number }) => i.id)).toEqual([newest[2]]);
    expect(rest.body.nextCursor).toBeNull();

    const feed = await anon.get("/api/listings?limit=60");
    expect(feed.status).toBe(200);
    const feedIds = feed.body.items.map((i: { id: number }) => i.id);
    expect(feedIds).toContain(elsewhere.id);
    expect([...feedIds].sort((a: number, b: number) => b - a)).toEqual(feedIds);

    expectError(await anon.get("/api/listings?productId=abc"), 400, "invalid_input", "productId");
    expectError(await anon.get("/api/listings?limit=1000"), 400, "invalid_input", "limit");
  });
});

test.describe("selling", () => {
  test("POST /api/listings → 201; PATCH changes price and deadline; DELETE cancels; the code can be listed again", async () => {
    const seller = await newUser();
    const p = await freshProduct(10_000);
    const body = listing(p.id, 9_000);
    const created = await seller.post("/api/listings", body);
    expect(created.status, created.text).toBe(201);
    expect(created.body).toEqual({ id: expect.any(Number), status: "on_sale", price: 9_000 });
    const id = created.body.id;

    const patched = await seller.patch(`/api/listings/${id}`, { price: 8_700 });
    expect(patched.status, patched.text).toBe(200);
    expect(patched.body).toMatchObject({ id, status: "on_sale", price: 8_700 });
    const deadline = hoursFromNow(48);
    const moved = await seller.patch(`/api/listings/${id}`, { deadline });
    expect(moved.status, moved.text).toBe(200);
    let bk = await book(seller, p.id);
    expect(bk.asks).toEqual([expect.objectContaining({ id, price: 8_700 })]);
    expect(new Date(bk.asks[0].expiresAt).getTime()).toBe(new Date(deadline).getTime());
    expectError(await seller.patch(`/api/listings/${id}`, {}), 400, "invalid_input", "price");

    const mine = await seller.get("/api/me/listings");
    expect(mine.status).toBe(200);
    expect(mine.body.items[0]).toMatchObject({ id, price: 8_700, status: "on_sale", codeLast4: body.code.slice(-4), orderId: null, product: { id: p.id } });

    const cancelled = await seller.delete(`/api/listings/${id}`);
    expect(cancelled.status, cancelled.text).toBe(200);
    expect(cancelled.body).toEqual({ id, status: "cancelled" });
    expectError(await seller.delete(`/api/listings/${id}`), 409, "listing_closed");
    expectError(await seller.patch(`/api/listings/${id}`, { price: 8_000 }), 409, "listing_closed");
    bk = await book(seller, p.id);
    expect(bk.asks).toEqual([]);
    expectError(await seller.delete("/api/listings/999999999"), 404, "listing_not_found");

    // A cancelled listing gives the code back to its owner.
    const again = await seller.post("/api/listings", { ...body, price: 8_800 });
    expect(again.status, again.text).toBe(201);
  });

  test("full flow: list → buy → the buyer sees the code → confirm → the seller is paid", async () => {
    const seller = await newUser();
    const buyer = await newUser(30_000);
    const p = await freshProduct(10_000);
    const { id: listingId, code } = await list(seller, p.id, 7_500);
    const sellerBefore = await me(seller);

    const bought = await buyer.post("/api/orders", { listingId, expectedPrice: 7_500 });
    expect(bought.status, bought.text).toBe(201);
    expect(bought.body).toEqual({ id: expect.any(Number), listingId, productId: p.id, price: 7_500, discount: 0, paid: 7_500 });
    const orderId = bought.body.id;
    expect(await me(buyer)).toMatchObject({ points: 22_500, heldPoints: 0 });

    for (const [who, role] of [
      [buyer, "buyer"],
      [seller, "seller"],
    ] as const) {
      const o = await who.get(`/api/orders/${orderId}`);
      expect(o.status, o.text).toBe(200);
      expect(o.body).toMatchObject({
        id: orderId,
        role,
        status: "paid",
        price: 7_500,
        discount: 0,
        paid: 7_500,
        sellerNickname: seller.user.nickname,
        product: { id: p.id },
        gifticon: { code, last4: code.slice(-4), imageUrl: null },
      });
      expect(o.body.confirmDueAt).toMatch(ISO);
      expect(o.headers.get("cache-control")).toContain("no-store");
    }
    const bk = await book(buyer, p.id);
    expect(bk.asks).toEqual([]);
    expect(bk.trades).toEqual([{ price: 7_500, at: expect.stringMatching(ISO) }]);
    expectError(await buyer.post("/api/orders", { listingId, expectedPrice: 7_500 }), 409, "listing_sold");

    expectError(await seller.post(`/api/orders/${orderId}/confirm`), 403, "buyer_only");
    expect((await me(seller)).points).toBe(sellerBefore.points);
    const confirmed = await buyer.post(`/api/orders/${orderId}/confirm`);
    expect(confirmed.status, confirmed.text).toBe(200);
    expect(confirmed.body).toEqual({ id: orderId, status: "completed" });
    expect((await me(seller)).points).toBe(sellerBefore.points + 7_500);
    expect(await me(buyer)).toMatchObject({ points: 22_500, heldPoints: 0 });
    expectError(await buyer.post(`/api/orders/${orderId}/confirm`), 409, "order_not_open");

    const orders = await seller.get("/api/me/orders");
    expect(orders.body.items[0]).toMatchObject({ id: orderId, role: "seller", status: "completed", price: 7_500 });
    expect(orders.text).not.toContain(code);
  });

  test("POST /api/orders {productId, maxPrice} buys the cheapest ask, never above maxPrice", async () => {
    const [s1, s2] = [await newUser(), await newUser()];
    const buyer = await newUser(30_000);
    const p = await freshProduct(10_000);
    await list(s1, p.id, 9_000);
    const cheap = await list(s2, p.id, 8_200);
    // Nothing at or below the price shown: the answer names the cheapest price now (nothing is bought).
    const changed = await buyer.post("/api/orders", { productId: p.id, maxPrice: 8_000 });
    expectError(changed, 409, "price_changed");
    expect(changed.body.error.currentPrice).toBe(8_200);
    expect((await me(buyer)).points).toBe(30_000);
    const r = await buyer.post("/api/orders", { productId: p.id, maxPrice: 8_500 });
    expect(r.status, r.text).toBe(201);
    expect(r.body).toMatchObject({ listingId: cheap.id, price: 8_200, paid: 8_200 });
    expect((await me(buyer)).points).toBe(21_800);
  });
});

test.describe("bidding", () => {
  test("bid holds points; the highest bid is filled (sell now); both see the code; cancel releases", async () => {
    const buyer = await newUser(20_000);
    const seller = await newUser();
    const p = await freshProduct(10_000);

    const bid = await buyer.post("/api/bids", { productId: p.id, price: 7_000 });
    expect(bid.status, bid.text).toBe(201);
    expect(bid.body).toEqual({ id: expect.any(Number), status: "active", price: 7_000 });
    expect(await me(buyer)).toMatchObject({ points: 13_000, heldPoints: 7_000 });
    const low = await buyer.post("/api/bids", { productId: p.id, price: 6_000, deadline: hoursFromNow(5) });
    expect(low.status).toBe(201);
    expect(await me(buyer)).toMatchObject({ points: 7_000, heldPoints: 13_000 });

    const myBids = await buyer.get("/api/me/bids");
    expect(myBids.body.items.slice(0, 2)).toEqual([
      expect.objectContaining({ id: low.body.id, price: 6_000, status: "active", orderId: null }),
      expect.objectContaining({ id: bid.body.id, price: 7_000, status: "active", orderId: null }),
    ]);

    const code = newCode();
    const fill = await seller.post(`/api/bids/${bid.body.id}/fill`, { code, expiresAt: kstDate(40), expectedPrice: 7_000 });
    expect(fill.status, fill.text).toBe(201);
    expect(fill.body).toEqual({ orderId: expect.any(Number), price: 7_000 });
    expect(await me(buyer)).toMatchObject({ points: 7_000, heldPoints: 6_000 });
    for (const who of [buyer, seller]) {
      const o = await who.get(`/api/orders/${fill.body.orderId}`);
      expect(o.status, o.text).toBe(200);
      expect(o.body.gifticon.code).toBe(code);
    }
    expectError(await seller.post(`/api/bids/${bid.body.id}/fill`, { code: newCode(), expiresAt: kstDate(40), expectedPrice: 7_000 }), 409, "bid_filled");
    expectError(await buyer.delete(`/api/bids/${bid.body.id}`), 409, "bid_filled");

    const bk = await book(buyer, p.id);
    expect(bk.bids.map((b) => b.id)).toEqual([low.body.id]);
    expect(bk.trades.map((t) => t.price)).toEqual([7_000]);

    const cancel = await buyer.delete(`/api/bids/${low.body.id}`);
    expect(cancel.status, cancel.text).toBe(200);
    expect(cancel.body).toEqual({ id: low.body.id, status: "cancelled" });
    expect(await me(buyer)).toMatchObject({ points: 13_000, heldPoints: 0 });
    expectError(await buyer.delete(`/api/bids/${low.body.id}`), 409, "bid_closed");
    expectError(await buyer.delete("/api/bids/999999999"), 404, "bid_not_found");

    const sellerBefore = (await me(seller)).points;
    expect((await buyer.post(`/api/orders/${fill.body.orderId}/confirm`)).status).toBe(200);
    expect((await me(seller)).points).toBe(sellerBefore + 7_000);
  });

  test("a bid at or above the lowest ask trades at once, at the ask's price", async () => {
    const seller = await newUser();
    const buyer = await newUser(20_000);
    const p = await freshProduct(10_000);
    const ask = await list(seller, p.id, 7_800);
    await list(seller, p.id, 8_400);

    const bid = await buyer.post("/api/bids", { productId: p.id, price: 8_500 });
    expect(bid.status, bid.text).toBe(201);
    expect(bid.body).toMatchObject({ status: "filled", price: 7_800, orderId: expect.any(Number) });
    expect(await me(buyer)).toMatchObject({ points: 20_000 - 7_800, heldPoints: 0 });
    const o = await buyer.get(`/api/orders/${bid.body.orderId}`);
    expect(o.body).toMatchObject({ price: 7_800, paid: 7_800, gifticon: { code: ask.code } });
    const bk = await book(buyer, p.id);
    expect(bk.asks.map((a) => a.price)).toEqual([8_400]);
    expect(bk.bids).toEqual([]);
    expect(bk.trades.map((t) => t.price)).toEqual([7_800]);
  });

  test("an ask at or below the highest bid trades at once, at the bid's price", async () => {
    const seller = await newUser();
    const [b1, b2] = [await newUser(20_000), await newUser(20_000)];
    const p = await freshProduct(10_000);
    const high = await b1.post("/api/bids", { productId: p.id, price: 7_200 });
    await b2.post("/api/bids", { productId: p.id, price: 6_900 });

    const body = listing(p.id, 6_500);
    const ask = await seller.post("/api/listings", body);
    expect(ask.status, ask.text).toBe(201);
    expect(ask.body).toMatchObject({ status: "sold", price: 7_200, orderId: expect.any(Number) });
    expect(await me(b1)).toMatchObject({ points: 20_000 - 7_200, heldPoints: 0 });
    expect(await me(b2)).toMatchObject({ points: 20_000 - 6_900, heldPoints: 6_900 });
    const o = await b1.get(`/api/orders/${ask.body.orderId}`);
    expect(o.body).toMatchObject({ role: "buyer", price: 7_200, gifticon: { code: body.code } });
    const bk = await book(seller, p.id);
    expect(bk.asks).toEqual([]);
    expect(bk.bids.map((b) => b.price)).toEqual([6_900]);
    expect(bk.trades.map((t) => t.price)).toEqual([7_200]);
    expect(high.body.status).toBe("active");

    // Lowering a resting ask to meet a bid trades it too, at the bid's price.
    const resting = await list(seller, p.id, 9_000);
    const lowered = await seller.patch(`/api/listings/${resting.id}`, { price: 6_000 });
    expect(lowered.status, lowered.text).toBe(200);
    expect(lowered.body).toMatchObject({ id: resting.id, status: "sold", price: 6_900, orderId: expect.any(Number) });
    expect(await me(b2)).toMatchObject({ points: 20_000 - 6_900, heldPoints: 0 });
  });
});

test.describe("coupons", () => {
  test("claim WELCOME1000 and GIFTY10 by code, buy with couponId: the discount is paid by the buyer only once", async () => {
    const seller = await newUser();
    const buyer = await newUser(30_000);
    const p = await freshProduct(20_000);

    expectError(await buyer.post("/api/coupons/claim", { code: "NO-SUCH-COUPON" }), 400, "coupon_invalid", "code");
    expectError(await buyer.post("/api/coupons/claim", { code: "?" }), 400, "invalid_input", "code");
    const welcome = await buyer.post("/api/coupons/claim", { code: "welcome1000" });
    expect(welcome.status, welcome.text).toBe(201);
    expect(welcome.body).toEqual({ couponId: expect.any(Number), name: expect.any(String) });
    expectError(await buyer.post("/api/coupons/claim", { code: "WELCOME1000" }), 409, "coupon_already_owned", "code");
    const gifty = await buyer.post("/api/coupons/claim", { code: "GIFTY10" });
    expect(gifty.status, gifty.text).toBe(201);

    const wallet = await buyer.get("/api/me/coupons");
    expect(wallet.status).toBe(200);
    expect(wallet.body.items).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ couponId: welcome.body.couponId, code: "WELCOME1000", kind: "amount", value: 1000, usable: true }),
        expect.objectContaining({ couponId: gifty.body.couponId, code: "GIFTY10", kind: "percent", value: 10, usable: true }),
      ]),
    );

    // An amount coupon: ₩1,000 off; the seller still gets the full price.
    const a = await list(seller, p.id, 5_000);
    const bought = await buyer.post("/api/orders", { listingId: a.id, expectedPrice: 5_000, couponId: welcome.body.couponId });
    expect(bought.status, bought.text).toBe(201);
    expect(bought.body).toMatchObject({ price: 5_000, discount: 1_000, paid: 4_000 });
    expect((await me(buyer)).points).toBe(26_000);

    // Used coupons are refused, and the listing it was tried on stays on sale.
    const b = await list(seller, p.id, 6_000);
    expectError(await buyer.post("/api/orders", { listingId: b.id, expectedPrice: 6_000, couponId: welcome.body.couponId }), 409, "coupon_used", "couponId");
    expectError(await buyer.post("/api/orders", { listingId: b.id, expectedPrice: 6_000, couponId: 999999999 }), 409, "coupon_not_owned", "couponId");
    expect((await me(buyer)).points).toBe(26_000);
    expect((await book(buyer, p.id)).asks.map((x) => x.id)).toContain(b.id);

    // A percent coupon: 10% of ₩6,000.
    const pct = await buyer.post("/api/orders", { listingId: b.id, expectedPrice: 6_000, couponId: gifty.body.couponId });
    expect(pct.status, pct.text).toBe(201);
    expect(pct.body).toMatchObject({ price: 6_000, discount: 600, paid: 5_400 });
    expect((await me(buyer)).points).toBe(20_600);

    const sellerBefore = (await me(seller)).points;
    expect((await buyer.post(`/api/orders/${bought.body.id}/confirm`)).status).toBe(200);
    expect((await me(seller)).points).toBe(sellerBefore + 5_000);
    const used = await buyer.get("/api/me/coupons");
    expect(used.body.items.find((c: { couponId: number }) => c.couponId === welcome.body.couponId)).toMatchObject({ usable: false });
  });
});

test.describe("orders", () => {
  test("dispute: the buyer reports a problem (reason 5..500), the payment stays frozen", async () => {
    const seller = await newUser();
    const buyer = await newUser(20_000);
    const p = await freshProduct(10_000);
    const { id } = await list(seller, p.id, 8_000);
    const o = await buyer.post("/api/orders", { listingId: id, expectedPrice: 8_000 });
    const orderId = o.body.id;
    const sellerBefore = (await me(seller)).points;

    expectError(await buyer.post(`/api/orders/${orderId}/dispute`, { reason: "안됨" }), 400, "invalid_input", "reason");
    expectError(await buyer.post(`/api/orders/${orderId}/dispute`, { reason: "가".repeat(501) }), 400, "invalid_input", "reason");
    expectError(await buyer.post(`/api/orders/${orderId}/dispute`, {}), 400, "invalid_input", "reason");
    expectError(await seller.post(`/api/orders/${orderId}/dispute`, { reason: "판매자가 신고해 봅니다" }), 403, "buyer_only");

    const d = await buyer.post(`/api/orders/${orderId}/dispute`, { reason: "코드가 이미 사용되었다고 나옵니다." });
    expect(d.status, d.text).toBe(200);
    expect(d.body).toEqual({ id: orderId, status: "disputed" });
    const detail = await buyer.get(`/api/orders/${orderId}`);
    expect(detail.body).toMatchObject({ status: "disputed", disputeReason: "코드가 이미 사용되었다고 나옵니다." });
    expectError(await buyer.post(`/api/orders/${orderId}/confirm`), 409, "order_not_open");
    expectError(await buyer.post(`/api/orders/${orderId}/dispute`, { reason: "두 번째 신고입니다" }), 409, "order_not_open");
    expect((await me(seller)).points).toBe(sellerBefore);
    expectError(await buyer.post("/api/orders/999999999/confirm"), 404, "order_not_found");
  });

  test("GET /api/orders/{id}/image: the voucher photo for buyer and seller only, never cached", async () => {
    // The smallest valid PNG (1×1).
    const png = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==", "base64");
    const seller = await newUser();
    const buyer = await newUser(20_000);
    const other = await newUser();
    const p = await freshProduct(10_000);

    expectError(await seller.post("/api/listings", listing(p.id, 8_000, { image: "data:image/png;base64,PHNjcmlwdD4=" })), 400, "invalid_input", "image");
    expectError(await seller.post("/api/listings", listing(p.id, 8_000, { image: `data:image/gif;base64,${png.toString("base64")}` })), 400, "invalid_input", "image");
    const r = await seller.post("/api/listings", listing(p.id, 8_000, { image: `data:image/png;base64,${png.toString("base64")}` }));
    expect(r.status, r.text).toBe(201);
    const o = await buyer.post("/api/orders", { listingId: r.body.id, expectedPrice: 8_000 });
    const orderId = o.body.id;
    const detail = await buyer.get(`/api/orders/${orderId}`);
    expect(detail.body.gifticon.imageUrl).toBe(`/api/orders/${orderId}/image`);

    for (const who of [buyer, seller]) {
      const img = await fetch(new URL(`/api/orders/${orderId}/image`, base()), { headers: { Cookie: who.cookieHeader() } });
      expect(img.status).toBe(200);
      expect(img.headers.get("content-type")).toBe("image/png");
      expect(img.headers.get("cache-control")).toBe("private, no-store");
      expect(Buffer.from(await img.arrayBuffer()).equals(png)).toBe(true);
    }
    const nobody = await other.get(`/api/orders/${orderId}/image`);
    expectError(nobody, 404, "order_not_found");
    expect(nobody.text).toBe((await other.get("/api/orders/999999999/image")).text);
    expectError(await new ApiClient(base()).get(`/api/orders/${orderId}/image`), 401);
    // An order without a photo has no image either.
    const plain = await list(seller, p.id, 8_100);
    const o2 = await buyer.post("/api/orders", { listingId: plain.id, expectedPrice: 8_100 });
    expectError(await buyer.get(`/api/orders/${o2.body.id}/image`), 404, "order_not_found");
  });
});

test.describe("points and likes", () => {
  test("top-up (test mode) and withdrawals move the balance; a declined card or bad input changes nothing", async () => {
    const u = await newUser();
    const t = await u.post("/api/points/top-up", { amount: 50_000 });
    expect(t.status, t.text).toBe(200);
    expect(t.body).toMatchObject({ points: 50_000, heldPoints: 0, testMode: true });
    const t2 = await u.post("/api/points/top-up", { amount: "10,000", card: "4242-4242-4242-4242" });
    expect(t2.body.points).toBe(60_000);
    expectError(await u.post("/api/points/top-up", { amount: 10_000, card: DECLINED_CARD }), 400, "payment_declined", "card");
    expectError(await u.post("/api/points/top-up", { amount: 500 }), 400, "invalid_input", "amount");
    expectError(await u.post("/api/points/top-up", { amount: 1000.5 }), 400, "invalid_input", "amount");
    expectError(await u.post("/api/points/top-up", { amount: -5000 }), 400, "invalid_input", "amount");
    expect((await me(u)).points).toBe(60_000);

    const w = await u.post("/api/points/withdrawals", { amount: 20_000, bankName: "국민은행", accountNumber: "123-456-789012" });
    expect(w.status, w.text).toBe(201);
    expect(w.body).toEqual({ id: expect.any(Number), points: 40_000 });
    expectError(await u.post("/api/points/withdrawals", { amount: 100_000, bankName: "국민은행", accountNumber: "123456789012" }), 409, "insufficient_points", "points");
    expectError(await u.post("/api/points/withdrawals", { amount: 5_000, bankName: "국민은행", accountNumber: "12ab" }), 400, "invalid_input", "accountNumber");
    expect((await me(u)).points).toBe(40_000);
  });

  test("PUT/DELETE /api/likes/{productId}: idempotent both ways, counted on the product", async () => {
    const u = await newUser();
    const p = await freshProduct(10_000);
    const liked = await u.put(`/api/likes/${p.id}`);
    expect(liked.status, liked.text).toBe(200);
    expect(liked.body).toEqual({ productId: p.id, liked: true });
    expect((await u.put(`/api/likes/${p.id}`)).status).toBe(200);
    expect((await book(u, p.id)).likeCount).toBe(1);
    const un = await u.delete(`/api/likes/${p.id}`);
    expect(un.body).toEqual({ productId: p.id, liked: false });
    expect((await u.delete(`/api/likes/${p.id}`)).status).toBe(200);
    expect((await book(u, p.id)).likeCount).toBe(0);
    expectError(await u.put("/api/likes/999999999"), 400, "product_not_found", "productId");
    expectError(await u.put("/api/likes/abc"), 404, "product_not_found");
  });
});

test.describe("admin", () => {
  test("POST /api/admin/products: 201 for the admin, 403 for a user, 401 anonymous", async () => {
    const a = await admin();
    const list0 = await a.get("/api/products?limit=1");
    const brandId = list0.body.items[0].brandId;
    const body = { brandId, name: `관리자 상품 ${uniq()}`, nameEn: "Admin product", faceValue: 12_000, emoji: "🎁", active: true };
    const u = await newUser();
    expectError(await u.post("/api/admin/products", body), 403, "admin_only");
    expectError(await new ApiClient(base()).post("/api/admin/products", body), 401, "sign_in_required");
    expectError(await a.post("/api/admin/products", { ...body, faceValue: 50 }), 400, "invalid_input", "faceValue");
    const r = await a.post("/api/admin/products", body);
    expect(r.status, r.text).toBe(201);
    const bk = await book(u, r.body.id);
    expect(bk.product).toMatchObject({ id: r.body.id, faceValue: 12_000, name: body.name });
  });
});
