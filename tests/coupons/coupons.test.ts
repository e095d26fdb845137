import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { primaryDb } from "@/db/primary";
import { coupons } from "@/db/schema";
import { claimCoupon, createCoupon, issueCoupon, setCouponActive } from "@/lib/coupons/commands";
import { discountFor } from "@/lib/coupons/pricing";
import { claimCouponSchema, createCouponSchema } from "@/lib/coupons/schemas";
import { buyListing, buyLowest } from "@/lib/market/commands/buy";
import { MAX_PRICE } from "@/lib/market/rules";
import { confirmOrder } from "@/lib/orders/commands";
import {
  checkLedgersAfterEach,
  expectAppError,
  expectLedgerConsistent,
  footprint,
  inDays,
  ledgerOf,
  listGifticon,
  listingRow,
  makeAdmin,
  makeCoupon,
  makeCatalogProduct,
  makeUser,
  orderRow,
  uniq,
} from "../support/factory";

// Coupons (domain.md): issued by admins, applied at purchase, each used once. The buyer pays price −
// discount; the seller is still paid the full price.

afterAll(() => closeDatabases());
checkLedgersAfterEach();

async function setup(coupon: Parameters<typeof makeCoupon>[1], prices: number[] = [4000]) {
  const admin = await makeAdmin();
  const product = await makeCatalogProduct(10000);
  const seller = await makeUser();
  const buyer = await makeUser({ points: 30000 });
  const c = await makeCoupon(admin, coupon, buyer);
  const ls = [];
  for (const p of prices) ls.push(await listGifticon(seller, product.id, p));
  return { admin, product, seller, buyer, coupon: c, listings: ls };
}

describe("discounts", () => {
  it.each([
    [{ kind: "amount", value: 1000 }, 4000, 1000],
    [{ kind: "amount", value: 5000 }, 4000, 4000], // never more than the price
    [{ kind: "percent", value: 10, maxDiscount: 300 }, 5000, 300], // capped
    [{ kind: "percent", value: 10, maxDiscount: 300 }, 2000, 200],
    [{ kind: "percent", value: 15 }, 3333, 499], // rounded down
  ] as const)("%j on ₩%i takes off ₩%i; the seller still gets the price", async (coupon, price, discount) => {
    const { seller, buyer, coupon: c, listings: [l] } = await setup(coupon, [price]);
    const { value } = await buyListing(buyer, { listingId: l.id, expectedPrice: l.price, couponId: c.id });
    expect(value).toMatchObject({ price, discount, paid: price - discount });
    expect(await orderRow(value.id)).toMatchObject({ price, discount, paid: price - discount });
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 30000 - (price - discount) });
    expect((await ledgerOf(buyer.id)).at(-1)).toMatchObject({ kind: "purchase", pointsDelta: discount - price });
    await confirmOrder(buyer, value.id);
    expect(await expectLedgerConsistent(seller.id)).toMatchObject({ points: price });
    expect(discountFor({ kind: coupon.kind, value: coupon.value, maxDiscount: "maxDiscount" in coupon ? coupon.maxDiscount : null }, price)).toBe(discount);
  });

  it("works with buy-lowest too", async () => {
    const { buyer, product, coupon: c } = await setup({ kind: "amount", value: 700 }, [4000, 4500]);
    const { value } = await buyLowest(buyer, { productId: product.id, maxPrice: MAX_PRICE, couponId: c.id });
    expect(value).toMatchObject({ price: 4000, discount: 700, paid: 3300 });
    await expectLedgerConsistent(buyer.id);
  });
});

