import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { ApiClient, type ApiResponse } from "../support/api-client";
import { healReplication, pauseReplication } from "../../tests/support/stack";
import { freshProduct, kstDate, newCode } from "./helpers";
import { SERVE_ARGS } from "../../scripts/serve-command";

// Issue 12, many instances: two app instances (server.ts on the same build, as `APP_INSTANCES=2 npm start`
// runs them) behind Debian's HAProxy with the configuration scripts/lb.sh writes. Requests are spread over
// both; a user's write on one is read at once on the other, and a new listing is on both instances' cached
// pages at once (replicas paused, so neither could come from replication); an instance killed mid-load
// costs no read and no write (HAProxy retries reads and keyed writes on the other), and one stopped with
// SIGTERM leaves the pool without failing a single request, keyed or not.

const OFFSET = Number(process.env.GX_PORT_OFFSET ?? 0);
const LB_PORT = 3110 + OFFSET;
const PORTS = [3111 + OFFSET, 3112 + OFFSET];
const LB = `http://127.0.0.1:${LB_PORT}`;
const DRAIN_GRACE_MS = 1_500;

test.describe.configure({ mode: "serial" });

const instances = new Map<number, ChildProcess>();
let haproxy: ChildProcess | undefined;

async function waitFor(url: string, ok: (r: Response) => boolean, timeoutMs = 90_000) {
  const until = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (ok(await fetch(url, { signal: AbortSignal.timeout(2_000) }))) return;
    } catch {
      // not up yet
    }
    if (Date.now() > until) throw new Error(`${url} did not come up in ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 200));
  }
}

async function startInstance(port: number) {
  const child = spawn("node", SERVE_ARGS, {
    env: { ...process.env, PORT: String(port), HOSTNAME: "127.0.0.1", TRUST_PROXY_HEADERS: "1", DRAIN_GRACE_MS: String(DRAIN_GRACE_MS) },
    stdio: ["ignore", "ignore", "inherit"],
  });
  instances.set(port, child);
  await waitFor(`http://127.0.0.1:${port}/api/health/live`, (r) => r.status === 200);
}

/** The names of the instances that answer through HAProxy (X-Served-By), from `n` requests. */
async function servedBy(n: number) {
  const seen = new Set<string>();
  for (let i = 0; i < n; i++) {
    const r = await fetch(`${LB}/api/health/live`).catch(() => undefined); // HAProxy may be starting
    if (r?.status === 200) seen.add(r.headers.get("x-served-by") ?? "?");
  }
  return seen;
}

/** Waits until HAProxy's health checks have (re)admitted every instance. */
async function untilBothServe() {
  const until = Date.now() + 20_000;
  while ((await servedBy(6)).size < 2) {
    if (Date.now() > until) throw new Error("HAProxy did not put both instances in its pool");
    await new Promise((r) => setTimeout(r, 200));
  }
}

test.beforeAll(async () => {
  test.setTimeout(180_000);
  execFileSync("bash", ["scripts/lb.sh", "ensure"], { stdio: "inherit" });
  await Promise.all(PORTS.map(startInstance));
  const cfg = join(tmpdir(), `gx-lb-${randomBytes(4).toString("hex")}.cfg`);
  writeFileSync(cfg, execFileSync("bash", ["scripts/lb.sh", "config", String(LB_PORT), ...PORTS.map(String)], { encoding: "utf8" }));
  haproxy = spawn("haproxy", ["-db", "-f", cfg], { stdio: ["ignore", "ignore", "inherit"] });
  await untilBothServe();
});

test.afterAll(async () => {
  await healReplication();
  haproxy?.kill("SIGKILL");
  for (const child of instances.values()) child.kill("SIGKILL");
});

const productPage = async (port: number, productId: number) => {
  const r = await fetch(`http://127.0.0.1:${port}/products/${productId}`);
  expect(r.status).toBe(200);
  return r.text();
};
const listed = (html: string, id: number) => html.includes(`data-listing-id="${id}"`);
const newListing = (productId: number, price: number) => ({ productId, price, code: newCode(), expiresAt: kstDate(90) });

