import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { expect, test } from "@playwright/test";
import fc from "fast-check";
import { opsQuery } from "../../tests/support/stack";
import { ApiClient, newAddress } from "../support/api-client";
import { rawRequest } from "../support/raw-http";
import { base, newUser } from "./helpers";

// Random and adversarial requests (fast-check) to every API route and every server action of the build:
// odd bodies, content types, headers, query strings and ids, anonymous and signed in. Whatever arrives, the
// answer is never a 5xx, and a request that was refused wrote nothing (a checksum of every table the
// requests could touch is the same before and after it).
// The routes are found in the file tree (app/api/**/route.ts and the methods each exports) and the actions
// in the build's server-reference manifest, so what others add later is fuzzed too.
// Size: FUZZ_RUNS (npm test: a small run; `npm run fuzz`: a large one).

const RUNS = Number(process.env.FUZZ_RUNS ?? 120);
const SEED = process.env.FUZZ_SEED ? Number(process.env.FUZZ_SEED) : undefined;
const DIST = process.env.NEXT_DIST_DIR ?? ".next-test";
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

type Route = { file: string; segments: string[]; methods: string[] };

function apiRoutes(dir = "app/api"): Route[] {
  const out: Route[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out.push(...apiRoutes(p));
    else if (name === "route.ts") {
      const src = readFileSync(p, "utf8");
      const methods = METHODS.filter((m) => new RegExp(`export\\s+(const|async function|function)\\s+${m}\\b`).test(src));
      const segments = relative("app", dir).split("/").filter((s) => !/^\(.*\)$/.test(s));
      out.push({ file: p, segments, methods });
    }
  }
  return out;
}

type Action = { id: string; name: string; page: string };

function serverActions(): Action[] {
  const manifest = JSON.parse(readFileSync(`${DIST}/server/server-reference-manifest.json`, "utf8")) as {
    node: Record<string, { exportedName: string; workers: Record<string, unknown> }>;
  };
  return Object.entries(manifest.node).map(([id, v]) => {
    const worker = Object.keys(v.workers)[0]; // e.g. "app/(market)/products/[id]/page"
    const page = `/${worker.replace(/^app\//, "").replace(/\/?page$/, "").split("/").filter((s) => !/^\(.*\)$/.test(s)).map((s) => (/^\[.*\]$/.test(s) ? "1" : s)).join("/")}`;
    return { id, name: v.exportedName, page };
  });
}

