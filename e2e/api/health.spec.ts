import { expect, test } from "@playwright/test";
import { ApiClient } from "../support/api-client";
import { admin, base, newUser } from "./helpers";

// GET /api/health is public but says only {status}; the topology (nodes, addresses, positions, error texts)
// is for an admin session or the OPS_TOKEN bearer.

const health = (headers: Record<string, string> = {}, c?: ApiClient) => (c ?? new ApiClient(base())).get("/api/health", headers);

test("anyone gets only {status}; a wrong or malformed token changes nothing", async () => {
  const user = await newUser();
  for (const r of [
    await health(),
    await health({}, user),
    await health({ Authorization: "Bearer wrong-token-of-some-length" }),
    await health({ Authorization: `Bearer ${process.env.OPS_TOKEN}x` }),
    await health({ Authorization: `bearer ${process.env.OPS_TOKEN}` }),
    await health({ Authorization: `Basic ${Buffer.from(`ops:${process.env.OPS_TOKEN}`).toString("base64")}` }),
    await health({ Authorization: "Bearer " }),
    await health({ Authorization: `Bearer ${"x".repeat(5000)}` }),
  ]) {
    expect([200, 503]).toContain(r.status);
    expect(Object.keys(r.body)).toEqual(["status"]);
    expect(["ok", "degraded"]).toContain(r.body.status);
    expect(r.text).not.toMatch(/127\.0\.0\.1|mysql|gtid|replica/i);
    expect(r.headers.get("cache-control")).toBe("no-store");
  }
});

test("the ops token and an admin session see the detail", async () => {
  const withToken = await health({ Authorization: `Bearer ${process.env.OPS_TOKEN}` });
  expect(withToken.body.nodes.map((n: { role: string }) => n.role)).toContain("primary");
  expect(withToken.body.cache).toBeTruthy();
  const asAdmin = await health({}, await admin());
  expect(asAdmin.body.nodes.length).toBe(withToken.body.nodes.length);
});
