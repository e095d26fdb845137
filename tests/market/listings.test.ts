import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { getProductBook } from "@/lib/catalog/queries";
import { buyListing } from "@/lib/market/commands/buy";
import { cancelListing, createListing } from "@/lib/market/commands/listings";
import { expireListings } from "@/lib/market/commands/sweep";
import { createListingSchema } from "@/lib/market/schemas";
import {
  checkLedgersAfterEach,
  expectAppError,
  expectLedgerConsistent,
  expireNow,
  footprint,
  gifticonOfListing,
  inDays,
  inHours,
  listGifticon,
  listingRow,
  makeCatalogProduct,
  makeUser,
  newCode,
  uniq,
} from "../support/factory";

// Sell bids ("posts"): the rules a new listing must pass (domain.md: Sell bid), and which codes may come
// back to the market. Cancel and price changes: tests/market/listing-changes.test.ts.

afterAll(() => closeDatabases());
checkLedgersAfterEach();

const DAY = 86_400_000;
/** Input as the API would send it, parsed by the real schema. */
const input = (productId: number, over: Record<string, unknown> = {}) =>
  createListingSchema.parse({ productId, price: 4000, code: newCode(), expiresAt: inDays(30), ...over });

describe("price", () => {
  it("may equal the face value but not exceed it (field price)", async () => {
    const product = await makeCatalogProduct(5000);
    const seller = await makeUser();
    const ok = await createListing(seller, input(product.id, { price: 5000 }));
    expect(ok.value).toMatchObject({ status: "on_sale", price: 5000 });
    const before = await footprint(seller.id);
    await expectAppError(createListing(seller, input(product.id, { price: 5001 })), { kind: "invalid", code: "price_above_face_value", field: "price" });
    expect(await footprint(seller.id)).toEqual(before);
  });

  it("is at least ₩100 (the schema refuses 99 on field price; 100 is accepted)", () => {
    const low = createListingSchema.safeParse({ productId: 1, price: 99, code: newCode(), expiresAt: inDays(30) });
    expect(low.success).toBe(false);
    expect(low.error!.issues.map((i) => i.path.join("."))).toEqual(["price"]);
    expect(createListingSchema.safeParse({ productId: 1, price: 100, code: newCode(), expiresAt: inDays(30) }).success).toBe(true);
  });
});

describe("expiry of the gifticon", () => {
  it("refuses an expired code (field expiresAt) and writes nothing", async () => {
    const product = await makeCatalogProduct();
    const seller = await makeUser();
    const before = await footprint(seller.id);
    await expectAppError(createListing(seller, input(product.id, { expiresAt: inDays(-1) })), { kind: "invalid", code: "gifticon_expired", field: "expiresAt" });
    expect(await footprint(seller.id)).toEqual(before);
  });

  it("refuses a code that expires within 3 days, accepts one valid for 3 days", async () => {
    const product = await makeCatalogProduct();
    const seller = await makeUser();
    await expectAppError(createListing(seller, input(product.id, { expiresAt: inDays(1) })), { kind: "invalid", code: "gifticon_expiring", field: "expiresAt" });
    await expectAppError(createListing(seller, input(product.id, { expiresAt: new Date(Date.now() + 3 * DAY - 60_000).toISOString() })), {
      kind: "invalid",
      code: "gifticon_expiring",
      field: "expiresAt",
    });
    const ok = await createListing(seller, input(product.id, { expiresAt: inDays(3) }));
    expect(ok.value.status).toBe("on_sale");
  });
});

