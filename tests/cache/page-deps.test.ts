import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { CATEGORIES } from "@/db/schema";
import { browsePageOf, pageVersionKey } from "@/lib/cache/keys";
import { reportBrowseDeps } from "@/lib/cache/page-deps";
import { redis } from "@/lib/cache/redis";
import { categoriesOf } from "@/lib/catalog/queries";
import { catalogQuerySchema } from "@/lib/catalog/schemas";
import { suspendUser } from "@/lib/accounts/commands";
import { cancelBid } from "@/lib/market/commands/bids";
import { cancelListing, createListing } from "@/lib/market/commands/listings";
import { expireListings } from "@/lib/market/commands/sweep";
import { takeDownListing } from "@/lib/market/commands/takedown";
import { createListingSchema } from "@/lib/market/schemas";
import { bidOn, expireNow, inDays, makeAdmin, makeProduct, makeUser, newCode, uniq } from "../support/factory";

// A browse or search page depends on the catalog as a whole and on the browse version of each category its
// query can show (lib/cache/page-keys.cjs); a market change raises only its product's category's
// (lib/market/changes.ts). The HTTP side — cached pages rendered again or not — is e2e/api/browse-cache.spec.ts.

afterAll(() => closeDatabases());

const query = (q: Record<string, string>) => catalogQuerySchema.parse({ ...q, limit: 24 });
const versionOf = async (category: string) => Number(await redis().get(pageVersionKey(browsePageOf(category)))) || 0;
const reports = () => (globalThis as { __gxPageDeps?: Map<string, Record<string, number>> }).__gxPageDeps!;

describe("browse page dependencies", () => {
  it("a query depends on the categories of the products it can show, whatever their listings", async () => {
    const tag = `의존${uniq()}`;
    await makeProduct(5000, `${tag} 라떼`); // a cafe product without a listing
    expect(await categoriesOf(query({ q: tag }))).toEqual(["cafe"]);
    expect(await categoriesOf(query({ q: tag, category: "movie" }))).toEqual([]);
    expect(await categoriesOf(query({ category: "movie" }))).toEqual(["movie"]);
    expect(await categoriesOf(query({ brand: "cgv" }))).toEqual(["movie"]);
    expect(await categoriesOf(query({ q: `없는상품${uniq()}` }))).toEqual([]);
    expect(await categoriesOf(query({ sort: "price" }))).toEqual([...CATEGORIES]);
  });

  it("a listing raises its product's category's browse version only; a report keeps the older of two reads", async () => {
    const product = await makeProduct(5000); // cafe
    const seller = await makeUser();
    const list = () => createListing(seller, createListingSchema.parse({ productId: product.id, price: 4000, code: newCode(), expiresAt: inDays(30) }));
    const [cafe0, movie0] = [await versionOf("cafe"), await versionOf("movie")];
    const first = await list();
    const cafe1 = await versionOf("cafe");
    expect(cafe1).toBe(first.seq);
    expect(cafe1).toBeGreaterThan(cafe0);
    expect(await versionOf("movie")).toBe(movie0);

    const path = `/browse/test-${uniq()}`;
    await reportBrowseDeps(path, ["cafe", "movie"]);
    const keyOf = (c: string) => pageVersionKey(browsePageOf(c));
    expect(reports().get(path)).toEqual({ [keyOf("cafe")]: cafe1, [keyOf("movie")]: movie0 });
    // Another render of the same page reads later: the report keeps the older version (stale sooner).
    await list();
    expect(await versionOf("cafe")).toBeGreaterThan(cafe1);
    await reportBrowseDeps(path, ["cafe", "movie"]);
    expect(reports().get(path)![keyOf("cafe")]).toBe(cafe1);
  });

  it("a cancel, an expiry, a takedown and a suspension raise only their product's category's version too", async () => {
    const product = await makeProduct(5000); // cafe
    const [seller, buyer, admin] = [await makeUser(), await makeUser({ points: 50_000 }), await makeAdmin()];
    const list = async () => (await createListing(seller, createListingSchema.parse({ productId: product.id, price: 4000, code: newCode(), expiresAt: inDays(30) }))).value.id;
    const cases: [string, () => Promise<{ seq: number }>][] = [
      ["cancel", async () => cancelListing(seller, await list())],
      ["bid cancel", async () => cancelBid(buyer, (await bidOn(buyer, product.id, 1_000)).id)],
      ["takedown", async () => takeDownListing(admin, await list(), "테스트")],
      [
        "expiry",
        async () => {
          await expireNow("listings", await list());
          await expireListings();
          return { seq: await versionOf("cafe") }; // the sweep's own position is not returned
        },
      ],
      [
        "suspension",
        async () => {
          await list();
          return suspendUser(admin, seller.id, "테스트 정지");
        },
      ],
    ];
    for (const [what, run] of cases) {
      const [cafe0, movie0] = [await versionOf("cafe"), await versionOf("movie")];
      const r = await run();
      expect(await versionOf("cafe"), what).toBeGreaterThan(cafe0);
      expect(await versionOf("cafe"), what).toBe(r.seq);
      // (The sweep expires every due listing, other tests' too: only its own category is checked.)
      if (what !== "expiry") expect(await versionOf("movie"), what).toBe(movie0);
    }
  });
});
