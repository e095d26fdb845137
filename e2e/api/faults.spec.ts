import { expect, test } from "@playwright/test";
import { healReplication, opsQuery, pauseNode, resumeNode } from "../../tests/support/stack";
import type { ApiClient } from "../support/api-client";
import { expectError, freshProduct, list, listing, newUser } from "./helpers";

// Issue 9 through HTTP: each server in turn stops answering (SIGSTOP, sockets open, nothing answers) while
// the app serves pages, API reads and writes. Nothing hangs and nothing fails: reads answer without errors
// (within 2 s here — a whole page rendered from the databases on 2 cores shared with the rest of the test
// run; `npm run bench:faults` measures the p99 target), writes within 2 s (503 primary_unavailable when
// the primary is the silent one), /api/health answers; and after SIGCONT everything is back by itself.

test.describe.configure({ mode: "serial" });
const OPS = { Authorization: `Bearer ${process.env.OPS_TOKEN}` };

test.afterEach(async () => {
  for (const n of ["redis", "primary", "replica1", "replica2"] as const) resumeNode(n);
  await healReplication();
});

async function timed<T>(fn: () => Promise<T>) {
  const t = performance.now();
  const value = await fn();
  return { ms: performance.now() - t, value };
}

/** A round of what visitors and traders do: public pages, API reads, the user's own page. */
async function readRound(c: ApiClient, productId: number) {
  const rs = await Promise.all([
    timed(() => c.get(`/api/products/${productId}`)),
    timed(() => c.get("/api/listings")),
    timed(() => c.get("/api/me")),
    timed(() => c.get(`/products/${productId}`)),
  ]);
  // The home page alone: with Redis silent its rendered copy cannot be verified, so it is rendered from the
  // databases (10 catalog sections), which alone takes about 3 s on this shared machine — not a wait.
  const home = await timed(() => c.get("/"));
  return { reads: rs.map((r) => ({ ms: r.ms, status: r.value.status })), home: { ms: home.ms, status: home.value.status } };
}

async function backToNormal(c: ApiClient, productId: number) {
  const started = Date.now();
  await expect
    .poll(async () => {
      const { reads, home } = await readRound(c, productId);
      const w = await timed(() => c.post("/api/listings", listing(productId, 9_000)));
      return reads.every((r) => r.status === 200 && r.ms < 1_000) && home.status === 200 && w.value.status === 201 && w.ms < 1_000;
    }, { timeout: 10_000, intervals: [250] })
    .toBe(true);
  return Date.now() - started;
}

for (const server of ["redis", "replica1", "primary"] as const) {
  test(`${server} silent: reads answer without errors in bounded time, writes within 2 s, health answers; normal again after SIGCONT`, async () => {
    test.setTimeout(60_000);
    const seller = await newUser();
    const product = await freshProduct(10_000);
    await list(seller, product.id, 9_500);
    await readRound(seller, product.id); // warm: caches and pages

    pauseNode(server);
    try {
      for (let round = 0; round < 3; round++) {
        const { reads, home } = await readRound(seller, product.id);
        expect(reads.filter((r) => r.status !== 200), JSON.stringify(reads)).toEqual([]);
        expect(Math.max(...reads.map((r) => r.ms)), JSON.stringify(reads)).toBeLessThan(2_000);
        expect(home.status).toBe(200);
        expect(home.ms).toBeLessThan(6_000);
        const w = await timed(() => seller.post("/api/listings", listing(product.id, 8_800 - round)));
        expect(w.ms).toBeLessThan(2_000);
        if (server === "primary") expectError(w.value, 503, "primary_unavailable");
        else expect(w.value.status, w.value.text).toBe(201);
      }
      const h = await timed(() => seller.get("/api/health", OPS));
      expect(h.ms).toBeLessThan(2_500);
      expect(h.value.status).toBe(503);
      expect(h.value.body.status).toBe("degraded");
    } finally {
      resumeNode(server);
    }
    expect(await backToNormal(seller, product.id)).toBeLessThan(5_000);
    // What answered 201 exists exactly once; the 503s left nothing.
    const [row] = await opsQuery<{ n: number }>(
      "primary",
      "SELECT COUNT(*) AS n FROM listings WHERE seller_id = ? AND product_id = ? AND price BETWEEN 8798 AND 8800",
      [seller.user.id, product.id],
    );
    expect(Number(row.n)).toBe(server === "primary" ? 0 : 3);
  });
}

test("Redis silent: a purchase answers at once and is done exactly once", async () => {
  const seller = await newUser();
  const buyer = await newUser(20_000);
  const product = await freshProduct(10_000);
  const l = await list(seller, product.id, 9_000);
  pauseNode("redis");
  let r;
  try {
    r = await timed(() => buyer.post("/api/orders", { listingId: l.id, expectedPrice: 9_000 }));
  } finally {
    resumeNode("redis");
  }
  expect(r!.ms).toBeLessThan(2_000);
  expect(r!.value.status, r!.value.text).toBe(201);
  const [row] = await opsQuery<{ n: number }>("primary", "SELECT COUNT(*) AS n FROM orders WHERE listing_id = ?", [l.id]);
  expect(Number(row.n)).toBe(1);
});
