import { expect, test } from "@playwright/test";
import { ApiClient, newAddress, uniq, type ApiResponse } from "../support/api-client";
import { base, book, expectError, freshProduct, hoursFromNow, kstDate, list, listing, me, newCode, newUser, rateLimit } from "./helpers";

// Each test attempts a breach and checks that it fails and that nothing was written.

test.describe("a voucher code is shown to its buyer and seller only", () => {
  test("another user gets the same 404 for someone's order as for one that does not exist; anonymous gets 401", async () => {
    const seller = await newUser();
    const buyer = await newUser(20_000);
    const other = await newUser(20_000);
    const p = await freshProduct();
    const { id } = await list(seller, p.id, 8_000);
    const orderId = (await buyer.post("/api/orders", { listingId: id, expectedPrice: 8_000 })).body.id;

    const missing = await other.get("/api/orders/999999999");
    expectError(missing, 404, "order_not_found");
    for (const path of [`/api/orders/${orderId}`, `/api/orders/${orderId}/image`]) {
      const r = await other.get(path);
      expect(r.status).toBe(404);
      expect(r.text).toBe(missing.text);
    }
    for (const path of [`/api/orders/${orderId}/confirm`, `/api/orders/${orderId}/dispute`]) {
      const r = await other.post(path, { reason: "남의 주문을 신고해 봅니다" });
      expect(r.status).toBe(404);
      expect(r.text).toBe((await other.post(path.replace(String(orderId), "999999999"), { reason: "남의 주문을 신고해 봅니다" })).text);
    }
    expectError(await new ApiClient(base()).get(`/api/orders/${orderId}`), 401, "sign_in_required");
    const o = await buyer.get(`/api/orders/${orderId}`);
    expect(o.body.status).toBe("paid");
  });

  test("the code appears in no response but the buyer's and seller's GET /api/orders/{id}; its last four only there and to its seller", async () => {
    const seen: { client: ApiClient; method: string; path: string; res: ApiResponse }[] = [];
    const stop = ApiClient.observe((e) => seen.push(e));
    try {
      const seller = await newUser();
      const buyer = await newUser(50_000);
      const other = await newUser(50_000);
      const anon = new ApiClient(base());
      const p = await freshProduct(10_000);
      const sold = await list(seller, p.id, 8_000);
      const unsold = await list(seller, p.id, 9_000);
      const codes = [sold.code, unsold.code];

      const readEverything = async () => {
        for (const c of [anon, other, buyer, seller]) {
          await c.get(`/api/products?q=${encodeURIComponent((await book(c, p.id)).product.name)}`);
          await c.get("/api/products?sort=newest");
          await c.get(`/api/products/${p.id}`);
          await c.get("/api/listings");
          await c.get(`/api/listings?productId=${p.id}`);
          await c.get(`/api/listings?sellerId=${seller.user.id}`);
          await c.get("/");
          await c.get(`/products/${p.id}`);
          if (c !== anon) for (const mine of ["/api/me", "/api/me/orders", "/api/me/listings", "/api/me/bids", "/api/me/coupons"]) await c.get(mine);
        }
      };
      await readEverything();

      // Error bodies never echo the code back: a duplicate, and an invalid listing carrying it.
      expectError(await other.post("/api/listings", listing(p.id, 7_000, { code: sold.code })), 409, "code_already_listed", "code");
      expectError(await other.post("/api/listings", listing(p.id, 70_000, { code: unsold.code })), 400, undefined, "price");
      expectError(await other.post("/api/listings", listing(p.id, 7_000, { code: `${sold.code}!` })), 400, "invalid_input", "code");
      expectError(await other.post(`/api/bids/999999999/fill`, { code: sold.code, expiresAt: kstDate(30), expectedPrice: 6_000 }), 404);

      const orderId = (await buyer.post("/api/orders", { listingId: sold.id, expectedPrice: sold.price })).body.id;
      expect((await other.get(`/api/orders/${orderId}`)).status).toBe(404);
      const asBuyer = await buyer.get(`/api/orders/${orderId}`);
      const asSeller = await seller.get(`/api/orders/${orderId}`);
      expect(asBuyer.body.gifticon.code).toBe(sold.code);
      expect(asSeller.body.gifticon.code).toBe(sold.code);
      await readEverything();

      const allowed = (e: (typeof seen)[number]) =>
        e.method === "GET" && e.path === `/api/orders/${orderId}` && e.res.status === 200 && (e.client === buyer || e.client === seller);
      expect(seen.length).toBeGreaterThan(80);
      for (const e of seen) {
        if (allowed(e)) continue;
        for (const code of codes) {
          expect(e.res.text.includes(code), `${e.method} ${e.path} (${e.res.status}) shows a code`).toBe(false);
          expect(e.res.text.toLowerCase().includes(code.toLowerCase()), `${e.method} ${e.path} shows a code`).toBe(false);
          // The last four are the seller's own hint (GET /api/me/listings); nobody else sees them in any JSON.
          // (Pages are checked for the whole code only: their build ids could hold any four characters.)
          const json = (e.res.headers.get("content-type") ?? "").includes("json");
          if (json && e.client !== seller) expect(e.res.text.includes(code.slice(-4)), `${e.method} ${e.path} shows a code's last four`).toBe(false);
        }
      }
      const sellerOwn = seen.find((e) => e.client === seller && e.path === "/api/me/listings");
      expect(sellerOwn?.res.text).toContain(unsold.code.slice(-4));
    } finally {
      stop();
    }
  });
});