// ---- what the requests are made of ----------------------------------------------------------------------
const FIELD_NAMES = ["productId", "listingId", "bidId", "orderId", "couponId", "price", "maxPrice", "expectedPrice", "code", "expiresAt", "deadline", "image", "amount", "card", "bankName", "accountNumber", "email", "password", "passwordConfirm", "nickname", "reason", "callbackUrl", "liked", "idem", "note", "outcome", "name", "nameEn", "brandId", "faceValue", "emoji", "active", "kind", "value", "minPrice", "validUntil", "slug", "category", "color", "userId", "status", "csrfToken"];
const nasty = fc.constantFrom(
  "",
  " ",
  "0",
  "-1",
  "1e400",
  "0x12",
  "99999999999999999999",
  "NaN",
  "null",
  "true",
  "[]",
  "{}",
  "%00",
  "\u0000",
  "\u3164",
  "관리자",
  "'; DROP TABLE users; --",
  "<script>alert(1)</script>",
  "../../etc/passwd",
  "//evil.example",
  "/\t/evil.example",
  "+050000-01-01T00:00:00Z",
  "9999-12-31",
  "2026-02-30",
  "4242424242424242",
  "data:image/png;base64,AAAA",
  "𝕒𝕕𝕞𝕚𝕟",
  "a".repeat(300),
);
const scalar = fc.oneof(nasty, fc.string({ maxLength: 20 }), fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.bigInt().map((b) => b.toString()));
const value = fc.oneof({ depthSize: "small" }, scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(fc.string({ maxLength: 5 }), scalar, { maxKeys: 3 }));
const fields = fc.dictionary(fc.oneof(fc.constantFrom(...FIELD_NAMES), fc.string({ maxLength: 8 })), value, { maxKeys: 6 });
const idSegment = fc.oneof(fc.constantFrom("1", "2", "18", "346", "347"), fc.integer({ min: 1, max: 2_000 }).map(String), nasty, fc.string({ maxLength: 6 }));
const contentType = fc.constantFrom(
  "application/json",
  "application/json; charset=utf-8",
  "text/plain;charset=UTF-8",
  "application/x-www-form-urlencoded",
  "multipart/form-data; boundary=fuzzfuzz",
  "multipart/form-data",
  "application/xml",
  "text/plain; x=application/json",
  "",
);
const body = fc.oneof(
  fields.map((f) => JSON.stringify(f)),
  fc.json({ maxDepth: 2 }),
  fc.string({ maxLength: 60 }),
  fields.map((f) => new URLSearchParams(Object.entries(f).map(([k, v]) => [k, typeof v === "string" ? v : JSON.stringify(v)])).toString()),
  fc.constantFrom("", "{", '{"a":', "[", "\u0000\u0001", '{"__proto__":{"admin":true}}', '{"constructor":{"prototype":{"x":1}}}', "--fuzzfuzz\r\nContent-Disposition: form-data; name=\"x\"\r\n\r\n1\r\n--fuzzfuzz--\r\n"),
);
const header = fc.oneof(
  fc.record({ "Idempotency-Key": fc.oneof(fc.string({ maxLength: 120 }).filter((s) => /^[\x20-\x7e]*$/.test(s)), fc.constantFrom("valid-key-12345", "x", "a".repeat(101))) }),
  fc.record({ Origin: fc.constantFrom("x", "null", "https://evil.example", "http://[::1", "") }),
  fc.record({ "Sec-Fetch-Site": fc.constantFrom("cross-site", "same-site", "same-origin", "none", "garbage") }),
  fc.record({ "X-Forwarded-For": fc.constantFrom("garbage", "1.2.3.4, ::1", "", "999.999.999.999") }),
  fc.record({ Authorization: fc.constantFrom("Bearer x", "Basic Zm9vOmJhcg==", "Bearer " + "y".repeat(600)) }),
  fc.record({ Accept: fc.constantFrom("text/html", "*/*", "application/json", "text/x-component") }),
  fc.record({ "X-Forwarded-Host": fc.constantFrom("evil.example", "", "a,b") }),
  fc.record({ RSC: fc.constant("1") }),
  fc.record({ "Next-Router-State-Tree": fc.constantFrom("%5B%5D", "garbage", "[") }),
);
const headers = fc.array(header, { maxLength: 3 }).map((hs) => Object.assign({}, ...hs) as Record<string, string>);
const query = fc.dictionary(fc.oneof(fc.constantFrom("q", "cursor", "limit", "productId", "sellerId", "sort", "category", "brand", "callbackUrl", "new"), fc.string({ maxLength: 5 })), fc.oneof(nasty, fc.string({ maxLength: 12 })), { maxKeys: 3 });

