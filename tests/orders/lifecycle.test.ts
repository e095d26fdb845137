import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { primaryDb } from "@/db/primary";
import { orders } from "@/db/schema";
import { eq, sql } from "drizzle-orm";
import { buyListing } from "@/lib/market/commands/buy";
import { autoConfirmDue, confirmOrder, disputeOrder } from "@/lib/orders/commands";
import { getOrderForUser } from "@/lib/orders/queries";
import { sweepOnce } from "@/lib/ops/sweeper";
import {
  appError,
  checkLedgersAfterEach,
  expectAppError,
  expectLedgerConsistent,
  ledgerOf,
  listGifticon,
  makeCatalogProduct,
  makeUser,
  orderRow,
} from "../support/factory";

// After a trade (domain.md): the buyer sees the code and confirms it works (or it confirms itself after a
// window), then the seller is paid. Nobody else may learn anything about the order (invariant 5).
// Disputes and admin decisions: tests/orders/disputes.test.ts.

afterAll(() => closeDatabases());
checkLedgersAfterEach();

async function trade(price = 4000) {
  const product = await makeCatalogProduct(5000);
  const seller = await makeUser();
  const buyer = await makeUser({ points: 10000 });
  const l = await listGifticon(seller, product.id, price);
  const { value: order } = await buyListing(buyer, { listingId: l.id, expectedPrice: l.price });
  return { product, seller, buyer, code: l.code, order };
}

const sales = async (userId: number, orderId: number) => (await ledgerOf(userId)).filter((r) => r.kind === "sale" && r.refId === orderId);
const dueNow = (orderId: number) =>
  primaryDb().update(orders).set({ confirmDueAt: sql`NOW(3) - INTERVAL 1 SECOND` }).where(eq(orders.id, orderId));

describe("who sees the code", () => {
  it("the buyer and the seller see it; anyone else gets the same not_found as for a missing order", async () => {
    const { seller, buyer, code, order } = await trade();
    const asBuyer = await getOrderForUser(buyer.id, order.id);
    expect(asBuyer).toMatchObject({ id: order.id, role: "buyer", status: "paid", price: 4000, paid: 4000 });
    expect(asBuyer.gifticon.code).toBe(code);
    expect(asBuyer.gifticon.last4).toBe(code.slice(-4));
    const asSeller = await getOrderForUser(seller.id, order.id);
    expect(asSeller.role).toBe("seller");
    expect(asSeller.gifticon.code).toBe(code);

    const stranger = await makeUser();
    const theirs = await appError(getOrderForUser(stranger.id, order.id));
    const missing = await appError(getOrderForUser(stranger.id, 2 ** 40));
    expect(theirs.kind).toBe("not_found");
    expect({ kind: theirs.kind, code: theirs.code, message: theirs.message, fields: theirs.fields }).toEqual({
      kind: missing.kind,
      code: missing.code,
      message: missing.message,
      fields: missing.fields,
    });
    expect(JSON.stringify(theirs)).not.toContain(code);
  });
});

describe("confirm", () => {
  it("by the buyer: completed, and the seller is paid the price exactly once", async () => {
    const { seller, buyer, order } = await trade(4000);
    const r = await confirmOrder(buyer, order.id);
    expect(r.value).toEqual({ id: order.id, status: "completed" });
    const row = await orderRow(order.id);
    expect(row.status).toBe("completed");
    expect(row.completedAt).toBeInstanceOf(Date);
    expect(await expectLedgerConsistent(seller.id)).toMatchObject({ points: 4000, held: 0 });
    expect(await sales(seller.id, order.id)).toHaveLength(1);
    expect((await sales(seller.id, order.id))[0]).toMatchObject({ pointsDelta: 4000, refType: "order" });
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 6000 });

    // Twice: refused, still paid once.
    await expectAppError(confirmOrder(buyer, order.id), { kind: "conflict", code: "order_not_open" });
    expect(await sales(seller.id, order.id)).toHaveLength(1);
    expect(await expectLedgerConsistent(seller.id)).toMatchObject({ points: 4000 });
    // And the sweeper does not pay it again either.
    await dueNow(order.id);
    await autoConfirmDue();
    expect(await sales(seller.id, order.id)).toHaveLength(1);
  });

  it("by the seller: forbidden (buyer_only); by anyone else: not found; nobody is paid", async () => {
    const { seller, order } = await trade();
    await expectAppError(confirmOrder(seller, order.id), { kind: "forbidden", code: "buyer_only" });
    await expectAppError(confirmOrder(await makeUser(), order.id), { kind: "not_found", code: "order_not_found" });
    expect((await orderRow(order.id)).status).toBe("paid");
    expect(await sales(seller.id, order.id)).toHaveLength(0);
    expect(await expectLedgerConsistent(seller.id)).toMatchObject({ points: 0 });
  });

  it("concurrent confirmations pay the seller once", async () => {
    const { seller, buyer, order } = await trade(4000);
    const results = await Promise.allSettled(Array.from({ length: 8 }, () => confirmOrder(buyer, order.id)));
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    for (const r of results) if (r.status === "rejected") expect(r.reason).toMatchObject({ kind: "conflict", code: "order_not_open" });
    expect(await sales(seller.id, order.id)).toHaveLength(1);
    expect(await expectLedgerConsistent(seller.id)).toMatchObject({ points: 4000 });
  });
});

describe("auto-confirm", () => {
  it("an order past its confirmation window completes and pays the seller", async () => {
    const { seller, buyer, order } = await trade(4000);
    const row = await orderRow(order.id);
    // The window is ORDER_CONFIRM_HOURS (72 h by default) from the trade.
    expect(row.confirmDueAt.getTime() - row.createdAt.getTime()).toBeGreaterThan(3600_000);
    await autoConfirmDue();
    expect((await orderRow(order.id)).status).toBe("paid"); // not due yet

    await dueNow(order.id);
    await autoConfirmDue();
    expect((await orderRow(order.id)).status).toBe("completed");
    expect(await sales(seller.id, order.id)).toHaveLength(1);
    expect(await expectLedgerConsistent(seller.id)).toMatchObject({ points: 4000 });
    await expectLedgerConsistent(buyer.id);
    await expectAppError(confirmOrder(buyer, order.id), { kind: "conflict", code: "order_not_open" });
  });

  it("a disputed order is not auto-confirmed", async () => {
    const { seller, buyer, order } = await trade(4000);
    await disputeOrder(buyer, order.id, "코드가 이미 사용되었다고 나옵니다");
    await dueNow(order.id);
    await sweepOnce();
    expect((await orderRow(order.id)).status).toBe("disputed");
    expect(await sales(seller.id, order.id)).toHaveLength(0);
    expect(await expectLedgerConsistent(seller.id)).toMatchObject({ points: 0 });
  });
});