test.describe("only owners change their own things", () => {
  test("only the seller can PATCH or DELETE a listing: 403 for others, 401 anonymous, the listing unchanged", async () => {
    const seller = await newUser();
    const other = await newUser();
    const anon = new ApiClient(base());
    const p = await freshProduct();
    const { id } = await list(seller, p.id, 8_000);
    expectError(await other.patch(`/api/listings/${id}`, { price: 100 }), 403, "not_your_listing");
    expectError(await other.delete(`/api/listings/${id}`), 403, "not_your_listing");
    expectError(await anon.patch(`/api/listings/${id}`, { price: 100 }), 401, "sign_in_required");
    expectError(await anon.delete(`/api/listings/${id}`), 401, "sign_in_required");
    const bk = await book(anon, p.id);
    expect(bk.asks).toEqual([expect.objectContaining({ id, price: 8_000 })]);
  });

  test("nobody buys their own listing or fills their own bid (403), and their own bid never crosses their own ask", async () => {
    const u = await newUser(30_000);
    const p = await freshProduct();
    const { id } = await list(u, p.id, 8_000);
    expectError(await u.post("/api/orders", { listingId: id, expectedPrice: 8_000 }), 403, "own_listing");
    expectError(await u.post("/api/orders", { productId: p.id, maxPrice: 10_000 }), 409, "no_ask");
    // A bid at or above their own ask would leave the book crossed: refused.
    expectError(await u.post("/api/bids", { productId: p.id, price: 9_000 }), 409, "self_cross", "price");
    const bid = await u.post("/api/bids", { productId: p.id, price: 7_000 });
    expect(bid.status).toBe(201);
    expect(bid.body.status).toBe("active");
    expectError(await u.post(`/api/bids/${bid.body.id}/fill`, { code: newCode(), expiresAt: kstDate(30), expectedPrice: 7_000 }), 403, "own_bid");
    expect(await me(u)).toMatchObject({ points: 23_000, heldPoints: 7_000 });
    const bk = await book(u, p.id);
    expect(bk.asks.map((a) => a.id)).toEqual([id]);
    expect(bk.bids.map((b) => b.id)).toEqual([bid.body.id]);
    expect(bk.trades).toEqual([]);
    expect((await u.get("/api/me/listings")).body.items).toHaveLength(1);
  });

  test("a user cannot cancel someone else's bid", async () => {
    const owner = await newUser(10_000);
    const other = await newUser();
    const p = await freshProduct();
    const bid = await owner.post("/api/bids", { productId: p.id, price: 7_000 });
    expectError(await other.delete(`/api/bids/${bid.body.id}`), 403, "not_your_bid");
    expectError(await new ApiClient(base()).delete(`/api/bids/${bid.body.id}`), 401);
    expect(await me(owner)).toMatchObject({ points: 3_000, heldPoints: 7_000 });
    expect((await book(owner, p.id)).bids.map((b) => b.id)).toEqual([bid.body.id]);
  });

  test("anonymous writes are 401 and write nothing", async () => {
    const seller = await newUser();
    const buyer = await newUser(10_000);
    const p = await freshProduct();
    const { id } = await list(seller, p.id, 8_000);
    const bid = await buyer.post("/api/bids", { productId: p.id, price: 6_000 });
    const anon = new ApiClient(base());
    const writes: [string, string, unknown?][] = [
      ["POST", "/api/listings", listing(p.id, 7_000)],
      ["PATCH", `/api/listings/${id}`, { price: 7_000 }],
      ["DELETE", `/api/listings/${id}`],
      ["POST", "/api/bids", { productId: p.id, price: 7_000 }],
      ["DELETE", `/api/bids/${bid.body.id}`],
      ["POST", `/api/bids/${bid.body.id}/fill`, { code: newCode(), expiresAt: kstDate(30), expectedPrice: 6_000 }],
      ["POST", "/api/orders", { listingId: id, expectedPrice: 8_000 }],
      ["POST", "/api/orders", { productId: p.id, maxPrice: 8_000 }],
      ["POST", "/api/orders/1/confirm"],
      ["POST", "/api/orders/1/dispute", { reason: "익명으로 신고합니다" }],
      ["POST", "/api/points/top-up", { amount: 10_000 }],
      ["POST", "/api/points/withdrawals", { amount: 1_000, bankName: "국민은행", accountNumber: "1234567890" }],
      ["PUT", `/api/likes/${p.id}`],
      ["DELETE", `/api/likes/${p.id}`],
      ["POST", "/api/coupons/claim", { code: "WELCOME1000" }],
      ["POST", "/api/admin/products", { brandId: 1, name: "x", nameEn: "x", faceValue: 1000 }],
    ];
    for (const [method, path, json] of writes) {
      const r = await anon.request(method, path, { json });
      expect(r.status, `${method} ${path}: ${r.text}`).toBe(401);
      expect(r.body.error.code).toBe("sign_in_required");
    }
    for (const path of ["/api/me", "/api/me/orders", "/api/me/bids", "/api/me/listings", "/api/me/coupons", "/api/orders/1"]) {
      expect((await anon.get(path)).status, path).toBe(401);
    }
    const bk = await book(anon, p.id);
    expect(bk.asks.map((a) => a.id)).toEqual([id]);
    expect(bk.bids.map((b) => b.id)).toEqual([bid.body.id]);
    expect(bk.trades).toEqual([]);
    expect(bk.likeCount).toBe(0);
  });

  test("admin-only actions refuse users", async () => {
    const u = await newUser();
    expectError(await u.post("/api/admin/products", { brandId: 1, name: "몰래 만든 상품", nameEn: "Sneaky", faceValue: 5_000 }), 403, "admin_only");
  });
});

