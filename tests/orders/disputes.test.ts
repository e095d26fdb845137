import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { suspendUser } from "@/lib/accounts/commands";
import { buyListing } from "@/lib/market/commands/buy";
import { confirmOrder, disputeOrder, resolveDispute } from "@/lib/orders/commands";
import { getOrderForUser } from "@/lib/orders/queries";
import {
  checkLedgersAfterEach,
  expectAppError,
  expectLedgerConsistent,
  footprint,
  ledgerOf,
  listGifticon,
  makeAdmin,
  makeCoupon,
  makeCatalogProduct,
  makeUser,
  orderRow,
} from "../support/factory";

// domain.md: "A dispute freezes the payment until an admin decides." Order: paid → disputed → completed |
// refunded. Only an admin (checked on the primary, not from the session) decides.

afterAll(() => closeDatabases());
checkLedgersAfterEach();

async function disputed(opts: { price?: number; couponId?: number; buyer?: Awaited<ReturnType<typeof makeUser>> } = {}) {
  const product = await makeCatalogProduct(5000);
  const seller = await makeUser();
  const buyer = opts.buyer ?? (await makeUser({ points: 10000 }));
  const l = await listGifticon(seller, product.id, opts.price ?? 4000);
  const { value: order } = await buyListing(buyer, { listingId: l.id, expectedPrice: l.price, couponId: opts.couponId });
  await disputeOrder(buyer, order.id, "코드가 사용할 수 없다고 나옵니다");
  return { seller, buyer, order };
}

const entries = async (userId: number, kind: string, orderId: number) => (await ledgerOf(userId)).filter((r) => r.kind === kind && r.refId === orderId);

describe("dispute", () => {
  it("by the buyer freezes the payment: disputed, no sale entry, and the buyer can no longer confirm", async () => {
    const { seller, buyer, order } = await disputed();
    const row = await orderRow(order.id);
    expect(row).toMatchObject({ status: "disputed", disputeReason: "코드가 사용할 수 없다고 나옵니다" });
    expect(await entries(seller.id, "sale", order.id)).toHaveLength(0);
    await expectAppError(confirmOrder(buyer, order.id), { kind: "conflict", code: "order_not_open" });
    expect(await expectLedgerConsistent(seller.id)).toMatchObject({ points: 0 });
    expect((await getOrderForUser(buyer.id, order.id)).status).toBe("disputed");
  });

  it("by the seller: forbidden; by anyone else: not found; of a completed order: conflict", async () => {
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const buyer = await makeUser({ points: 10000 });
    const l = await listGifticon(seller, product.id, 4000);
    const { value: order } = await buyListing(buyer, { listingId: l.id, expectedPrice: l.price });
    await expectAppError(disputeOrder(seller, order.id, "x"), { kind: "forbidden", code: "buyer_only" });
    await expectAppError(disputeOrder(await makeUser(), order.id, "x"), { kind: "not_found", code: "order_not_found" });
    expect((await orderRow(order.id)).status).toBe("paid");
    await confirmOrder(buyer, order.id);
    await expectAppError(disputeOrder(buyer, order.id, "x"), { kind: "conflict", code: "order_not_open" });
    expect((await orderRow(order.id)).status).toBe("completed");
  });
});

