import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { fillBid, placeBid } from "@/lib/market/commands/bids";
import { buyListing } from "@/lib/market/commands/buy";
import { placeBidSchema } from "@/lib/market/schemas";
import { topUp } from "@/lib/points/commands";
import type { Idempotency } from "@/lib/write/command";
import {
  bidOn,
  checkLedgersAfterEach,
  expectAppError,
  expectLedgerConsistent,
  fillInput,
  footprint,
  listGifticon,
  listingRow,
  makeCatalogProduct,
  makeUser,
  ordersOfBid,
  ordersOfListing,
  uniq,
} from "../support/factory";

// Domain invariant 7: retrying a request with the same Idempotency-Key never trades twice; it answers with
// the first result. The key belongs to its user; a key reused for a different request is refused.

afterAll(() => closeDatabases());
checkLedgersAfterEach();

const CONCURRENT_RETRIES = 10;
const idem = (scope: string, request: unknown, key = `k-${uniq()}`): Idempotency => ({ key, scope, request });

describe("buyListing with an Idempotency-Key", () => {
  it("sequential retries: the same value, replayed, one order, paid once", async () => {
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const buyer = await makeUser({ points: 10000 });
    const l = await listGifticon(seller, product.id, 4000);
    const key = idem("buy", { listingId: l.id });
    const first = await buyListing(buyer, { listingId: l.id, expectedPrice: l.price }, key);
    expect(first.replayed).toBeUndefined();
    const second = await buyListing(buyer, { listingId: l.id, expectedPrice: l.price }, key);
    const third = await buyListing(buyer, { listingId: l.id, expectedPrice: l.price }, key);
    expect(second).toMatchObject({ value: first.value, replayed: true });
    expect(third).toMatchObject({ value: first.value, replayed: true });
    expect(await ordersOfListing(l.id)).toHaveLength(1);
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 6000 });
    await expectLedgerConsistent(seller.id);
  });

  it(`${CONCURRENT_RETRIES} concurrent retries: one order, every answer equal`, async () => {
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const buyer = await makeUser({ points: 10000 });
    const l = await listGifticon(seller, product.id, 4000);
    const key = idem("buy", { listingId: l.id });
    const results = await Promise.all(Array.from({ length: CONCURRENT_RETRIES }, () => buyListing(buyer, { listingId: l.id, expectedPrice: l.price }, key)));
    for (const r of results) expect(r.value).toEqual(results[0].value);
    expect(results.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await ordersOfListing(l.id)).toHaveLength(1);
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 6000 });
    await expectLedgerConsistent(seller.id);
  });

  it("the same key for a different request: conflict (idempotency_key_reused), nothing written", async () => {
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const buyer = await makeUser({ points: 10000 });
    const [a, b] = [await listGifticon(seller, product.id, 4000), await listGifticon(seller, product.id, 4100)];
    const key = `k-${uniq()}`;
    await buyListing(buyer, { listingId: a.id, expectedPrice: a.price }, idem("buy", { listingId: a.id }, key));
    const before = await footprint(buyer.id);
    await expectAppError(buyListing(buyer, { listingId: b.id, expectedPrice: b.price }, idem("buy", { listingId: b.id }, key)), { kind: "conflict", code: "idempotency_key_reused" });
    // Another command with the same key is a different request too.
    await expectAppError(placeBid(buyer, { productId: product.id, price: 1000 }, idem("bid", { productId: product.id, price: 1000 }, key)), {
      kind: "conflict",
      code: "idempotency_key_reused",
    });
    expect(await footprint(buyer.id)).toEqual(before);
    expect((await listingRow(b.id)).status).toBe("on_sale");
  });

  it("keys belong to their user: another user's identical key is a new request", async () => {
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const [b1, b2] = [await makeUser({ points: 10000 }), await makeUser({ points: 10000 })];
    const [l1, l2] = [await listGifticon(seller, product.id, 4000), await listGifticon(seller, product.id, 4000)];
    const key = `shared-${uniq()}`;
    const r1 = await buyListing(b1, { listingId: l1.id, expectedPrice: l1.price }, idem("buy", { listingId: l1.id }, key));
    const r2 = await buyListing(b2, { listingId: l2.id, expectedPrice: l2.price }, idem("buy", { listingId: l2.id }, key));
    expect(r2.replayed).toBeUndefined();
    expect(r2.value.id).not.toBe(r1.value.id);
  });

  it("a request that failed is not remembered: retrying it after fixing the cause runs it", async () => {
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const buyer = await makeUser({ points: 3000 });
    const l = await listGifticon(seller, product.id, 4000);
    const key = idem("buy", { listingId: l.id });
    await expectAppError(buyListing(buyer, { listingId: l.id, expectedPrice: l.price }, key), { kind: "conflict", code: "insufficient_points" });
    await topUp(buyer, { amount: 1000, card: "4242424242424242" });
    const r = await buyListing(buyer, { listingId: l.id, expectedPrice: l.price }, key);
    expect(r.replayed).toBeUndefined();
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 0 });
  });
});