test.describe("CSRF", () => {
  test("a state change sent from another site is 403 with a valid session, and nothing is written", async () => {
    const seller = await newUser();
    const buyer = await newUser(20_000);
    const p = await freshProduct();
    const { id } = await list(seller, p.id, 8_000);
    const crossSite: Record<string, string>[] = [
      { Origin: "https://evil.example" },
      { "Sec-Fetch-Site": "cross-site" },
      { "Sec-Fetch-Site": "same-site" },
      { Origin: "null" },
      { Origin: "https://evil.example", "Sec-Fetch-Site": "cross-site" },
    ];
    for (const headers of crossSite) {
      const attempts: [ApiClient, string, string, unknown?][] = [
        [buyer, "POST", "/api/orders", { listingId: id, expectedPrice: 8_000 }],
        [buyer, "POST", "/api/bids", { productId: p.id, price: 7_000 }],
        [buyer, "POST", "/api/points/top-up", { amount: 100_000 }],
        [buyer, "POST", "/api/points/withdrawals", { amount: 1_000, bankName: "국민은행", accountNumber: "1234567890" }],
        [buyer, "PUT", `/api/likes/${p.id}`],
        [seller, "DELETE", `/api/listings/${id}`],
        [seller, "PATCH", `/api/listings/${id}`, { price: 100 }],
        [seller, "POST", "/api/listings", listing(p.id, 7_000)],
        [new ApiClient(base()), "POST", "/api/users", { email: `csrf-${uniq()}@example.test`, password: "csrf-pass-1234", nickname: `x${uniq()}`, agreeTerms: true }],
      ];
      for (const [c, method, path, json] of attempts) {
        const r = await c.request(method, path, { json, headers });
        expect(r.status, `${method} ${path} with ${JSON.stringify(headers)}: ${r.text}`).toBe(403);
        expect(r.body.error.code).toBe("cross_site_request");
      }
    }
    expect(await me(buyer)).toMatchObject({ points: 20_000, heldPoints: 0 });
    const bk = await book(buyer, p.id);
    expect(bk.asks).toEqual([expect.objectContaining({ id, price: 8_000 })]);
    expect(bk.bids).toEqual([]);
    expect(bk.likeCount).toBe(0);
    expect((await seller.get("/api/me/listings")).body.items).toHaveLength(1);

    // The same request from this site goes through (the check is not simply refusing everything).
    const origin = new URL(base()).origin;
    const ok = await buyer.request("POST", "/api/bids", { json: { productId: p.id, price: 7_000 }, headers: { Origin: origin, "Sec-Fetch-Site": "same-origin" } });
    expect(ok.status, ok.text).toBe(201);
  });
});

