import { and, eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { primaryDb } from "@/db/primary";
import { adminAudit } from "@/db/schema";
import { reinstateUser, suspendUser } from "@/lib/accounts/commands";
import { sessionState } from "@/lib/accounts/session-state";
import { getProductBook } from "@/lib/catalog/queries";
import { buyListing } from "@/lib/market/commands/buy";
import { fillBid } from "@/lib/market/commands/bids";
import { confirmOrder, disputeOrder, resolveDispute } from "@/lib/orders/commands";
import { getOrderForUser, getOrderImage } from "@/lib/orders/queries";
import {
  bidOn,
  bidRow,
  checkLedgersAfterEach,
  expectAppError,
  expectLedgerConsistent,
  fillInput,
  gifticonOfListing,
  listGifticon,
  listingRow,
  makeAdmin,
  makeCatalogProduct,
  makeUser,
  orderRow,
} from "../support/factory";

// Suspension takes effect at once (issue 8, item 5), refunds end the buyer's access to the code and
// nobody decides their own case (item 6); every decision is in the audit log.

afterAll(() => closeDatabases());
checkLedgersAfterEach();

const auditOf = (type: string, id: number) =>
  primaryDb().select().from(adminAudit).where(and(eq(adminAudit.targetType, type), eq(adminAudit.targetId, id)));

describe("suspension", () => {
  it("takes the member's listings and bids off the books at once, holds released and codes returned", async () => {
    const admin = await makeAdmin();
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser({ points: 10_000 });
    const buyer = await makeUser({ points: 10_000 });
    const ask = await listGifticon(seller, product.id, 4000);
    const bid = await bidOn(seller, product.id, 3000);
    expect((await getProductBook(product.id))!.asks.map((a) => a.id)).toEqual([ask.id]);

    const { value } = await suspendUser(admin, seller.id, "가짜 코드 판매 신고");
    expect(value).toMatchObject({ status: "suspended", listingsCancelled: 1, bidsCancelled: 1 });
    expect((await listingRow(ask.id)).status).toBe("cancelled");
    expect((await bidRow(bid.id)).status).toBe("cancelled");
    expect((await gifticonOfListing(ask.id))!.codeLock).toBeNull();
    expect(await expectLedgerConsistent(seller.id)).toMatchObject({ points: 10_000, held: 0 });
    const book = (await getProductBook(product.id))!;
    expect(book.asks).toEqual([]);
    expect(book.bids).toEqual([]);

    // Nothing of theirs can be bought or filled any more.
    await expectAppError(buyListing(buyer, { listingId: ask.id, expectedPrice: 4000 }), { kind: "conflict", code: "listing_cancelled" });
    await expectAppError(fillBid(buyer, bid.id, fillInput(3000)), { kind: "conflict", code: "bid_closed" });
    const [entry] = await auditOf("user", seller.id);
    expect(entry).toMatchObject({ adminId: admin.id, action: "user.suspend", reason: "가짜 코드 판매 신고" });
  });

  it("withdraws every listing and bid at once, across products, and leaves other members' alone", async () => {
    const admin = await makeAdmin();
    const [p1, p2] = [await makeCatalogProduct(5000), await makeCatalogProduct(8000)];
    const seller = await makeUser({ points: 20_000 });
    const other = await makeUser({ points: 10_000 });
    const asks = [await listGifticon(seller, p1.id, 4000), await listGifticon(seller, p1.id, 4200), await listGifticon(seller, p2.id, 7000)];
    const bids = [await bidOn(seller, p1.id, 3000), await bidOn(seller, p2.id, 6000)];
    const othersAsk = await listGifticon(other, p1.id, 4100);
    const othersBid = await bidOn(other, p2.id, 5000);

    const { value } = await suspendUser(admin, seller.id, "다중 판매 정지");
    expect(value).toMatchObject({ listingsCancelled: 3, bidsCancelled: 2 });
    for (const a of asks) {
      expect((await listingRow(a.id)).status).toBe("cancelled");
      expect((await gifticonOfListing(a.id))!.codeLock).toBeNull();
    }
    for (const b of bids) expect((await bidRow(b.id)).status).toBe("cancelled");
    expect(await expectLedgerConsistent(seller.id)).toMatchObject({ points: 20_000, held: 0 });
    expect((await listingRow(othersAsk.id)).status).toBe("on_sale");
    expect((await gifticonOfListing(othersAsk.id))!.codeLock).not.toBeNull();
    expect((await bidRow(othersBid.id)).status).toBe("active");
    expect((await getProductBook(p1.id))!.asks.map((a) => a.id)).toEqual([othersAsk.id]);
    expect((await getProductBook(p2.id))!.bids.map((b) => b.id)).toEqual([othersBid.id]);
  });

  it("ends the member's sessions: the session check sees a new version and the suspended status", async () => {
    const admin = await makeAdmin();
    const user = await makeUser();
    const before = await sessionState(user.id);
    expect(before).toEqual({ status: "active", sessionVersion: 0 });
    await suspendUser(admin, user.id, "테스트");
    expect(await sessionState(user.id)).toEqual({ status: "suspended", sessionVersion: 1 });
    await reinstateUser(admin, user.id, "소명 확인");
    // Reinstated, but the old session (version 0 or 1) does not come back: they sign in again.
    expect(await sessionState(user.id)).toEqual({ status: "active", sessionVersion: 2 });
  });

  it("holds the seller's payouts until reinstatement, then pays each once", async () => {
    const admin = await makeAdmin();
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const buyer = await makeUser({ points: 20_000 });
    const a = await listGifticon(seller, product.id, 4000);
    const b = await listGifticon(seller, product.id, 4500);
    const oa = await buyListing(buyer, { listingId: a.id, expectedPrice: 4000 });
    const ob = await buyListing(buyer, { listingId: b.id, expectedPrice: 4500 });
    await suspendUser(admin, seller.id, "정산 보류");

    await confirmOrder(buyer, oa.value.id);
    await disputeOrder(buyer, ob.value.id, "코드가 이미 사용되었다고 나옵니다");
    await resolveDispute(admin, ob.value.id, "complete", "판매자 소명 확인");
    expect(await orderRow(oa.value.id)).toMatchObject({ status: "completed", payoutHeld: true });
    expect(await orderRow(ob.value.id)).toMatchObject({ status: "completed", payoutHeld: true });
    expect(await expectLedgerConsistent(seller.id)).toMatchObject({ points: 0 });

    const r = await reinstateUser(admin, seller.id);
    expect(r.value.payoutsReleased).toBe(2);
    expect(await expectLedgerConsistent(seller.id)).toMatchObject({ points: 8500 });
    expect(await orderRow(oa.value.id)).toMatchObject({ payoutHeld: false });
    // A second reinstatement is refused and pays nothing.
    await expectAppError(reinstateUser(admin, seller.id), { kind: "conflict", code: "not_suspended" });
    expect(await expectLedgerConsistent(seller.id)).toMatchObject({ points: 8500 });
  });

  it("only an active admin suspends, never themselves, never twice", async () => {
    const admin = await makeAdmin();
    const user = await makeUser();
    await expectAppError(suspendUser(user, admin.id, "하극상"), { kind: "forbidden", code: "admin_only" });
    await expectAppError(suspendUser(admin, admin.id, "자기"), { kind: "conflict", code: "self_suspend" });
    await suspendUser(admin, user.id, "1회");
    await expectAppError(suspendUser(admin, user.id, "2회"), { kind: "conflict", code: "already_suspended" });
    expect(await auditOf("user", user.id)).toHaveLength(1);
  });
});

describe("disputes: refunds and own cases", () => {
  async function disputed(opts: { buyer?: Awaited<ReturnType<typeof makeUser>>; seller?: Awaited<ReturnType<typeof makeUser>> } = {}) {
    const product = await makeCatalogProduct(5000);
    const seller = opts.seller ?? (await makeUser());
    const buyer = opts.buyer ?? (await makeUser({ points: 10_000 }));
    const l = await listGifticon(seller, product.id, 4000);
    const { value: order } = await buyListing(buyer, { listingId: l.id, expectedPrice: 4000 });
    await disputeOrder(buyer, order.id, "코드가 작동하지 않습니다");
    return { seller, buyer, order, code: l.code, listingId: l.id };
  }

  it("a refund ends the buyer's access to the code (the seller still has it)", async () => {
    const admin = await makeAdmin();
    const { seller, buyer, order, code } = await disputed();
    expect((await getOrderForUser(buyer.id, order.id)).gifticon.code).toBe(code);
    await resolveDispute(admin, order.id, "refund", "판매자 무응답");
    const asBuyer = await getOrderForUser(buyer.id, order.id);
    expect(asBuyer.status).toBe("refunded");
    expect(asBuyer.gifticon.code).toBeNull();
    await expectAppError(getOrderImage(buyer.id, order.id), { kind: "not_found", code: "order_not_found" });
    expect((await getOrderForUser(seller.id, order.id)).gifticon.code).toBe(code);
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 10_000 });
    const [entry] = await auditOf("order", order.id);
    expect(entry).toMatchObject({ action: "order.resolve", reason: "판매자 무응답", adminId: admin.id });
    expect(JSON.parse(entry.detail!)).toEqual({ outcome: "refund" });
  });

  it("an admin who bought or sold the disputed order cannot resolve it; another admin can", async () => {
    const admin = await makeUser({ role: "admin", points: 10_000 });
    const asBuyer = await disputed({ buyer: admin });
    await expectAppError(resolveDispute(admin, asBuyer.order.id, "refund", "내 주문"), { kind: "forbidden", code: "own_case" });
    const asSeller = await disputed({ seller: admin });
    await expectAppError(resolveDispute(admin, asSeller.order.id, "complete", "내 판매"), { kind: "forbidden", code: "own_case" });
    expect((await orderRow(asBuyer.order.id)).status).toBe("disputed");
    const other = await makeAdmin();
    await resolveDispute(other, asBuyer.order.id, "refund", "다른 관리자가 처리");
    expect((await orderRow(asBuyer.order.id)).status).toBe("refunded");
  });
});