test("requests are spread over both instances", async () => {
  expect(await servedBy(8)).toEqual(new Set(["app1", "app2"]));
});

test("every public page answers through the load balancer on every instance, browse and search included", async () => {
  // Browse and search are rewritten to an internal route (proxy.ts); with an instance's Next.js told its
  // own hostname (127.0.0.1), the rewrite looked external and answered 404 on every instance.
  for (const path of ["/", "/new", "/about", "/products?sort=price", `/products?q=${encodeURIComponent("커피")}`]) {
    const served = new Set<string>();
    for (let i = 0; i < 4; i++) {
      const r = await fetch(`${LB}${path}`);
      expect(r.status, `${path} via ${r.headers.get("x-served-by")}`).toBe(200);
      served.add(r.headers.get("x-served-by") ?? "?");
    }
    expect(served).toEqual(new Set(["app1", "app2"]));
  }
});

test("a user's write through one instance is read at once through the other, with both replicas paused", async () => {
  const product = await freshProduct(10_000);
  const seller = await ApiClient.signUp(LB);
  await healReplication(); // the account itself is on the replicas; what follows is not
  await pauseReplication("replica1");
  await pauseReplication("replica2");

  const created = await seller.post("/api/listings", newListing(product.id, 9_000));
  expect(created.status, created.text).toBe(201);
  const writer = created.headers.get("x-served-by");
  const readers = new Set<string>();
  for (let i = 0; i < 4; i++) {
    const mine = await seller.get("/api/me/listings");
    expect(mine.status, mine.text).toBe(200);
    expect(JSON.stringify(mine.body)).toContain(`"id":${created.body.id}`);
    readers.add(mine.headers.get("x-served-by") ?? "?");
  }
  expect(readers.size).toBe(2); // so at least one read came from the instance that did not write
  expect([...readers]).toContain(writer === "app1" ? "app2" : "app1");
  await healReplication();
});

test("a new listing is on the cached product page of every instance at once", async () => {
  const product = await freshProduct(10_000);
  const seller = await ApiClient.signUp(LB);
  await healReplication();
  // Each instance renders the page once and then serves it from its own page cache.
  for (const port of PORTS) {
    await productPage(port, product.id);
    const r = await fetch(`http://127.0.0.1:${port}/products/${product.id}`);
    expect(r.headers.get("x-nextjs-cache")).toBe("HIT");
  }
  await pauseReplication("replica1");
  await pauseReplication("replica2");
  const created = await seller.post("/api/listings", newListing(product.id, 8_500));
  expect(created.status, created.text).toBe(201);
  for (const port of PORTS) expect(listed(await productPage(port, product.id), created.body.id), `instance on ${port}`).toBe(true);
  await healReplication();
});

/**
 * Runs `workers` loops of a read and a write through HAProxy until `stop()` resolves; returns every answer.
 * Writes are new listings of `productId` by `sellers` (round robin), with an Idempotency-Key when `keyed`.
 */
async function load(opts: { productId: number; sellers: ApiClient[]; keyed: boolean; during: () => Promise<void> }) {
  const reads: ApiResponse[] = [];
  const writes: { key: string; res: ApiResponse }[] = [];
  let running = true;
  let n = 0;
  let cutOff = 0;
  // A response already under way when its instance dies is cut off mid-body: no proxy can retry that (it has
  // forwarded part of the answer). A client then does what browsers and API clients do — tries once more: a
  // GET as is, a write only with its Idempotency-Key (the same key: the first result if it had committed).
  const read = () =>
    fetch(`${LB}/products/${opts.productId}`).then(async (r) => ({ status: r.status, ok: r.ok, headers: r.headers, body: null, text: await r.text() }));
  const worker = async () => {
    while (running) {
      const page = await read()
        .catch(() => (cutOff++, read()))
        .catch((e: unknown) => ({ status: 0, ok: false, headers: new Headers(), body: null, text: String(e) }));
      reads.push(page);
      if (n >= 90) continue; // within the sellers' trade limits
      const seller = opts.sellers[n++ % opts.sellers.length];
      const key = `lb-${randomBytes(8).toString("hex")}`;
      const body = newListing(opts.productId, 5_000 + (n % 50) * 10);
      const send = () => seller.post("/api/listings", body, opts.keyed ? { "Idempotency-Key": key } : {});
      const res = await send().catch((e: unknown) => {
        if (!opts.keyed) throw e;
        cutOff++;
        return send();
      });
      writes.push({ key, res });
    }
  };
  const workers = Array.from({ length: 3 }, worker);
  await opts.during();
  running = false;
  await Promise.all(workers);
  return { reads, writes, cutOff };
}

