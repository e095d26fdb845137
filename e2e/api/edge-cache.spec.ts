import { spawn, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { chmodSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { base, freshProduct, kstDate, newCode, newUser } from "./helpers";

// Issue 12, a shared edge that is never stale: Debian's Varnish with the repo's VCL (ops/varnish) in front
// of the test server, which purges it (EDGE_PURGE_URLS, lib/edge/purge.ts) whenever a page's version
// changes. A new listing and a sale are on the page served by Varnish within 1 s, other pages stay cached,
// and what Varnish may keep is bounded (s-maxage + a short stale-while-revalidate, not Next's year).

test.describe.configure({ mode: "serial" });

const PORT = 3120 + Number(process.env.GX_PORT_OFFSET ?? 0);
const EDGE = `http://127.0.0.1:${PORT}`;
let varnish: ChildProcess | undefined;

test.beforeAll(async () => {
  // The test stack always points the server's purges here (scripts/test-stack.sh): a run without it is
  // misconfigured, and says so instead of passing without checking anything.
  expect(process.env.EDGE_PURGE_URLS ?? "", "the test server must purge this Varnish (EDGE_PURGE_URLS, scripts/test-stack.sh)").toContain(`:${PORT}`);
  const app = new URL(base());
  const dir = mkdtempSync(join(tmpdir(), "gx-varnish-"));
  chmodSync(dir, 0o755); // varnishd reads the VCL as its own unprivileged user
  const vcl = readFileSync("ops/varnish/gifticon.vcl", "utf8").replace(
    /^vcl 4\.1;\n/,
    `vcl 4.1;\nbackend default { .host = "127.0.0.1"; .port = "${app.port}"; }\n`,
  );
  writeFileSync(join(dir, "gifticon.vcl"), vcl, { mode: 0o644 });
  varnish = spawn("varnishd", ["-F", "-n", join(dir, "work"), "-a", `127.0.0.1:${PORT}`, "-f", join(dir, "gifticon.vcl"), "-s", "malloc,64m"], {
    stdio: ["ignore", "ignore", "inherit"],
  });
  const until = Date.now() + 30_000;
  for (;;) {
    if (await fetch(`${EDGE}/api/health/live`).then((r) => r.ok, () => false)) break;
    if (Date.now() > until) throw new Error("varnishd did not start");
    await new Promise((r) => setTimeout(r, 200));
  }
});

test.afterAll(() => {
  varnish?.kill("SIGKILL");
});

const viaEdge = async (path: string) => {
  const r = await fetch(`${EDGE}${path}`);
  expect(r.status).toBe(200);
  return { html: await r.text(), cache: r.headers.get("x-cache"), cacheControl: r.headers.get("cache-control") ?? "" };
};
const listed = (html: string, id: number) => html.includes(`data-listing-id="${id}"`);

/** Polls the page through Varnish until `ok`; returns how long that took (fails after 1 s). */
async function within1s(path: string, ok: (html: string) => boolean) {
  const started = Date.now();
  for (;;) {
    if (ok((await viaEdge(path)).html)) return Date.now() - started;
    expect(Date.now() - started, `${path} through Varnish`).toBeLessThan(1_000);
    await new Promise((r) => setTimeout(r, 50));
  }
}

test("public pages are cached by Varnish for a bounded time, never pages for a signed-in visitor", async () => {
  const product = await freshProduct(10_000);
  const first = await viaEdge(`/products/${product.id}`);
  const second = await viaEdge(`/products/${product.id}`);
  expect(second.cache).toBe("HIT");
  // s-maxage is the page's revalidate; what may be served stale after it is minutes, not Next's year.
  const m = /s-maxage=(\d+)(?:, stale-while-revalidate=(\d+))?/.exec(first.cacheControl);
  expect(m, first.cacheControl).not.toBeNull();
  expect(Number(m![1]) + Number(m![2] ?? 0)).toBeLessThanOrEqual(360);

  const member = await newUser();
  const r = await fetch(`${EDGE}/products/${product.id}`, { headers: { Cookie: member.cookieHeader() } });
  expect(r.headers.get("x-cache")).toBe("MISS");
});

test("a new listing and a sale show through Varnish within 1 s, and other pages stay cached", async () => {
  const product = await freshProduct(10_000);
  const other = await freshProduct(10_000);
  const seller = await newUser();
  const buyer = await newUser(30_000);
  for (const p of [product.id, other.id]) {
    await viaEdge(`/products/${p}`);
    expect((await viaEdge(`/products/${p}`)).cache).toBe("HIT");
  }

  const created = await seller.post("/api/listings", { productId: product.id, price: 9_000, code: newCode(), expiresAt: kstDate(90) });
  expect(created.status, created.text).toBe(201);
  const id = created.body.id as number;
  await within1s(`/products/${product.id}`, (html) => listed(html, id));

  const order = await buyer.post("/api/orders", { listingId: id, expectedPrice: 9_000 }, { "Idempotency-Key": `edge-${randomBytes(6).toString("hex")}` });
  expect(order.status, order.text).toBe(201);
  await within1s(`/products/${product.id}`, (html) => !listed(html, id));

  // The rest of the traffic is still Varnish's: the other product's page was not purged.
  expect((await viaEdge(`/products/${other.id}`)).cache).toBe("HIT");
});
