import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { expect, test } from "@playwright/test";
import { ApiClient, newAddress } from "../support/api-client";
import { askNode, healReplication, primaryOf, redisCluster, setReplicaDelay } from "../../tests/support/stack";
import { freshProduct, kstDate, newCode, rateLimit } from "./helpers";
import { SERVE_ARGS } from "../../scripts/serve-command";

// Issue 12, Redis beyond one node: an app instance (server.ts on the same build) whose Redis is the test
// stack's 3-primary Redis Cluster (REDIS_CLUSTER_NODES). Its rendered pages (the page cache's versions and
// epochs, one per hash slot), cached views and rate limits all live on the cluster, and pages stay exactly
// as fresh as the data with both database replicas 10 s behind.

const OFFSET = Number(process.env.GX_PORT_OFFSET ?? 0);
const PORT = 3113 + OFFSET;
const BASE = `http://127.0.0.1:${PORT}`;

test.describe.configure({ mode: "serial" });

let app: ChildProcess | undefined;

test.beforeAll(async () => {
  test.setTimeout(120_000);
  const { nodes } = redisCluster();
  app = spawn("node", SERVE_ARGS, {
    env: { ...process.env, PORT: String(PORT), HOSTNAME: "127.0.0.1", TRUST_PROXY_HEADERS: "1", REDIS_CLUSTER_NODES: nodes },
    stdio: ["ignore", "ignore", "inherit"],
  });
  for (const until = Date.now() + 90_000; ; await new Promise((r) => setTimeout(r, 200))) {
    const ok = await fetch(`${BASE}/api/health/live`, { signal: AbortSignal.timeout(2_000) }).then((r) => r.status === 200, () => false);
    if (ok) break;
    if (Date.now() > until) throw new Error(`the instance on ${BASE} did not come up`);
  }
});

test.afterAll(async () => {
  app?.kill("SIGTERM");
  await healReplication();
});

const page = async (path: string) => {
  const r = await fetch(BASE + path);
  expect(r.status).toBe(200);
  return { html: await r.text(), cache: r.headers.get("x-nextjs-cache") };
};
const listed = (html: string, id: number) => html.includes(`data-listing-id="${id}"`);

test("the instance runs on the cluster: health says so, and its keys are spread over the three primaries", async () => {
  const ops = await fetch(`${BASE}/api/health`, { headers: { Authorization: `Bearer ${process.env.OPS_TOKEN}` } });
  const health = await ops.json();
  expect(health.cache).toMatchObject({ reachable: true, transport: "cluster" });
  // Every shard: its primary answering, with its replica connected.
  expect(health.cache.shards).toHaveLength(3);
  for (const shard of health.cache.shards) expect(shard).toMatchObject({ reachable: true, replicas: 1 });
  // Something of the app's on every primary (views, fences, page versions and epochs spread by hash slot).
  for (const path of ["/", "/products", "/products/1", "/products/2", "/products/3", "/products/4", "/products/5", "/products/6"]) await page(path);
  const cli = (port: number, ...args: string[]) => execFileSync("redis-cli", ["-p", String(port), ...args], { encoding: "utf8" }).trim();
  const ports = redisCluster().urls.map((u) => Number(new URL(u).port));
  const primaries = ports.filter((p) => cli(p, "role").startsWith("master"));
  expect(primaries).toHaveLength(3);
  for (const p of primaries) expect(Number(cli(p, "dbsize")), `keys on the primary on ${p}`).toBeGreaterThan(0);
});

test("cached pages show a new listing at once and drop it when sold, with replicas 10 s behind", async () => {
  const product = await freshProduct(10_000);
  const seller = await ApiClient.signUp(BASE);
  const buyer = await ApiClient.signUp(BASE, { points: 50_000 });

  await page(`/products/${product.id}`);
  expect((await page(`/products/${product.id}`)).cache).toBe("HIT"); // the page cache works on the cluster

  await setReplicaDelay("replica1", 10);
  await setReplicaDelay("replica2", 10);
  const created = await seller.post<{ id: number }>("/api/listings", { productId: product.id, price: 9_000, code: newCode(), expiresAt: kstDate(365) });
  expect(created.status, created.text).toBe(201);
  const id = created.body.id;
  expect(listed((await page(`/products/${product.id}`)).html, id)).toBe(true);
  const again = await page(`/products/${product.id}`);
  expect(again.cache).toBe("HIT");
  expect(listed(again.html, id)).toBe(true);

  const bought = await buyer.post<{ id: number }>("/api/orders", { listingId: id, expectedPrice: 9_000 });
  expect(bought.status, bought.text).toBe(201);
  expect(listed((await page(`/products/${product.id}`)).html, id)).toBe(false);
  // The buyer's own orders show it at once (read-your-writes marks live on the cluster too).
  const orders = await buyer.get<{ items: { id: number }[] }>("/api/me/orders");
  expect(orders.status, orders.text).toBe(200);
  expect(orders.body.items.map((o) => o.id)).toContain(bought.body.id);
});

test("a shard that loses its data drops the rendered pages whose versions it held, and only those", async () => {
  const ports = redisCluster().urls.map((u) => Number(new URL(u).port));
  const a = await freshProduct(10_000);
  const shard = await primaryOf(`pv:/products/${a.id}`, ports[0]);
  let b: { id: number } | undefined;
  for (let i = 0; i < 20 && !b; i++) {
    const p = await freshProduct(10_000);
    if ((await primaryOf(`pv:/products/${p.id}`, ports[0])) !== shard) b = p;
  }
  expect(b).toBeDefined();
  for (const id of [a.id, b!.id]) {
    await page(`/products/${id}`);
    expect((await page(`/products/${id}`)).cache).toBe("HIT");
  }
  // The versions (and their slot's epoch) are gone with the shard's data: a change they recorded could be
  // among what was lost, so the page is rendered again rather than trusted.
  await askNode(shard, "FLUSHALL");
  expect((await page(`/products/${a.id}`)).cache).not.toBe("HIT");
  expect((await page(`/products/${a.id}`)).cache).toBe("HIT");
  // The other shard kept its epoch: that page is still served as rendered.
  expect((await page(`/products/${b!.id}`)).cache).toBe("HIT");
});

test("rate limits hold on the cluster: past the per-address sign-in window, that address is refused with 429", async () => {
  const { requests } = await rateLimit("RATE_LIMIT_SIGN_IN", "120/60");
  const address = newAddress();
  const statuses: number[] = [];
  for (let i = 0; i <= requests; i += 20) {
    const batch = await Promise.all(Array.from({ length: 20 }, (_, j) => new ApiClient(BASE, address).signIn(`nobody-${i + j}-${Date.now()}@example.test`, "wrong-password-1234")));
    statuses.push(...batch.map((r) => r.status));
  }
  // The sliding window's two keys share the address's hash tag, so its script runs on one shard.
  expect(statuses.filter((s) => s !== 429).length).toBeLessThanOrEqual(requests + 1);
  expect(statuses).toContain(429);
  expect((await new ApiClient(BASE, address).signIn("nobody@example.test", "wrong-password-1234")).status).toBe(429);
  // Counted by the cluster itself: a script refused there (CROSSSLOT) would have opened the breaker and left
  // the counting to this process's fallback window.
  const health = await (await fetch(`${BASE}/api/health`, { headers: { Authorization: `Bearer ${process.env.OPS_TOKEN}` } })).json();
  expect(health.cache.breaker).toMatchObject({ timesOpened: 0, lastError: null });
});