test.describe("validation: 400/404/409 naming the field, and nothing written", () => {
  test("listings", async () => {
    const seller = await newUser();
    const p = await freshProduct(10_000);
    const post = (json: unknown) => seller.post("/api/listings", json);
    const ok = listing(p.id, 8_000);

    expectError(await seller.request("POST", "/api/listings", { raw: '{"productId": 1,', headers: { "Content-Type": "application/json" } }), 400, "malformed_json");
    expectError(await seller.request("POST", "/api/listings", { raw: "productId=1", headers: { "Content-Type": "application/x-www-form-urlencoded" } }), 400, "unsupported_media_type");
    expectError(await post({ ...ok, code: "A".repeat(100 * 1024) }), 400, "body_too_large");
    const cases: [string, Record<string, unknown>, string, string?][] = [
      ["price as text", { price: "abc" }, "price"],
      ["price as a numeric string", { price: "8000" }, "price"],
      ["negative price", { price: -100 }, "price"],
      ["zero price", { price: 0 }, "price"],
      ["fractional price", { price: 7999.5 }, "price"],
      ["price above face value", { price: 10_010 }, "price", "price_above_face_value"],
      ["productId as text", { productId: "x" }, "productId"],
      ["unknown product", { productId: 999_999_999 }, "productId", "product_not_found"],
      ["code as a number", { code: 1234567890123 }, "code"],
      ["code too short", { code: "12345" }, "code"],
      ["code with other characters", { code: "코드12345678" }, "code"],
      ["50 KB code", { code: "9".repeat(50 * 1024) }, "code"],
      ["missing code", { code: undefined }, "code"],
      ["expiry in the past", { expiresAt: kstDate(-1) }, "expiresAt", "gifticon_expired"],
      ["expiry within 3 days", { expiresAt: kstDate(1) }, "expiresAt", "gifticon_expiring"],
      ["expiry in another format", { expiresAt: "31/12/2030" }, "expiresAt"],
      ["deadline in the past", { deadline: hoursFromNow(-2) }, "deadline", "deadline_too_soon"],
      ["deadline as garbage", { deadline: "tomorrow-ish" }, "deadline"],
      ["deadline after the expiry", { expiresAt: kstDate(5), deadline: hoursFromNow(24 * 8) }, "deadline", "deadline_after_expiry"],
      ["deadline too far", { expiresAt: kstDate(200), deadline: hoursFromNow(24 * 40) }, "deadline", "deadline_too_far"],
      ["a list instead of an object", [] as unknown as Record<string, unknown>, "_"],
    ];
    for (const [name, change, field, code] of cases) {
      const body = Array.isArray(change) ? change : { ...ok, ...change };
      const r = await post(body);
      expect(r.status, `${name}: ${r.text}`).toBe(400);
      expect(Object.keys(r.body.error.fields ?? {}), `${name}: ${r.text}`).toContain(field);
      if (code) expect(r.body.error.code, name).toBe(code);
    }
    expect((await seller.get("/api/me/listings")).body.items).toEqual([]);
    expect((await book(seller, p.id)).asks).toEqual([]);
    // The code of the refused attempts was never registered: it can be listed now.
    const r = await post(ok);
    expect(r.status, r.text).toBe(201);
  });

  test("bids, and points held only for valid ones", async () => {
    const u = await newUser(5_000);
    const p = await freshProduct(10_000);
    const post = (json: Record<string, unknown>) => u.post("/api/bids", { productId: p.id, price: 4_000, ...json });
    const cases: [string, Record<string, unknown>, number, string, string?][] = [
      ["negative price", { price: -4_000 }, 400, "price"],
      ["zero price", { price: 0 }, 400, "price"],
      ["fractional price", { price: 3999.99 }, 400, "price"],
      ["price below the minimum", { price: 99 }, 400, "price"],
      ["price above face value", { price: 10_001 }, 400, "price", "price_above_face_value"],
      ["price as text", { price: "4000원" }, 400, "price"],
      ["unknown product", { productId: 999_999_999 }, 400, "productId", "product_not_found"],
      ["deadline in the past", { deadline: hoursFromNow(-1) }, 400, "deadline", "deadline_too_soon"],
      ["more than the balance", { price: 6_000 }, 409, "points", "insufficient_points"],
    ];
    for (const [name, change, status, field, code] of cases) {
      const r = await post(change);
      expect(r.status, `${name}: ${r.text}`).toBe(status);
      expect(Object.keys(r.body.error.fields ?? {}), `${name}: ${r.text}`).toContain(field);
      if (code) expect(r.body.error.code, name).toBe(code);
    }
    expect(await me(u)).toMatchObject({ points: 5_000, heldPoints: 0 });
    expect((await book(u, p.id)).bids).toEqual([]);
    expect((await u.get("/api/me/bids")).body.items).toEqual([]);
  });

  test("buying, filling, changing and confirming with bad input or unknown ids", async () => {
    const seller = await newUser();
    const buyer = await newUser(5_000);
    const bidder = await newUser(9_000);
    const p = await freshProduct(10_000);
    const { id } = await list(seller, p.id, 8_000);
    const bid = await bidder.post("/api/bids", { productId: p.id, price: 6_000 });

    expectError(await buyer.post("/api/orders", { listingId: "abc" }), 400, "invalid_input", "listingId");
    expectError(await buyer.post("/api/orders", { listingId: -1 }), 400, "invalid_input", "listingId");
    expectError(await buyer.post("/api/orders", {}), 400, "invalid_input", "listingId");
    expectError(await buyer.post("/api/orders", { listingId: 999_999_999, expectedPrice: 8_000 }), 404, "listing_not_found", "listingId");
    expectError(await buyer.post("/api/orders", { listingId: id, expectedPrice: 8_000, couponId: 999_999_999 }), 409, "coupon_not_owned", "couponId");
    expectError(await buyer.post("/api/orders", { listingId: id, expectedPrice: 8_000 }), 409, "insufficient_points", "points");
    expectError(await buyer.post("/api/orders", { productId: p.id, maxPrice: -5 }), 400, "invalid_input", "maxPrice");

    expectError(await seller.post(`/api/bids/${bid.body.id}/fill`, { code: newCode(), expiresAt: kstDate(-3), expectedPrice: 6_000 }), 400, "gifticon_expired", "expiresAt");
    expectError(await seller.post(`/api/bids/${bid.body.id}/fill`, { code: newCode(), expiresAt: kstDate(2), expectedPrice: 6_000 }), 400, "gifticon_expiring", "expiresAt");
    expectError(await seller.post(`/api/bids/${bid.body.id}/fill`, { code: "x", expiresAt: kstDate(30), expectedPrice: 6_000 }), 400, "invalid_input", "code");
    expectError(await seller.post("/api/bids/999999999/fill", { code: newCode(), expiresAt: kstDate(30), expectedPrice: 6_000 }), 404, "bid_not_found");
    expectError(await seller.post("/api/bids/abc/fill", { code: newCode(), expiresAt: kstDate(30), expectedPrice: 6_000 }), 404, "bid_not_found");

    expectError(await seller.patch(`/api/listings/${id}`, { price: 10_100 }), 400, "price_above_face_value", "price");
    expectError(await seller.patch(`/api/listings/${id}`, { price: -1 }), 400, "invalid_input", "price");
    expectError(await seller.patch(`/api/listings/${id}`, { deadline: hoursFromNow(-5) }), 400, "deadline_too_soon", "deadline");
    expectError(await seller.patch("/api/listings/999999999", { price: 5_000 }), 404, "listing_not_found");
    expectError(await buyer.post("/api/orders/999999999/confirm"), 404, "order_not_found");
    expectError(await buyer.post("/api/orders/abc/dispute", { reason: "없는 주문 신고" }), 404, "order_not_found");
    expectError(await buyer.request("POST", "/api/orders", { json: { listingId: id }, headers: { "Idempotency-Key": "bad key!" } }), 400, "invalid_idempotency_key", "Idempotency-Key");

    expect(await me(buyer)).toMatchObject({ points: 5_000, heldPoints: 0 });
    expect(await me(bidder)).toMatchObject({ points: 3_000, heldPoints: 6_000 });
    const bk = await book(buyer, p.id);
    expect(bk.asks).toEqual([expect.objectContaining({ id, price: 8_000 })]);
    expect(bk.bids).toEqual([expect.objectContaining({ id: bid.body.id, price: 6_000 })]);
    expect(bk.trades).toEqual([]);
    expect((await seller.get("/api/me/listings")).body.items).toHaveLength(1);
  });

  test("the same code listed twice is 409 on `code`, however it is typed and whoever lists it", async () => {
    const seller = await newUser();
    const other = await newUser();
    const p = await freshProduct();
    const code = newCode();
    await list(seller, p.id, 8_000, { code });
    const variants = [code, code.toLowerCase(), `${code.slice(0, 4)}-${code.slice(4, 8)}-${code.slice(8, 12)}-${code.slice(12)}`, ` ${code.slice(0, 8)} ${code.slice(8)} `];
    for (const c of variants) {
      expectError(await seller.post("/api/listings", listing(p.id, 7_500, { code: c })), 409, "code_already_listed", "code");
      expectError(await other.post("/api/listings", listing(p.id, 7_500, { code: c })), 409, "code_already_listed", "code");
    }
    const buyer = await newUser(10_000);
    const bid = await buyer.post("/api/bids", { productId: p.id, price: 5_000 });
    expectError(await other.post(`/api/bids/${bid.body.id}/fill`, { code, expiresAt: kstDate(30), expectedPrice: 5_000 }), 409, "code_already_listed", "code");
    expect(await me(buyer)).toMatchObject({ points: 5_000, heldPoints: 5_000 });
    expect((await other.get("/api/me/listings")).body.items).toEqual([]);
    expect((await book(other, p.id)).asks).toHaveLength(1);
  });
});