describe("admin resolves", () => {
  it("complete: the seller is paid the price, once", async () => {
    const admin = await makeAdmin();
    const { seller, buyer, order } = await disputed({ price: 4000 });
    const r = await resolveDispute(admin, order.id, "complete");
    expect(r.value).toEqual({ id: order.id, status: "completed" });
    expect(await orderRow(order.id)).toMatchObject({ status: "completed", resolvedBy: admin.id });
    expect(await entries(seller.id, "sale", order.id)).toHaveLength(1);
    expect(await expectLedgerConsistent(seller.id)).toMatchObject({ points: 4000 });
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 6000 });
    await expectAppError(resolveDispute(admin, order.id, "refund"), { kind: "conflict", code: "not_disputed" });
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 6000 });
    expect(await entries(buyer.id, "refund", order.id)).toHaveLength(0);
  });

  it("refund: the buyer gets back what they paid; the seller gets nothing", async () => {
    const admin = await makeAdmin();
    const { seller, buyer, order } = await disputed({ price: 4000 });
    const r = await resolveDispute(admin, order.id, "refund");
    expect(r.value).toEqual({ id: order.id, status: "refunded" });
    expect(await orderRow(order.id)).toMatchObject({ status: "refunded", resolvedBy: admin.id });
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 10000 });
    expect((await entries(buyer.id, "refund", order.id)).map((e) => e.pointsDelta)).toEqual([4000]);
    expect(await entries(seller.id, "sale", order.id)).toHaveLength(0);
    expect(await expectLedgerConsistent(seller.id)).toMatchObject({ points: 0 });
    await expectAppError(resolveDispute(admin, order.id, "complete"), { kind: "conflict", code: "not_disputed" });
    expect(await expectLedgerConsistent(seller.id)).toMatchObject({ points: 0 });
  });

  it("refund with a coupon: the buyer gets `paid` back (price − discount), not the price", async () => {
    const admin = await makeAdmin();
    const buyer = await makeUser({ points: 10000 });
    const coupon = await makeCoupon(admin, { kind: "amount", value: 1000 }, buyer);
    const { seller, order } = await disputed({ price: 4000, couponId: coupon.id, buyer });
    expect(order).toMatchObject({ price: 4000, discount: 1000, paid: 3000 });
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 7000 });
    await resolveDispute(admin, order.id, "refund");
    expect((await entries(buyer.id, "refund", order.id)).map((e) => e.pointsDelta)).toEqual([3000]);
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 10000 });
    await expectLedgerConsistent(seller.id);
  });

  it("complete with a coupon: the seller is paid the full price", async () => {
    const admin = await makeAdmin();
    const buyer = await makeUser({ points: 10000 });
    const coupon = await makeCoupon(admin, { kind: "amount", value: 1000 }, buyer);
    const { seller, order } = await disputed({ price: 4000, couponId: coupon.id, buyer });
    await resolveDispute(admin, order.id, "complete");
    expect(await expectLedgerConsistent(seller.id)).toMatchObject({ points: 4000 });
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 7000 });
  });

  it("of an order that is not disputed: conflict, nothing paid", async () => {
    const admin = await makeAdmin();
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const buyer = await makeUser({ points: 10000 });
    const l = await listGifticon(seller, product.id, 4000);
    const { value: order } = await buyListing(buyer, { listingId: l.id, expectedPrice: l.price });
    await expectAppError(resolveDispute(admin, order.id, "refund"), { kind: "conflict", code: "not_disputed" });
    await expectAppError(resolveDispute(admin, order.id, "complete"), { kind: "conflict", code: "not_disputed" });
    expect((await orderRow(order.id)).status).toBe("paid");
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 6000 });
    expect(await expectLedgerConsistent(seller.id)).toMatchObject({ points: 0 });
  });

  it("a non-admin cannot resolve, nor can a user whose session says admin but whose row does not", async () => {
    const { seller, buyer, order } = await disputed();
    const user = await makeUser();
    const pretender = { ...(await makeUser()), role: "admin" as const }; // a stale or forged session
    for (const who of [user, pretender, buyer, seller]) {
      await expectAppError(resolveDispute(who, order.id, "refund"), { kind: "forbidden", code: "admin_only" });
      await expectAppError(resolveDispute(who, order.id, "complete"), { kind: "forbidden", code: "admin_only" });
    }
    expect((await orderRow(order.id)).status).toBe("disputed");
    expect(await footprint(buyer.id)).toMatchObject({ points: 6000 });
    expect(await expectLedgerConsistent(seller.id)).toMatchObject({ points: 0 });
    await expectLedgerConsistent(buyer.id);
  });

  it("a suspended admin cannot resolve", async () => {
    const admin = await makeAdmin();
    const other = await makeAdmin();
    await suspendUser(other, admin.id, "테스트 정지");
    const { order } = await disputed();
    await expectAppError(resolveDispute(admin, order.id, "refund"), { kind: "forbidden", code: "admin_only" });
    expect((await orderRow(order.id)).status).toBe("disputed");
  });
});