describe("when a coupon cannot be used (nothing is written, the listing stays on sale)", () => {
  it("below its minimum price", async () => {
    const { buyer, coupon: c, listings: [cheap, dear] } = await setup({ kind: "amount", value: 1000, minPrice: 5000 }, [4999, 5000]);
    const before = await footprint(buyer.id);
    await expectAppError(buyListing(buyer, { listingId: cheap.id, expectedPrice: cheap.price, couponId: c.id }), { kind: "conflict", code: "coupon_min_price", field: "couponId" });
    expect(await footprint(buyer.id)).toEqual(before);
    expect((await listingRow(cheap.id)).status).toBe("on_sale");
    const { value } = await buyListing(buyer, { listingId: dear.id, expectedPrice: dear.price, couponId: c.id });
    expect(value).toMatchObject({ discount: 1000, paid: 4000 });
  });

  it("a second time", async () => {
    const { buyer, coupon: c, listings: [a, b] } = await setup({ kind: "amount", value: 1000 }, [4000, 4000]);
    await buyListing(buyer, { listingId: a.id, expectedPrice: a.price, couponId: c.id });
    const before = await footprint(buyer.id);
    await expectAppError(buyListing(buyer, { listingId: b.id, expectedPrice: b.price, couponId: c.id }), { kind: "conflict", code: "coupon_used", field: "couponId" });
    expect(await footprint(buyer.id)).toEqual(before);
    expect((await listingRow(b.id)).status).toBe("on_sale");
    await expectLedgerConsistent(buyer.id);
  });

  it("twice at the same moment: one purchase gets it", async () => {
    const { buyer, coupon: c, listings } = await setup({ kind: "amount", value: 1000 }, [4000, 4000, 4000]);
    const results = await Promise.allSettled(listings.map((l) => buyListing(buyer, { listingId: l.id, expectedPrice: l.price, couponId: c.id })));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ code: "coupon_used" });
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 30000 - 3000 });
  });

  it("expired or deactivated", async () => {
    const { admin, buyer, coupon: c, listings: [l] } = await setup({ kind: "amount", value: 1000 });
    await setCouponActive(admin, c.id, false);
    const before = await footprint(buyer.id);
    await expectAppError(buyListing(buyer, { listingId: l.id, expectedPrice: l.price, couponId: c.id }), { kind: "conflict", code: "coupon_expired", field: "couponId" });
    await setCouponActive(admin, c.id, true);
    await primaryDb().update(coupons).set({ validUntil: sql`NOW(3) - INTERVAL 1 SECOND` }).where(eq(coupons.id, c.id));
    await expectAppError(buyListing(buyer, { listingId: l.id, expectedPrice: l.price, couponId: c.id }), { kind: "conflict", code: "coupon_expired", field: "couponId" });
    expect(await footprint(buyer.id)).toEqual(before);
    expect((await listingRow(l.id)).status).toBe("on_sale");
  });

  it("not the buyer's", async () => {
    const { buyer, coupon: c, listings: [l] } = await setup({ kind: "amount", value: 1000 });
    const other = await makeUser({ points: 10000 });
    const before = await footprint(other.id);
    await expectAppError(buyListing(other, { listingId: l.id, expectedPrice: l.price, couponId: c.id }), { kind: "conflict", code: "coupon_not_owned", field: "couponId" });
    expect(await footprint(other.id)).toEqual(before);
    expect((await listingRow(l.id)).status).toBe("on_sale");
    await buyListing(buyer, { listingId: l.id, expectedPrice: l.price, couponId: c.id }); // still usable by its owner
  });
});

describe("claim by code", () => {
  it("once per user, in any letter case; not when inactive, expired or unknown", async () => {
    const admin = await makeAdmin();
    const user = await makeUser();
    const c = await makeCoupon(admin, { kind: "amount", value: 500 });
    const r = await claimCoupon(user, claimCouponSchema.parse({ code: ` ${c.code.toLowerCase()} ` }).code);
    expect(r.value.couponId).toBe(c.id);
    await expectAppError(claimCoupon(user, c.code), { kind: "conflict", code: "coupon_already_owned", field: "code" });
    await expectAppError(claimCoupon(user, `NOPE-${uniq().toUpperCase()}`), { kind: "invalid", code: "coupon_invalid", field: "code" });

    const inactive = await makeCoupon(admin, { kind: "amount", value: 500 });
    await setCouponActive(admin, inactive.id, false);
    await expectAppError(claimCoupon(user, inactive.code), { kind: "invalid", code: "coupon_invalid", field: "code" });
    const expired = await makeCoupon(admin, { kind: "amount", value: 500 });
    await primaryDb().update(coupons).set({ validUntil: sql`NOW(3) - INTERVAL 1 SECOND` }).where(eq(coupons.id, expired.id));
    await expectAppError(claimCoupon(user, expired.code), { kind: "invalid", code: "coupon_invalid", field: "code" });
  });
});

