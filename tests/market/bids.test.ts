import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { getProductBook } from "@/lib/catalog/queries";
import { cancelBid, placeBid } from "@/lib/market/commands/bids";
import { expireBids } from "@/lib/market/commands/sweep";
import { placeBidSchema } from "@/lib/market/schemas";
import { sweepOnce } from "@/lib/ops/sweeper";
import {
  bidOn,
  bidRow,
  checkLedgersAfterEach,
  expectAppError,
  expectLedgerConsistent,
  expireNow,
  footprint,
  inHours,
  ledgerOf,
  makeCatalogProduct,
  makeUser,
} from "../support/factory";

// Buy bids (domain.md: Buy bid): the buyer's points are held while the bid is active, and given back
// when it is cancelled or expires. Crossing the book: tests/market/crossing.test.ts.

afterAll(() => closeDatabases());
checkLedgersAfterEach();

const DAY = 86_400_000;
const bidsOf = async (productId: number) => (await getProductBook(productId))!.bids;

describe("placing a bid", () => {
  it("holds the points (ledger: hold) and shows in the book", async () => {
    const product = await makeCatalogProduct(5000);
    const buyer = await makeUser({ points: 10000 });
    const t0 = Date.now();
    const bid = await bidOn(buyer, product.id, 4200);
    expect(bid).toMatchObject({ status: "active", price: 4200 });
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 5800, held: 4200 });
    expect((await ledgerOf(buyer.id)).at(-1)).toMatchObject({ kind: "hold", pointsDelta: -4200, heldDelta: 4200, refType: "bid", refId: bid.id });
    const row = await bidRow(bid.id);
    expect(row).toMatchObject({ buyerId: buyer.id, productId: product.id, price: 4200, status: "active" });
    // Default deadline: 7 days.
    expect(row.deadline.getTime()).toBeGreaterThanOrEqual(t0 + 7 * DAY - 1000);
    expect(row.deadline.getTime()).toBeLessThanOrEqual(Date.now() + 7 * DAY + 1000);
    expect((await bidsOf(product.id)).map((b) => [b.id, b.price])).toEqual([[bid.id, 4200]]);
  });

  it("orders the book highest first, then oldest", async () => {
    const product = await makeCatalogProduct(5000);
    const [a, b, c] = await Promise.all([makeUser({ points: 5000 }), makeUser({ points: 5000 }), makeUser({ points: 5000 })]);
    const low = await bidOn(a, product.id, 3000);
    const highOld = await bidOn(b, product.id, 4000);
    const highNew = await bidOn(c, product.id, 4000);
    expect((await bidsOf(product.id)).map((x) => x.id)).toEqual([highOld.id, highNew.id, low.id]);
  });

  it("with too few points is refused and writes nothing", async () => {
    const product = await makeCatalogProduct(5000);
    const buyer = await makeUser({ points: 3000 });
    const before = await footprint(buyer.id);
    await expectAppError(bidOn(buyer, product.id, 3001), { kind: "conflict", code: "insufficient_points", field: "points" });
    expect(await footprint(buyer.id)).toEqual(before);
    expect(await bidsOf(product.id)).toEqual([]);
    await expectLedgerConsistent(buyer.id);
  });

  it("above the face value is refused (field price); at the face value is accepted", async () => {
    const product = await makeCatalogProduct(5000);
    const buyer = await makeUser({ points: 10000 });
    const before = await footprint(buyer.id);
    await expectAppError(bidOn(buyer, product.id, 5001), { kind: "invalid", code: "price_above_face_value", field: "price" });
    expect(await footprint(buyer.id)).toEqual(before);
    expect((await bidOn(buyer, product.id, 5000)).status).toBe("active");
  });

  it("below ₩100 is refused by the schema (field price)", () => {
    const r = placeBidSchema.safeParse({ productId: 1, price: 99 });
    expect(r.success).toBe(false);
    expect(r.error!.issues.map((i) => i.path.join("."))).toEqual(["price"]);
  });

  it("with a deadline under an hour or over 30 days is refused (field deadline)", async () => {
    const product = await makeCatalogProduct(5000);
    const buyer = await makeUser({ points: 10000 });
    const before = await footprint(buyer.id);
    await expectAppError(bidOn(buyer, product.id, 4000, { deadline: inHours(0.5) }), { kind: "invalid", code: "deadline_too_soon", field: "deadline" });
    await expectAppError(bidOn(buyer, product.id, 4000, { deadline: inHours(24 * 31) }), { kind: "invalid", code: "deadline_too_far", field: "deadline" });
    expect(await footprint(buyer.id)).toEqual(before);
    const deadline = inHours(3);
    const ok = await bidOn(buyer, product.id, 4000, { deadline });
    expect((await bidRow(ok.id)).deadline.toISOString()).toBe(deadline);
  });

  it("for a product that does not exist is refused (field productId)", async () => {
    const buyer = await makeUser({ points: 10000 });
    await expectAppError(placeBid(buyer, { productId: 2 ** 40, price: 1000 }), { kind: "invalid", code: "product_not_found", field: "productId" });
  });
});

