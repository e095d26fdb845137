import { AsyncLocalStorage } from "node:async_hooks";
import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { NextRequest } from "next/server";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalId } from "@/lib/http/canonical-id";
import { config, proxy } from "@/proxy";

// Next.js's own matcher check (as its router applies proxy.ts's config) expects the runtime's AsyncLocalStorage.
(globalThis as Record<string, unknown>).AsyncLocalStorage ??= AsyncLocalStorage;
const { unstable_doesMiddlewareMatch: runsProxy } = await import("next/experimental/testing/server");

// Every page addressed by an id goes through proxy.ts, which answers non-canonical spellings with the 404
// page; a page route added later with an [id] segment fails here until it is in the matcher.

function pageRoutes(dir = "app"): string[] {
  const out: string[] = [];
  for (const name of readdirSync(dir)) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) {
      if (name !== "api") out.push(...pageRoutes(p));
    } else if (name === "page.tsx") out.push(relative("app", dir).split("/").filter((s) => !/^\(.*\)$/.test(s)).join("/"));
  }
  return out;
}

describe("canonical ids", () => {
  it("the canonical spelling only", () => {
    expect(canonicalId("18")).toBe(18);
    for (const v of ["018", "0x12", "18e0", "18.0", "+18", " 18", "18 ", "-18", "0", "", "１８", "9007199254740993", "99999999999999999"]) expect(canonicalId(v), v).toBeNull();
  });

  it("every page route with a dynamic segment is in proxy.ts's matcher", () => {
    const dynamic = pageRoutes().filter((r) => /\[/.test(r));
    expect(dynamic.length).toBeGreaterThanOrEqual(3);
    for (const route of dynamic) {
      const pattern = `/${route.replace(/\[([^\]]+)\]/g, ":$1").replace(/:[^/]+/g, ":id")}`;
      expect(config.matcher.some((m) => m === pattern || m.startsWith(`${pattern}(`)), route).toBe(true);
    }
  });

  it("the proxy runs for every other spelling of an id, and not for an id of up to 15 digits", () => {
    for (const page of ["products", "sellers", "orders"]) {
      for (const id of ["1", "18", "999999999999999"]) expect(runsProxy({ config, url: `/${page}/${id}` }), `/${page}/${id}`).toBe(false);
      for (const id of ["018", "0x12", "18e0", "18.0", "+18", "-18", "0", "%31%38", "1234567890123456", "9007199254740993", "18/extra"])
        expect(runsProxy({ config, url: `/${page}/${id}` }), `/${page}/${id}`).toBe(true);
    }
    expect(runsProxy({ config, url: "/products?q=x" })).toBe(true);
    expect(runsProxy({ config, url: "/browse/all" })).toBe(true);
  });

  // The matcher has to spell its own digit pattern (Next.js reads it from the source, so it cannot import
  // canonicalId): whatever it lets skip the proxy must be a canonical id, for any segment at all.
  it("a segment skips the proxy only if canonicalId accepts it (fast-check)", () => {
    // As a request target carries it: a space arrives as %20 (a raw one is not HTTP).
    const units = fc.constantFrom(..."0123456789012345678900xXeE.+-_a%/", "%20", "%31");
    const segment = fc.oneof(fc.string({ unit: units, minLength: 1, maxLength: 20 }), fc.bigInt({ min: 0n, max: 10n ** 20n }).map(String));
    fc.assert(
      fc.property(fc.constantFrom("products", "sellers", "orders"), segment, (page, seg) => {
        const url = `/${page}/${seg}`;
        if (runsProxy({ config, url })) return;
        // What the router sees: the path with dot segments resolved ("/products/./7" is "/products/7",
        // "/products/../0" is "/0", which is no page of an id at all).
        const path = new URL(url, "http://shop.test").pathname;
        const idPage = path.match(/^\/(?:products|sellers|orders)\/([^/]*)$/);
        if (!idPage) return;
        expect(canonicalId(idPage[1]), url).not.toBeNull();
      }),
      { numRuns: 3000 },
    );
  });

  it("proxy.ts passes canonical ids and rewrites the rest to the 404 page", () => {
    const rewriteOf = (path: string) => proxy(new NextRequest(`http://shop.test${path}`)).headers.get("x-middleware-rewrite");
    expect(rewriteOf("/products/18")).toBeNull();
    for (const path of ["/products/018", "/products/0x12", "/products/18e0", "/sellers/1.0", "/orders/%31"]) expect(rewriteOf(path), path).toMatch(/\/_not-a-page$/);
  });
});