describe("placeBid and fillBid with an Idempotency-Key", () => {
  it("placeBid: retried sequentially and concurrently, one bid and one hold", async () => {
    const product = await makeCatalogProduct(5000);
    const buyer = await makeUser({ points: 10000 });
    const input = placeBidSchema.parse({ productId: product.id, price: 4200 });
    const key = idem("bid", { productId: product.id, price: 4200 });
    const first = await placeBid(buyer, input, key);
    const retries = await Promise.all(Array.from({ length: CONCURRENT_RETRIES }, () => placeBid(buyer, input, key)));
    for (const r of retries) expect(r).toMatchObject({ value: first.value, replayed: true });
    expect(await footprint(buyer.id)).toMatchObject({ bids: 1, points: 5800, held: 4200 });
    await expectLedgerConsistent(buyer.id);

    const concurrentKey = idem("bid", { productId: product.id, price: 3000 });
    const input2 = placeBidSchema.parse({ productId: product.id, price: 3000 });
    const all = await Promise.all(Array.from({ length: CONCURRENT_RETRIES }, () => placeBid(buyer, input2, concurrentKey)));
    for (const r of all) expect(r.value).toEqual(all[0].value);
    expect(await footprint(buyer.id)).toMatchObject({ bids: 2, points: 2800, held: 7200 });
    await expectLedgerConsistent(buyer.id);
  });

  it("fillBid: concurrent retries make one order; the same key on another bid is refused", async () => {
    const product = await makeCatalogProduct(5000);
    const buyer = await makeUser({ points: 10000 });
    const seller = await makeUser();
    const bid = await bidOn(buyer, product.id, 4200);
    const other = await bidOn(buyer, product.id, 4100);
    const input = fillInput(bid.price);
    const key = idem("fill", { bidId: bid.id, code: input.code });
    const all = await Promise.all(Array.from({ length: CONCURRENT_RETRIES }, () => fillBid(seller, bid.id, input, key)));
    for (const r of all) expect(r.value).toEqual(all[0].value);
    expect(all.filter((r) => !r.replayed)).toHaveLength(1);
    expect(await ordersOfBid(bid.id)).toHaveLength(1);
    expect(await footprint(seller.id)).toMatchObject({ listings: 1, gifticons: 1, orders: 1 });

    const other2 = fillInput(other.price);
    await expectAppError(fillBid(seller, other.id, other2, { ...key, request: { bidId: other.id, code: other2.code } }), {
      kind: "conflict",
      code: "idempotency_key_reused",
    });
    expect(await ordersOfBid(other.id)).toHaveLength(0);
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 10000 - 4200 - 4100, held: 4100 });
    await expectLedgerConsistent(seller.id);
  });
});
