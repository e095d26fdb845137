import { randomUUID } from "node:crypto";
import { expect, test } from "@playwright/test";
import { ApiClient } from "../support/api-client";
import { admin, base, book, expectError, freshProduct, kstDate, list, me, newCode, newUser, tally } from "./helpers";

// Issue 8's money and access rules, tried through the real HTTP API as an attacker (or a careless client)
// would: replayed payments, other users' coupons, a suspended account's old session, a refunded buyer
// going back for the code, admins deciding their own cases, and the admin API without the role.

const key = () => `trust-${randomUUID()}`;

test.describe("payments", () => {
  test("a top-up sent again with the same Idempotency-Key credits once (one after the other and at once)", async () => {
    const u = await newUser();
    const k = key();
    const first = await u.post("/api/points/top-up", { amount: 10_000 }, { "Idempotency-Key": k });
    expect(first.status, first.text).toBe(200);
    expect(first.body).toMatchObject({ status: "succeeded", points: 10_000 });
    const again = await u.post("/api/points/top-up", { amount: 10_000 }, { "Idempotency-Key": k });
    expect(again.status).toBe(200);
    expect(again.body.paymentId).toBe(first.body.paymentId);
    const k2 = key();
    const storm = await Promise.all(Array.from({ length: 6 }, () => u.post("/api/points/top-up", { amount: 5_000 }, { "Idempotency-Key": k2 })));
    expect(tally(storm)).toEqual({ 200: 6 });
    expect(new Set(storm.map((r) => r.body.paymentId)).size).toBe(1);
    expect(await me(u)).toMatchObject({ points: 15_000 });
    expectError(await u.post("/api/points/top-up", { amount: 7_000 }, { "Idempotency-Key": k2 }), 409, "idempotency_key_reused");
  });

  test("a withdrawal sent again with the same key takes the points once; the account is never shown in full to the member", async () => {
    const u = await newUser(20_000);
    const k = key();
    const body = { amount: 5_000, bankName: "국민은행", accountNumber: "12345678901234" };
    const rs = await Promise.all(Array.from({ length: 4 }, () => u.post("/api/points/withdrawals", body, { "Idempotency-Key": k })));
    expect(tally(rs)).toEqual({ 201: 4 });
    expect(new Set(rs.map((r) => r.body.id)).size).toBe(1);
    expect(await me(u)).toMatchObject({ points: 15_000 });
    for (const path of ["/api/me", "/api/me/orders"]) expect((await u.get(path)).text).not.toContain(body.accountNumber);
  });
});

test.describe("coupons", () => {
  test("a coupon issued to one member cannot be claimed or used by someone who learned its code", async () => {
    const a = await admin();
    const owner = await newUser(20_000);
    const thief = await newUser(20_000);
    const code = `ISSUED-${randomUUID().slice(0, 8).toUpperCase()}`;
    const created = await a.post("/api/admin/coupons", { code, name: "지정 발급 테스트", audience: "issued", kind: "amount", value: 1_000, validUntil: kstDate(30) });
    expect(created.status, created.text).toBe(201);
    expect((await a.post(`/api/admin/coupons/${created.body.id}/issue`, { userId: owner.user.id })).status).toBe(201);

    expectError(await thief.post("/api/coupons/claim", { code }), 400, "coupon_invalid", "code");
    const p = await freshProduct(10_000);
    const seller = await newUser();
    const { id } = await list(seller, p.id, 5_000);
    expectError(await thief.post("/api/orders", { listingId: id, expectedPrice: 5_000, couponId: created.body.id }), 409, "coupon_not_owned", "couponId");
    expect(await me(thief)).toMatchObject({ points: 20_000 });
    const bought = await owner.post("/api/orders", { listingId: id, expectedPrice: 5_000, couponId: created.body.id });
    expect(bought.status, bought.text).toBe(201);
    expect(bought.body).toMatchObject({ discount: 1_000, paid: 4_000 });
  });

  test("a public code with a cap: claimed once per member, never past the cap", async () => {
    const a = await admin();
    const code = `CAP-${randomUUID().slice(0, 8).toUpperCase()}`;
    expect((await a.post("/api/admin/coupons", { code, name: "선착순 2명", audience: "public", maxClaims: 2, kind: "amount", value: 500, validUntil: kstDate(30) })).status).toBe(201);
    const members = await Promise.all(Array.from({ length: 5 }, () => newUser()));
    const rs = await Promise.all(members.map((m) => m.post("/api/coupons/claim", { code })));
    expect(tally(rs)).toEqual({ 201: 2, 409: 3 });
    for (const r of rs.filter((x) => x.status === 409)) expect(r.body.error.code).toBe("coupon_sold_out");
    const winner = members[rs.findIndex((r) => r.status === 201)];
    expectError(await winner.post("/api/coupons/claim", { code }), 409, "coupon_already_owned");
  });
});