test.describe("rate limits: 429 with Retry-After", () => {
  const expect429 = (r: { status: number; headers: Headers; text: string }) => {
    expect(r.status, r.text).toBe(429);
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThan(0);
    expect(JSON.parse(r.text).error.code).toBe("rate_limited");
  };
  const credentialsPost = (address: string, email: string) =>
    fetch(new URL("/api/auth/callback/credentials", base()), {
      method: "POST",
      redirect: "manual",
      headers: { "Content-Type": "application/x-www-form-urlencoded", "X-Forwarded-For": address },
      body: new URLSearchParams({ email, password: "wrong-password-1" }).toString(),
    });

  test("sign-in per email: past the limit even the right password from a new address is refused", async () => {
    const { requests } = await rateLimit("RATE_LIMIT_SIGN_IN", "120/60");
    const u = await newUser();
    const statuses: number[] = [];
    for (let i = 0; i < requests; i += 20) {
      const batch = await Promise.all(Array.from({ length: Math.min(20, requests - i) }, () => credentialsPost(newAddress(), u.user.email)));
      statuses.push(...batch.map((r) => r.status));
    }
    // The per-email backoff (SIGN_IN_BACKOFF, 5 failures) stops a parallel burst long before the window.
    expect(statuses.filter((s) => s !== 429)).toHaveLength(5);
    const c = new ApiClient(base());
    const r = await c.signIn(u.user.email, u.user.password);
    expect(r.ok).toBe(false);
    expect429(r);
    expect(c.sessionCookie()).toBeUndefined();
    expect((await c.get("/api/me")).status).toBe(401);
  });

  test("sign-in per address: past the limit one address cannot sign anyone in; another address still can", async () => {
    const { requests } = await rateLimit("RATE_LIMIT_SIGN_IN", "120/60");
    const u = await newUser();
    const address = newAddress();
    for (let i = 0; i < requests; i += 20) {
      await Promise.all(Array.from({ length: Math.min(20, requests - i) }, () => credentialsPost(address, `nobody-${uniq()}@example.test`)));
    }
    const blocked = new ApiClient(base(), address);
    const r = await blocked.signIn(u.user.email, u.user.password);
    expect(r.ok).toBe(false);
    expect429(r);
    const elsewhere = new ApiClient(base());
    expect((await elsewhere.signIn(u.user.email, u.user.password)).ok).toBe(true);
  });

  test("trading per user: past the limit every trading request is 429 and nothing is written", async () => {
    const { requests } = await rateLimit("RATE_LIMIT_TRADE", "120/60");
    const u = await newUser(20_000);
    const p = await freshProduct();
    const results: number[] = [];
    for (let i = 0; i < requests; i += 20) {
      const batch = await Promise.all(Array.from({ length: Math.min(20, requests - i) }, () => u.post("/api/bids", { productId: p.id, price: 1 })));
      results.push(...batch.map((r) => r.status));
    }
    expect(results.filter((s) => s === 400)).toHaveLength(requests);
    expect429(await u.post("/api/bids", { productId: p.id, price: 5_000 }));
    expect429(await u.post("/api/orders", { productId: p.id, maxPrice: 5_000 }));
    expect429(await u.post("/api/listings", listing(p.id, 5_000)));
    expect429(await u.post("/api/bids/1/fill", { code: newCode(), expiresAt: kstDate(30), expectedPrice: 5_000 }));
    expect(await me(u)).toMatchObject({ points: 20_000, heldPoints: 0 });
    expect((await book(u, p.id)).bids).toEqual([]);
    // Another user is not affected.
    const other = await newUser(10_000);
    expect((await other.post("/api/bids", { productId: p.id, price: 5_000 })).status).toBe(201);
  });

  test("sign-up per address: past the limit no account is created from that address", async () => {
    const { requests } = await rateLimit("RATE_LIMIT_SIGN_UP", "60/600");
    const address = newAddress();
    const c = new ApiClient(base(), address);
    const statuses: number[] = [];
    for (let i = 0; i < requests; i += 20) {
      const batch = await Promise.all(Array.from({ length: Math.min(20, requests - i) }, () => c.post("/api/users", { email: "not-an-email" })));
      statuses.push(...batch.map((r) => r.status));
    }
    expect(statuses.filter((s) => s === 400)).toHaveLength(requests);
    const email = `limited-${uniq()}@example.test`;
    const r = await c.post("/api/users", { email, password: "limited-pass-123", nickname: `l${uniq()}`, agreeTerms: true });
    expect429(r);
    expect((await c.signIn(email, "limited-pass-123")).ok).toBe(false);
    const elsewhere = new ApiClient(base());
    expect((await elsewhere.post("/api/users", { email, password: "limited-pass-123", nickname: `l${uniq()}`, agreeTerms: true })).status).toBe(201);
  });
});