// ---- nothing written --------------------------------------------------------------------------------------
let tables: string[] = [];
async function checksum(): Promise<string> {
  const rows = await opsQuery<{ Table: string; Checksum: number | null }>("primary", `CHECKSUM TABLE ${tables.map((t) => `gifticon.\`${t}\``).join(", ")}`);
  return rows.map((r) => `${r.Table}=${r.Checksum}`).join(" ");
}

function describeDiff(a: string, b: string) {
  const before = new Map(a.split(" ").map((p) => p.split("=") as [string, string]));
  return b.split(" ").filter((p) => before.get(p.split("=")[0]) !== p.split("=")[1]).map((p) => p.split("=")[0]).join(", ");
}

test.describe.configure({ mode: "serial" });
test.setTimeout(Math.max(180_000, RUNS * 3_000));

test.beforeAll(async () => {
  // Every table but those that background jobs write on their own (heartbeats; the outbox, whose rows are
  // deleted in batches after each command; notifications, which the sweeper adds for expiring vouchers), the
  // migration log, and the record of a declined card charge (a 400 payment_declined keeps its failed payment
  // and the test-mode provider's record by design: the attempt happened, nothing was credited).
  const rows = await opsQuery<{ TABLE_NAME: string }>("primary", "SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = 'gifticon'");
  const kept = new Set(["heartbeats", "outbox", "notifications", "payments", "test_provider_charges"]);
  tables = rows.map((r) => r.TABLE_NAME).filter((t) => !kept.has(t) && !t.startsWith("__drizzle"));
  expect(tables).toContain("users");
});

test("every API route: no 5xx, and a refused request writes nothing", async () => {
  const routes = apiRoutes();
  expect(routes.length).toBeGreaterThan(20);
  const user = await newUser(50_000);
  const anon = new ApiClient(base());
  const seen = new Map<string, Set<number>>();
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...routes),
      fc.constantFrom(...METHODS),
      fc.boolean(),
      idSegment,
      query,
      headers,
      contentType,
      body,
      async (route, anyMethod, signedIn, id, q, hs, type, payload) => {
        const method = route.methods.includes(anyMethod) ? anyMethod : route.methods[0] ?? anyMethod;
        const path = `/${route.segments.map((s) => (s.startsWith("[...") ? `${id}/${encodeURIComponent(String(q.q ?? "x"))}` : s.startsWith("[") ? encodeURIComponent(id) : s)).join("/")}`;
        const search = new URLSearchParams(q).toString();
        const client = signedIn ? user : anon;
        const before = await checksum();
        const hasBody = method !== "GET" && method !== "DELETE";
        const r = await client.request(method, `${path}${search ? `?${search}` : ""}`, {
          raw: hasBody ? payload : undefined,
          headers: { "X-Forwarded-For": newAddress(), ...(type && hasBody ? { "Content-Type": type } : {}), ...hs },
        });
        const key = `${method} ${route.segments.join("/")}`;
        if (!seen.has(key)) seen.set(key, new Set());
        seen.get(key)!.add(r.status);
        expect(r.status, `${method} ${path}?${search} ${JSON.stringify(hs)} ${type} ${payload.slice(0, 200)} → ${r.text.slice(0, 300)}`).toBeLessThan(500);
        if (r.status >= 400) {
          const after = await checksum();
          expect(after, `${method} ${path} (${r.status}) wrote to ${describeDiff(before, after)}`).toBe(before);
          // The app's error shape (Auth.js's own routes answer in Auth.js's words).
          if ((r.headers.get("content-type") ?? "").includes("json") && route.segments[1] !== "auth") expect(r.body?.error?.code, r.text).toBeTruthy();
        }
      },
    ),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
  test.info().annotations.push({ type: "fuzzed", description: [...seen].map(([k, v]) => `${k}: ${[...v].join(",")}`).join(" | ") });
});

test("every server action: no 5xx, and a refused call writes nothing", async () => {
  const actions = serverActions();
  expect(actions.length).toBeGreaterThan(15);
  const user = await newUser(50_000);
  const prevState = fc.oneof(fc.constant({ ok: false }), value, fc.constant("$undefined"));
  const formBody = fc.tuple(prevState, fields).map(([prev, f]) => {
    const form = new FormData();
    for (const [k, v] of Object.entries(f)) form.append(`1_${k}`, typeof v === "string" ? v : JSON.stringify(v));
    form.append("0", JSON.stringify([prev, "$K1"]));
    return form;
  });
  await fc.assert(
    fc.asyncProperty(
      fc.constantFrom(...actions),
      fc.boolean(),
      fc.oneof(formBody, body),
      headers,
      contentType,
      async (action, signedIn, payload, hs, type) => {
        let data: Buffer;
        let ctype: string;
        if (payload instanceof FormData) {
          const encoded = new Response(payload);
          data = Buffer.from(await encoded.arrayBuffer());
          ctype = encoded.headers.get("content-type")!;
        } else {
          data = Buffer.from(payload);
          ctype = type || "text/plain;charset=UTF-8";
        }
        const before = await checksum();
        const r = await rawRequest(`${base()}${action.page}`, {
          method: "POST",
          body: data,
          headers: {
            "Next-Action": action.id,
            "Content-Type": ctype,
            "Content-Length": String(data.length),
            Accept: "text/x-component",
            "X-Forwarded-For": newAddress(),
            ...(signedIn ? { Cookie: user.cookieHeader() } : {}),
            ...hs,
          },
        });
        const what = `${action.name} at ${action.page} ${JSON.stringify(hs)} ${ctype} ${data.toString("utf8").slice(0, 200)} → ${r.status} ${r.text.slice(0, 300)}`;
        expect(r.status, what).toBeLessThan(500);
        // Refused: an error status, or the form's state says so ({"ok":false}); a success redirects or says ok.
        const refused = r.status >= 400 || /"ok":false/.test(r.text);
        if (refused) {
          const after = await checksum();
          expect(after, `${what}: wrote to ${describeDiff(before, after)}`).toBe(before);
        }
      },
    ),
    { numRuns: RUNS, seed: SEED, endOnFailure: true },
  );
});