test.describe("suspension", () => {
  test("takes effect at once: the old session stops working, the listings and bids leave the book, payouts wait", async () => {
    const a = await admin();
    const seller = await newUser(10_000);
    const buyer = await newUser(20_000);
    const p = await freshProduct(10_000);
    const sold = await list(seller, p.id, 6_000);
    const onSale = await list(seller, p.id, 7_000);
    const bid = await seller.post("/api/bids", { productId: p.id, price: 3_000 });
    expect(bid.status, bid.text).toBe(201);
    const order = await buyer.post("/api/orders", { listingId: sold.id, expectedPrice: 6_000 });
    expect(order.status, order.text).toBe(201);

    const r = await a.post(`/api/admin/users/${seller.user.id}/suspend`, { reason: "가짜 코드 판매 신고 3건" });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toMatchObject({ status: "suspended", listingsCancelled: 1, bidsCancelled: 1 });

    // The old session: signed out on its very next request, reads and writes alike.
    expectError(await seller.get("/api/me"), 401, "sign_in_required");
    expectError(await seller.post("/api/listings", { productId: p.id, price: 5_000, code: newCode(), expiresAt: kstDate(30) }), 401);
    expect((await seller.get("/api/session")).body).toMatchObject({ signedIn: false });
    expect((await seller.signIn(seller.user.email, seller.user.password)).ok).toBe(false);

    // Their listing and bid are gone from the book and cannot be traded.
    const bk = await book(buyer, p.id);
    expect(bk.asks.map((x) => x.id)).not.toContain(onSale.id);
    expect(bk.bids.map((x) => x.id)).not.toContain(bid.body.id);
    expectError(await buyer.post("/api/orders", { listingId: onSale.id, expectedPrice: 7_000 }), 409, "listing_cancelled");
    expectError(await buyer.post(`/api/bids/${bid.body.id}/fill`, { code: newCode(), expiresAt: kstDate(30), expectedPrice: 3_000 }), 409, "bid_closed");

    // The sale that completes while they are suspended is not paid out until reinstatement.
    expect((await buyer.post(`/api/orders/${order.body.id}/confirm`)).status).toBe(200);
    const reinstated = await a.post(`/api/admin/users/${seller.user.id}/reinstate`, { reason: "소명 확인" });
    expect(reinstated.status, reinstated.text).toBe(200);
    expect(reinstated.body).toMatchObject({ status: "active", payoutsReleased: 1 });
    expectError(await seller.get("/api/me"), 401); // the old session stays ended
    const again = await ApiClient.signIn(base(), seller.user.email, seller.user.password);
    expect(await me(again)).toMatchObject({ points: 10_000 + 6_000, heldPoints: 0 });

    const log = await a.get("/api/admin/audit?limit=20");
    const mine = log.body.items.filter((e: { target: { type: string; id: number } }) => e.target.type === "user" && e.target.id === seller.user.id);
    expect(mine.map((e: { action: string; reason: string | null }) => [e.action, e.reason])).toEqual([
      ["user.reinstate", "소명 확인"],
      ["user.suspend", "가짜 코드 판매 신고 3건"],
    ]);
  });
});