describe("cancelling a bid", () => {
  it("releases the hold (ledger: release) and removes it from the book", async () => {
    const product = await makeCatalogProduct(5000);
    const buyer = await makeUser({ points: 10000 });
    const bid = await bidOn(buyer, product.id, 4200);
    const r = await cancelBid(buyer, bid.id);
    expect(r.value).toEqual({ id: bid.id, status: "cancelled" });
    expect((await bidRow(bid.id)).status).toBe("cancelled");
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 10000, held: 0 });
    expect((await ledgerOf(buyer.id)).at(-1)).toMatchObject({ kind: "release", pointsDelta: 4200, heldDelta: -4200, refType: "bid", refId: bid.id });
    expect(await bidsOf(product.id)).toEqual([]);
  });

  it("only the bidder can cancel; twice is a conflict and releases nothing more", async () => {
    const product = await makeCatalogProduct(5000);
    const buyer = await makeUser({ points: 10000 });
    const other = await makeUser({ points: 10000 });
    const bid = await bidOn(buyer, product.id, 4200);
    await expectAppError(cancelBid(other, bid.id), { kind: "forbidden", code: "not_your_bid" });
    expect((await bidRow(bid.id)).status).toBe("active");
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 5800, held: 4200 });
    await expectLedgerConsistent(other.id);

    await cancelBid(buyer, bid.id);
    const after = await footprint(buyer.id);
    await expectAppError(cancelBid(buyer, bid.id), { kind: "conflict", code: "bid_closed" });
    expect(await footprint(buyer.id)).toEqual(after);
    expect(after).toMatchObject({ points: 10000, held: 0 });
  });

  it("of a bid that does not exist: not found", async () => {
    const buyer = await makeUser();
    await expectAppError(cancelBid(buyer, 2 ** 40), { kind: "not_found", code: "bid_not_found" });
  });
});

describe("expiry (the sweeper)", () => {
  it("expireBids: a bid past its deadline expires, its hold is released, and it leaves the book", async () => {
    const product = await makeCatalogProduct(5000);
    const buyer = await makeUser({ points: 10000 });
    const live = await bidOn(buyer, product.id, 3000);
    const due = await bidOn(buyer, product.id, 4200);
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 2800, held: 7200 });
    await expireNow("bids", due.id);
    await expireBids();
    expect((await bidRow(due.id)).status).toBe("expired");
    expect((await bidRow(live.id)).status).toBe("active");
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 7000, held: 3000 });
    const releases = (await ledgerOf(buyer.id)).filter((r) => r.kind === "release" && r.refId === due.id);
    expect(releases).toHaveLength(1);
    expect(releases[0]).toMatchObject({ pointsDelta: 4200, heldDelta: -4200, refType: "bid" });
    expect((await bidsOf(product.id)).map((b) => b.id)).toEqual([live.id]);

    // Running it again (or in another instance) changes nothing.
    await sweepOnce();
    expect((await ledgerOf(buyer.id)).filter((r) => r.kind === "release" && r.refId === due.id)).toHaveLength(1);
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 7000, held: 3000 });
  });

  it("an expired bid cannot be cancelled (its points were already released)", async () => {
    const product = await makeCatalogProduct(5000);
    const buyer = await makeUser({ points: 10000 });
    const bid = await bidOn(buyer, product.id, 4200);
    await expireNow("bids", bid.id);
    await sweepOnce();
    await expectAppError(cancelBid(buyer, bid.id), { kind: "conflict", code: "bid_closed" });
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 10000, held: 0 });
  });
});
