import { readFileSync } from "node:fs";
import { expect, test } from "@playwright/test";
import { ApiClient, uniq } from "../support/api-client";
import { rawRequest } from "../support/raw-http";
import { base, expectError, freshProduct, kstDate, listing, newCode, newUser } from "./helpers";

// Input a client can send that once made the server answer 500: each is now a clean 4xx, and nothing is
// written. (Each case was first reproduced against the unfixed server.)

/** The id of a server action of the current build, by its exported name (server-reference manifest). */
export function actionId(name: string): string {
  const dist = process.env.NEXT_DIST_DIR ?? ".next-test";
  const manifest = JSON.parse(readFileSync(`${dist}/server/server-reference-manifest.json`, "utf8")) as { node: Record<string, { exportedName: string }> };
  const found = Object.entries(manifest.node).find(([, v]) => v.exportedName === name);
  if (!found) throw new Error(`no server action ${name} in ${dist}`);
  return found[0];
}

const OPS = { Authorization: `Bearer ${process.env.OPS_TOKEN}` };

test("an expiry in year 50000 (or 9999) is a 400 on expiresAt, for listings and fills", async () => {
  const seller = await newUser();
  const buyer = await newUser(10_000);
  const p = await freshProduct(10_000);
  for (const expiresAt of ["+050000-01-01T00:00:00Z", "50000-01-01", "9999-12-31", "+275760-09-13T00:00:00Z", kstDate(6 * 366)]) {
    expectError(await seller.post("/api/listings", listing(p.id, 5_000, { expiresAt })), 400, undefined, "expiresAt");
  }
  const bid = await buyer.post("/api/bids", { productId: p.id, price: 5_000 });
  expectError(await seller.post(`/api/bids/${bid.body.id}/fill`, { code: newCode(), expiresAt: "9999-12-31" }), 400, undefined, "expiresAt");
  expect((await seller.get("/api/me/listings")).body.items).toEqual([]);
  // Within five years is fine.
  expect((await seller.post("/api/listings", listing(p.id, 5_000, { expiresAt: kstDate(4 * 365) }))).status).toBe(201);
});

test("a 20-digit cursor is a 400 on cursor (API) and the browse page still answers", async () => {
  const anon = new ApiClient(base());
  expectError(await anon.get("/api/products?cursor=100001"), 400, "invalid_input", "cursor");
  for (const cursor of ["99999999999999999999", "18446744073709551616", "12345678901234567890", "1e400"]) {
    expectError(await anon.get(`/api/products?cursor=${cursor}`), 400, "invalid_input", "cursor");
    expectError(await anon.get(`/api/listings?cursor=${cursor}`), 400, "invalid_input", "cursor");
    expect((await anon.get(`/products?cursor=${cursor}`)).status).toBe(200);
  }
  expect((await anon.get("/api/products?cursor=24")).status).toBe(200);
});

test("an Origin that is not an origin ('x', 'null', 'https://') is a 403 on every write, and nothing is written", async () => {
  const u = await newUser(10_000);
  const p = await freshProduct();
  for (const origin of ["x", "null", "https://", "http://[::1", " "]) {
    for (const [method, path, json] of [
      ["POST", "/api/bids", { productId: p.id, price: 5_000 }],
      ["PUT", `/api/likes/${p.id}`, undefined],
      ["POST", "/api/users", { email: `o-${uniq()}@example.test`, password: "origin-pass-123", nickname: `o${uniq()}`, agreeTerms: true }],
    ] as const) {
      const r = await u.request(method, path, { json, headers: { Origin: origin } });
      expectError(r, 403, "cross_site_request");
    }
  }
  const me = await u.get("/api/me");
  expect(me.body).toMatchObject({ points: 10_000, heldPoints: 0 });
});

test("a newline (or tab, backslash) in callbackUrl is no 500 and no redirect off-site, signed in or not", async () => {
  const u = await newUser();
  const anon = new ApiClient(base());
  for (const v of ["%2F%0A%2Fevil.example", "%2F%0D%0ASet-Cookie:x=1", "%2F%09%2Fevil.example", "%2F%5Cevil.example", "%0A"]) {
    const a = await anon.get(`/login?callbackUrl=${v}`);
    expect(a.status, v).toBe(200);
    const s = await u.get(`/login?callbackUrl=${v}`);
    expect([303, 307, 308], `${v}: ${s.status}`).toContain(s.status);
    const to = new URL(s.headers.get("location")!, base());
    expect(to.origin, v).toBe(new URL(base()).origin);
    expect(s.headers.get("set-cookie") ?? "").not.toMatch(/x=1/);
  }
});