describe("admin only", () => {
  const input = () => createCouponSchema.parse({ code: `A-${uniq().toUpperCase()}`, name: "관리자 쿠폰", kind: "amount", value: 1000, validUntil: inDays(10) });

  it("create, issue and (de)activate are refused to users and to a session that merely claims admin", async () => {
    const admin = await makeAdmin();
    const user = await makeUser();
    const pretender = { ...(await makeUser()), role: "admin" as const };
    const c = await makeCoupon(admin, { kind: "amount", value: 1000 });
    for (const who of [user, pretender]) {
      await expectAppError(createCoupon(who, input()), { kind: "forbidden", code: "admin_only" });
      await expectAppError(issueCoupon(who, { couponId: c.id, email: who.email }), { kind: "forbidden", code: "admin_only" });
      await expectAppError(setCouponActive(who, c.id, false), { kind: "forbidden", code: "admin_only" });
    }
    expect((await primaryDb().select().from(coupons).where(eq(coupons.id, c.id)))[0].active).toBe(true);
  });

  it("issuing: to a member by email, once; unknown emails and coupons are field errors; codes are unique", async () => {
    const admin = await makeAdmin();
    const user = await makeUser();
    const first = input();
    const { value } = await createCoupon(admin, first);
    await expectAppError(createCoupon(admin, { ...input(), code: first.code }), { kind: "invalid", code: "coupon_code_taken", field: "code" });
    const issued = await issueCoupon(admin, { couponId: value.id, email: user.email });
    expect(issued.value.userId).toBe(user.id);
    await expectAppError(issueCoupon(admin, { couponId: value.id, email: user.email }), { kind: "conflict", code: "coupon_already_owned" });
    await expectAppError(issueCoupon(admin, { couponId: value.id, email: `nobody-${uniq()}@example.test` }), { kind: "invalid", code: "user_not_found", field: "email" });
    await expectAppError(issueCoupon(admin, { couponId: 2 ** 40, email: user.email }), { kind: "invalid", code: "coupon_not_found", field: "couponId" });
  });

  it("the schema refuses a past expiry and a percent over 90", () => {
    const base = { code: "ABCD-1234", name: "쿠폰", kind: "percent", value: 10, validUntil: inDays(10) };
    expect(createCouponSchema.safeParse(base).success).toBe(true);
    expect(createCouponSchema.safeParse({ ...base, value: 91 }).error?.issues[0].path).toEqual(["value"]);
    expect(createCouponSchema.safeParse({ ...base, validUntil: inDays(-1) }).error?.issues[0].path).toEqual(["validUntil"]);
  });
});

describe("public codes and issued coupons (issue 8, item 4)", () => {
  const make = (admin: Awaited<ReturnType<typeof makeAdmin>>, extra: Record<string, unknown>) =>
    createCoupon(admin, createCouponSchema.parse({ code: `T-${uniq().toUpperCase()}`, name: "테스트", kind: "amount", value: 500, validUntil: inDays(30), ...extra }));

  it("a coupon issued to one member cannot be claimed by anyone who learns its code, nor used by them", async () => {
    const admin = await makeAdmin();
    const owner = await makeUser({ points: 10_000 });
    const thief = await makeUser({ points: 10_000 });
    const { value } = await make(admin, { audience: "issued" });
    const [c] = await primaryDb().select().from(coupons).where(eq(coupons.id, value.id));
    await issueCoupon(admin, { couponId: c.id, userId: owner.id });
    // The same answer as for a code that does not exist.
    await expectAppError(claimCoupon(thief, c.code), { kind: "invalid", code: "coupon_invalid", field: "code" });
    await expectAppError(claimCoupon(owner, c.code), { kind: "invalid", code: "coupon_invalid", field: "code" });
    const product = await makeCatalogProduct(10_000);
    const l = await listGifticon(await makeUser(), product.id, 5_000);
    await expectAppError(buyListing(thief, { listingId: l.id, expectedPrice: 5_000, couponId: c.id }), { kind: "conflict", code: "coupon_not_owned", field: "couponId" });
    const { value: order } = await buyListing(owner, { listingId: l.id, expectedPrice: 5_000, couponId: c.id });
    expect(order).toMatchObject({ discount: 500, paid: 4_500 });
  });

  it("a public code is claimed once per member and never past its total cap, even at once", async () => {
    const admin = await makeAdmin();
    const { value } = await make(admin, { audience: "public", maxClaims: 3 });
    const [c] = await primaryDb().select().from(coupons).where(eq(coupons.id, value.id));
    const members = await Promise.all(Array.from({ length: 8 }, () => makeUser()));
    const results = await Promise.allSettled(members.map((m) => claimCoupon(m, c.code)));
    const won = results.filter((r) => r.status === "fulfilled");
    expect(won).toHaveLength(3);
    for (const r of results) if (r.status === "rejected") expect((r.reason as { code: string }).code).toBe("coupon_sold_out");
    const [after] = await primaryDb().select().from(coupons).where(eq(coupons.id, value.id));
    expect(after.claimedCount).toBe(3);
    expect(Number((await primaryDb().execute(sql`SELECT COUNT(*) AS n FROM user_coupons WHERE coupon_id = ${c.id}`) as unknown as [{ n: number }[]])[0][0].n)).toBe(3);
  });

  it("the schema keeps caps to public coupons", () => {
    const base = { code: "CAP-1234", name: "쿠폰", kind: "amount", value: 100, validUntil: inDays(10) };
    expect(createCouponSchema.parse(base).audience).toBe("public");
    expect(createCouponSchema.safeParse({ ...base, audience: "issued", maxClaims: 5 }).error?.issues[0].path).toEqual(["maxClaims"]);
    expect(createCouponSchema.safeParse({ ...base, maxClaims: 0 }).success).toBe(false);
  });
});
