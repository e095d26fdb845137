import { expect, test } from "@playwright/test";
import { healReplication, setReplicaDelay } from "../../tests/support/stack";
import { base, freshProduct, kstDate, newUser } from "./helpers";

// The rendered pages served from the page cache (lib/cache/page-cache-handler.cjs) are as fresh as the
// data: with both replicas really 10 s behind, a new listing is on the product page and the home feed the
// moment the API call that made it returns, and a sold one is gone — for anyone, signed in or not.

test.describe.configure({ mode: "serial" });
test.afterEach(() => healReplication());

const page = async (path: string) => {
  const r = await fetch(new URL(path, base()));
  expect(r.status).toBe(200);
  return { html: await r.text(), cache: r.headers.get("x-nextjs-cache") };
};
const listed = (html: string, id: number) => html.includes(`data-listing-id="${id}"`);

test("a cached product page and the home feed show a new listing at once and drop it when sold, with replicas 10 s behind", async () => {
  const product = await freshProduct(10_000);
  const seller = await newUser();
  const buyer = await newUser(50_000);

  // Rendered once and then served from the cache.
  await page(`/products/${product.id}`);
  expect((await page(`/products/${product.id}`)).cache).toBe("HIT");
  await page("/");

  await setReplicaDelay("replica1", 10);
  await setReplicaDelay("replica2", 10);

  const created = await seller.post("/api/listings", { productId: product.id, price: 9_000, code: `55${Date.now()}`, expiresAt: kstDate(365) });
  expect(created.status, created.text).toBe(201);
  const id = created.body.id as number;
  expect(listed((await page(`/products/${product.id}`)).html, id)).toBe(true);
  expect(listed((await page("/")).html, id) || (await page("/")).html.includes(`/products/${product.id}`)).toBe(true);
  // A second read is served from the cache again, still with the listing.
  const again = await page(`/products/${product.id}`);
  expect(again.cache).toBe("HIT");
  expect(listed(again.html, id)).toBe(true);

  const bought = await buyer.post("/api/orders", { listingId: id, expectedPrice: 9_000 });
  expect(bought.status, bought.text).toBe(201);
  expect(listed((await page(`/products/${product.id}`)).html, id)).toBe(false);
});

test("the page cache never serves a page older than a change made while it was being rendered", async () => {
  const product = await freshProduct(10_000);
  const seller = await newUser();
  // Many concurrent readers while listings are being made: every read after a listing call returned
  // must include that listing.
  const made: number[] = [];
  const readers = async () => {
    for (let i = 0; i < 20; i++) {
      const known = [...made];
      const { html } = await page(`/products/${product.id}`);
      for (const id of known) expect(listed(html, id), `listing ${id} missing from a page read after it was made`).toBe(true);
    }
  };
  const writer = async () => {
    for (let i = 0; i < 8; i++) {
      const r = await seller.post("/api/listings", { productId: product.id, price: 9_000 + i * 10, code: `56${Date.now()}${i}`, expiresAt: kstDate(365) });
      expect(r.status, r.text).toBe(201);
      made.push(r.body.id);
    }
  };
  await Promise.all([writer(), readers(), readers(), readers()]);
});