test.describe("server actions", () => {
  const post = (headers: Record<string, string>, body: string | Buffer) =>
    rawRequest(`${base()}/login`, { method: "POST", body, headers: { "Content-Length": String(Buffer.byteLength(body)), ...headers } });

  test("a body over 3 MB is a 413 before it is read; one of unknown length a 411", async () => {
    const id = actionId("signInAction");
    const big = Buffer.alloc(3 * 1024 * 1024 + 10, "a");
    const r = await post({ "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8" }, big);
    expect(r.status).toBe(413);
    expect(r.text).toContain("너무 큽니다");
    const chunked = await rawRequest(`${base()}/login`, {
      method: "POST",
      body: "[]",
      headers: { "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8", "Transfer-Encoding": "chunked" },
    });
    expect(chunked.status).toBe(411);
  });

  test("a foreign or unreadable Origin is a 403 page, and the action does not run", async () => {
    const id = actionId("signUpAction");
    const email = `csrf-${uniq()}@example.test`;
    const form = new FormData();
    for (const [k, v] of Object.entries({ "1_email": email, "1_password": "csrf-pass-1234", "1_passwordConfirm": "csrf-pass-1234", "1_nickname": `c${uniq()}` })) form.append(k, v);
    form.append("0", JSON.stringify(["$K1"]));
    const encoded = new Response(form);
    const body = Buffer.from(await encoded.arrayBuffer());
    const type = encoded.headers.get("content-type")!;
    for (const headers of [{ Origin: "https://evil.example" }, { Origin: "x" }, { Origin: "null" }, { "Sec-Fetch-Site": "cross-site" }] as Record<string, string>[]) {
      const r = await post({ "Next-Action": id, "Content-Type": type, ...headers }, body);
      expect(r.status, JSON.stringify(headers)).toBe(403);
      expect(r.headers["content-type"]).toMatch(/text\/html/);
    }
    const anon = new ApiClient(base());
    expect((await anon.signIn(email, "csrf-pass-1234")).ok).toBe(false);
  });

  test("malformed action bodies and unknown actions are no 500 (4xx, or the form's own error state)", async () => {
    const id = actionId("signInAction");
    const cases: [Record<string, string>, string][] = [
      [{ "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8" }, "garbage{"],
      [{ "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8" }, '["$@1"]'],
      [{ "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8" }, '"$K1"'],
      [{ "Next-Action": id, "Content-Type": "text/plain;charset=UTF-8" }, "[1,2,3]"],
      [{ "Next-Action": id, "Content-Type": "multipart/form-data; boundary=zzz" }, "--zzz\r\nbroken"],
      [{ "Next-Action": id, "Content-Type": "application/json" }, "{}"],
      [{ "Next-Action": "7f00", "Content-Type": "text/plain" }, "[]"],
      [{ "Next-Action": "x".repeat(42), "Content-Type": "text/plain" }, "[]"],
    ];
    for (const [headers, body] of cases) {
      const r = await post(headers, body);
      expect(r.status, `${JSON.stringify(headers)} ${body}: ${r.text.slice(0, 200)}`).toBeLessThan(500);
      if (r.status < 400) expect(r.text).toMatch(/"ok":false/);
    }
  });
});

test.describe("canonical ids", () => {
  test("aliases of an id are 404 on every dynamic route, pages and API alike", async () => {
    const p = await freshProduct();
    const seller = await newUser();
    const alias = (id: number) => [`0${id}`, `0x${id.toString(16)}`, `${id}e0`, `${id}.0`, `+${id}`, ` ${id}`, `${id} `, `%3${String(id)[0]}${String(id).slice(1)}`, `${id}%00`];
    const anon = new ApiClient(base());
    expect((await anon.get(`/products/${p.id}`)).status).toBe(200);
    for (const a of alias(p.id).map((v) => v.replace(/ /g, "%20"))) {
      const requests: [string, string][] = [
        ["GET", `/products/${a}`],
        ["GET", `/sellers/${a}`],
        ["GET", `/orders/${a}`],
        ["GET", `/api/products/${a}`],
        ["GET", `/api/products/${a}/viewer`],
        ["GET", `/api/orders/${a}`],
        ["GET", `/api/orders/${a}/image`],
        ["POST", `/api/orders/${a}/confirm`],
        ["PUT", `/api/likes/${a}`],
        ["DELETE", `/api/listings/${a}`],
        ["DELETE", `/api/bids/${a}`],
        ["POST", `/api/bids/${a}/fill`],
      ];
      for (const [method, path] of requests) {
        const r = await seller.request(method, path, { json: method === "GET" || method === "DELETE" ? undefined : {} });
        expect(r.status, `${method} ${path}`).toBe(404);
      }
    }
    expect((await anon.get(`/api/products/${p.id}`)).body.likeCount).toBe(0);
  });

  test("an alias creates no page-cache entry (and a real page does)", async () => {
    const p = await freshProduct();
    const entries = async () => {
      const r = await fetch(new URL("/api/health", base()), { headers: OPS });
      return ((await r.json()) as { cache: { pages: { entries: number } | null } }).cache.pages?.entries ?? 0;
    };
    await fetch(new URL("/products/1", base()));
    const before = await entries();
    for (const a of [`0${p.id}`, `00${p.id}`, `0x${p.id.toString(16)}`, `${p.id}e0`, `${p.id}.00`, `${p.id}%2E0`]) {
      expect((await fetch(new URL(`/products/${a}`, base()))).status).toBe(404);
    }
    // Nor does a canonical id that names no product (its 404 is not kept).
    for (const missing of [999_999_001, 999_999_002]) expect((await fetch(new URL(`/products/${missing}`, base()))).status).toBe(404);
    expect(await entries()).toBe(before);
    expect((await fetch(new URL(`/products/${p.id}`, base()))).status).toBe(200);
    expect(await entries()).toBe(before + 1);
  });
});