test.describe("refunds and own cases", () => {
  test("a refunded buyer no longer gets the code, and the refund is in the audit log", async () => {
    const a = await admin();
    const seller = await newUser();
    const buyer = await newUser(10_000);
    const p = await freshProduct(10_000);
    const { id, code } = await list(seller, p.id, 8_000);
    const o = await buyer.post("/api/orders", { listingId: id, expectedPrice: 8_000 });
    expect((await buyer.post(`/api/orders/${o.body.id}/dispute`, { reason: "이미 사용된 코드라고 나옵니다" })).status).toBe(200);
    expectError(await a.post(`/api/admin/orders/${o.body.id}/resolve`, { outcome: "refund" }), 400, "invalid_input", "note");
    expectError(await a.post(`/api/admin/orders/${o.body.id}/resolve`, { outcome: "maybe", note: "?" }), 400, "invalid_input", "outcome");
    const r = await a.post(`/api/admin/orders/${o.body.id}/resolve`, { outcome: "refund", note: "판매자 무응답 72시간" });
    expect(r.status, r.text).toBe(200);
    expect(r.body).toEqual({ id: o.body.id, status: "refunded" });

    const asBuyer = await buyer.get(`/api/orders/${o.body.id}`);
    expect(asBuyer.body.status).toBe("refunded");
    expect(asBuyer.body.gifticon.code).toBeNull();
    expect(asBuyer.text).not.toContain(code);
    expect((await buyer.get(`/api/orders/${o.body.id}/image`)).status).toBe(404);
    expect((await seller.get(`/api/orders/${o.body.id}`)).body.gifticon.code).toBe(code);
    expect(await me(buyer)).toMatchObject({ points: 10_000 });
    const log = await a.get("/api/admin/audit?limit=10");
    expect(log.body.items.find((e: { target: { type: string; id: number } }) => e.target.type === "order" && e.target.id === o.body.id)).toMatchObject({
      action: "order.resolve",
      reason: "판매자 무응답 72시간",
      detail: { outcome: "refund" },
    });
  });

  test("an admin cannot resolve a dispute on their own order, nor pay out their own withdrawal", async () => {
    const a = await admin();
    const seller = await newUser();
    const p = await freshProduct(10_000);
    const { id } = await list(seller, p.id, 1_000);
    const before = await me(a);
    if (before.points < 5_000) expect((await a.post("/api/points/top-up", { amount: 10_000 })).status).toBe(200);
    const o = await a.post("/api/orders", { listingId: id, expectedPrice: 1_000 });
    expect(o.status, o.text).toBe(201);
    expect((await a.post(`/api/orders/${o.body.id}/dispute`, { reason: "내가 산 주문을 내가 환불하려는 시도" })).status).toBe(200);
    expectError(await a.post(`/api/admin/orders/${o.body.id}/resolve`, { outcome: "refund", note: "셀프 환불" }), 403, "own_case");
    expect((await a.get(`/api/orders/${o.body.id}`)).body.status).toBe("disputed");

    const w = await a.post("/api/points/withdrawals", { amount: 1_000, bankName: "국민은행", accountNumber: "9876543210" });
    expect(w.status, w.text).toBe(201);
    expectError(await a.post(`/api/admin/withdrawals/${w.body.id}/pay`), 403, "own_case");
    expectError(await a.post(`/api/admin/withdrawals/${w.body.id}/reject`, { reason: "셀프 반려" }), 403, "own_case");
  });
});

test.describe("the admin API", () => {
  test("refuses members (403) and anonymous callers (401), and writes nothing for them", async () => {
    const u = await newUser(10_000);
    const victim = await newUser();
    const anon = new ApiClient(base());
    const calls: [string, unknown][] = [
      [`/api/admin/users/${victim.user.id}/suspend`, { reason: "권한 없는 정지" }],
      [`/api/admin/users/${victim.user.id}/reinstate`, {}],
      ["/api/admin/orders/1/resolve", { outcome: "refund", note: "권한 없음" }],
      ["/api/admin/coupons", { code: `X-${randomUUID().slice(0, 6).toUpperCase()}`, name: "몰래", kind: "amount", value: 9_000, validUntil: kstDate(30) }],
      ["/api/admin/coupons/1/issue", { userId: u.user.id }],
      ["/api/admin/withdrawals/1/pay", {}],
      ["/api/admin/withdrawals/1/reject", { reason: "권한 없음" }],
    ];
    for (const [path, json] of calls) {
      expectError(await u.post(path, json), 403, "admin_only");
      expectError(await anon.post(path, json), 401, "sign_in_required");
    }
    expectError(await u.get("/api/admin/audit"), 403, "admin_only");
    expect((await victim.get("/api/me")).status).toBe(200);
    expect(await me(u)).toMatchObject({ points: 10_000 });
  });

  test("bad input is a 400 naming the field, unknown ids a 404", async () => {
    const a = await admin();
    expectError(await a.post("/api/admin/users/999999999/suspend", { reason: "없는 회원" }), 404, "user_not_found");
    expectError(await a.post("/api/admin/users/abc/suspend", { reason: "없는 회원" }), 404, "user_not_found");
    const u = await newUser();
    expectError(await a.post(`/api/admin/users/${u.user.id}/suspend`, {}), 400, "invalid_input", "reason");
    expectError(await a.post(`/api/admin/users/${u.user.id}/suspend`, { reason: "x".repeat(501) }), 400, "invalid_input", "reason");
    expectError(await a.post("/api/admin/orders/999999999/resolve", { outcome: "refund", note: "없음" }), 404, "order_not_found");
    expectError(await a.post("/api/admin/withdrawals/999999999/pay"), 404, "withdrawal_not_found");
    expectError(await a.post("/api/admin/coupons/999999999/issue", { userId: u.user.id }), 400, "coupon_not_found", "couponId");
    expectError(await a.post("/api/admin/coupons/1/issue", {}), 400, "invalid_input");
    expectError(await a.get("/api/admin/audit?limit=0"), 400, "invalid_input", "limit");
  });
});
