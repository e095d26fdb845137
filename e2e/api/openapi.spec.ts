import { expect, test } from "@playwright/test";
import { ApiClient } from "../support/api-client";
import { base } from "./helpers";

// The contract is served by the app: the document, and its reference page from the installed
// swagger-ui-dist (no CDN: every script and style is on this origin).

test("GET /api/openapi.json and /api/docs with its assets", async () => {
  const c = new ApiClient(base());
  const doc = await c.get("/api/openapi.json");
  expect(doc.status).toBe(200);
  expect(doc.body.openapi).toBe("3.1.0");
  expect(Object.keys(doc.body.paths)).toEqual(expect.arrayContaining(["/api/listings", "/api/metrics", "/api/auth/callback/{provider}"]));
  const page = await c.get("/api/docs");
  expect(page.headers.get("content-type")).toContain("text/html");
  const srcs = [...page.text.matchAll(/(?:src|href)="([^"]+)"/g)].map((m) => m[1]);
  expect(srcs.length).toBeGreaterThanOrEqual(3);
  for (const src of srcs) {
    expect(src, "same origin").toMatch(/^\/api\/docs\//);
    const r = await c.get(src);
    expect(r.status, src).toBe(200);
    expect(r.text.length, src).toBeGreaterThan(10);
  }
  expect((await c.get("/api/docs/package.json")).status).toBe(404);
  expect((await c.get("/api/docs/..%2F..%2Fpackage.json")).status).toBe(404);
});