describe("deadline", () => {
  it("defaults to 7 days from now when the code is valid longer", async () => {
    const product = await makeCatalogProduct();
    const seller = await makeUser();
    const t0 = Date.now();
    const l = await listGifticon(seller, product.id, 4000, { expiresAt: inDays(30) });
    const row = await listingRow(l.id);
    expect(row.deadline.getTime()).toBeGreaterThanOrEqual(t0 + 7 * DAY - 1000);
    expect(row.deadline.getTime()).toBeLessThanOrEqual(Date.now() + 7 * DAY + 1000);
  });

  it("defaults to the code's expiry when that comes before 7 days", async () => {
    const product = await makeCatalogProduct();
    const seller = await makeUser();
    const expiresAt = inDays(5);
    const l = await listGifticon(seller, product.id, 4000, { expiresAt });
    const row = await listingRow(l.id);
    const g = await gifticonOfListing(l.id);
    expect(row.deadline.getTime()).toBe(g.expiresAt.getTime());
    expect(row.deadline.getTime()).toBe(createListingSchema.shape.expiresAt.parse(expiresAt).getTime());
  });

  it("keeps a deadline that was asked for", async () => {
    const product = await makeCatalogProduct();
    const seller = await makeUser();
    const deadline = inHours(48);
    const l = await listGifticon(seller, product.id, 4000, { deadline });
    expect((await listingRow(l.id)).deadline.toISOString()).toBe(deadline);
  });

  it("refuses a deadline after the code's expiry (field deadline)", async () => {
    const product = await makeCatalogProduct();
    const seller = await makeUser();
    await expectAppError(createListing(seller, input(product.id, { expiresAt: inDays(5), deadline: inHours(24 * 10) })), {
      kind: "invalid",
      code: "deadline_after_expiry",
      field: "deadline",
    });
  });

  it("refuses a deadline less than an hour away or more than 30 days away", async () => {
    const product = await makeCatalogProduct();
    const seller = await makeUser();
    const before = await footprint(seller.id);
    await expectAppError(createListing(seller, input(product.id, { deadline: inHours(0.5) })), { kind: "invalid", code: "deadline_too_soon", field: "deadline" });
    await expectAppError(createListing(seller, input(product.id, { deadline: inHours(-1) })), { kind: "invalid", code: "deadline_too_soon", field: "deadline" });
    await expectAppError(createListing(seller, input(product.id, { expiresAt: inDays(60), deadline: inHours(24 * 31) })), {
      kind: "invalid",
      code: "deadline_too_far",
      field: "deadline",
    });
    expect(await footprint(seller.id)).toEqual(before);
    const ok = await createListing(seller, input(product.id, { expiresAt: inDays(60), deadline: inHours(24 * 29) }));
    expect(ok.value.status).toBe("on_sale");
  });
});

describe("one live copy of a code (invariant 2)", () => {
  it("refuses a code already on the market, whoever lists it, however it is typed (field code)", async () => {
    const product = await makeCatalogProduct();
    const other = await makeCatalogProduct();
    const seller = await makeUser();
    const someoneElse = await makeUser();
    const raw = `AB${uniq()}${uniq()}`.toUpperCase(); // 22 letters and digits
    await listGifticon(seller, product.id, 4000, { code: raw });
    const groups = raw.match(/.{1,4}/g)!;
    for (const [who, typed, pid] of [
      [seller, raw, product.id],
      [someoneElse, groups.join("-").toLowerCase(), product.id],
      [someoneElse, ` ${groups.join(" ")} `, other.id],
      [someoneElse, groups.join(" - "), other.id],
    ] as const) {
      const before = await footprint(who.id);
      await expectAppError(createListing(who, input(pid, { code: typed })), { kind: "conflict", code: "code_already_listed", field: "code" });
      expect(await footprint(who.id)).toEqual(before);
    }
  });

  it("lets the code of a cancelled listing be listed again", async () => {
    const product = await makeCatalogProduct();
    const seller = await makeUser();
    const l = await listGifticon(seller, product.id, 4000);
    await cancelListing(seller, l.id);
    const again = await listGifticon(seller, product.id, 3900, { code: l.code });
    expect(again.status).toBe("on_sale");
    expect((await getProductBook(product.id))!.asks.map((a) => a.id)).toEqual([again.id]);
  });

  it("lets the code of an expired listing be listed again", async () => {
    const product = await makeCatalogProduct();
    const seller = await makeUser();
    const l = await listGifticon(seller, product.id, 4000);
    await expireNow("listings", l.id);
    await expireListings();
    expect((await listingRow(l.id)).status).toBe("expired");
    const again = await listGifticon(seller, product.id, 4000, { code: l.code });
    expect(again.status).toBe("on_sale");
  });

  it("never lets a sold code be listed again, by anyone", async () => {
    const product = await makeCatalogProduct();
    const seller = await makeUser();
    const buyer = await makeUser({ points: 10000 });
    const l = await listGifticon(seller, product.id, 4000);
    await buyListing(buyer, { listingId: l.id, expectedPrice: l.price });
    await expectAppError(createListing(seller, input(product.id, { code: l.code })), { kind: "conflict", code: "code_already_listed", field: "code" });
    await expectAppError(createListing(buyer, input(product.id, { code: l.code })), { kind: "conflict", code: "code_already_listed", field: "code" });
    expect(await expectLedgerConsistent(buyer.id)).toMatchObject({ points: 6000 });
    await expectLedgerConsistent(seller.id);
  });
});