/** Every write that answered 201 made exactly one listing, and nothing else was made. */
async function expectNoLostOrDoubledWrites(productId: number, writes: { res: ApiResponse }[]) {
  const ids = writes.filter((w) => w.res.status === 201).map((w) => w.res.body.id as number);
  expect(new Set(ids).size).toBe(ids.length);
  const book = await fetch(`${LB}/api/products/${productId}`).then((r) => r.json());
  const onBook = new Set<number>((book.asks as { id: number }[]).map((a) => a.id));
  for (const id of ids) expect(onBook.has(id), `listing ${id}`).toBe(true);
  expect(onBook.size).toBe(ids.length);
}

test("an instance killed under load costs no read and no keyed write (a response it was sending is tried once more)", async () => {
  test.setTimeout(120_000);
  const product = await freshProduct(10_000);
  const sellers = await Promise.all(Array.from({ length: 4 }, () => ApiClient.signUp(LB)));
  const victim = instances.get(PORTS[1])!;
  const { reads, writes } = await load({
    productId: product.id,
    sellers,
    keyed: true,
    during: async () => {
      await new Promise((r) => setTimeout(r, 1_500)); // load on both instances first
      victim.kill("SIGKILL");
      await new Promise((r) => setTimeout(r, 2_500)); // and on the survivor alone
    },
  });
  expect(reads.length).toBeGreaterThan(5);
  expect(reads.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.text.slice(0, 80)}`)).toEqual([]);
  expect(writes.filter((w) => w.res.status !== 201).map((w) => `${w.res.status} ${w.res.text.slice(0, 120)}`)).toEqual([]);
  await expectNoLostOrDoubledWrites(product.id, writes);
  // Bring it back: HAProxy puts it into the pool again by itself.
  await startInstance(PORTS[1]);
  await untilBothServe();
});

test("an instance stopped with SIGTERM leaves the pool without failing a request, even unkeyed writes", async () => {
  test.setTimeout(120_000);
  const product = await freshProduct(10_000);
  const sellers = await Promise.all(Array.from({ length: 4 }, () => ApiClient.signUp(LB)));
  const leaving = instances.get(PORTS[0])!;
  const exited = new Promise<number | null>((r) => leaving.once("exit", (code) => r(code)));
  const { reads, writes, cutOff } = await load({
    productId: product.id,
    sellers,
    keyed: false,
    during: async () => {
      await new Promise((r) => setTimeout(r, 1_500));
      leaving.kill("SIGTERM");
      expect(await exited).toBe(143); // drained and closed by itself
      await new Promise((r) => setTimeout(r, 500));
    },
  });
  expect(reads.filter((r) => r.status !== 200).map((r) => `${r.status} ${r.text.slice(0, 80)}`)).toEqual([]);
  expect(writes.filter((w) => w.res.status !== 201).map((w) => `${w.res.status} ${w.res.text.slice(0, 120)}`)).toEqual([]);
  await expectNoLostOrDoubledWrites(product.id, writes);
  expect(cutOff).toBe(0); // a drained instance cuts nothing off: nobody needed to try again
  expect(await servedBy(6)).toEqual(new Set(["app2"]));
});
