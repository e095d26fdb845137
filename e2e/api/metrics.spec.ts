import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { ApiClient } from "../support/api-client";
import { base, newUser } from "./helpers";

// GET /api/metrics is Prometheus's text format behind the ops token, and a real Prometheus (Debian's
// package, installed by scripts/prometheus.sh when missing) scrapes it with the repo's own config
// (ops/prometheus/prometheus.yml and its alert rules): the test asks Prometheus's HTTP API for the app's
// series, as a dashboard would.

const OPS = process.env.OPS_TOKEN!;
const PROM_PORT = 9190 + Number(process.env.GX_PORT_OFFSET ?? 0);
const PROM = `http://127.0.0.1:${PROM_PORT}`;

const metricsText = async (headers: Record<string, string> = {}) => new ApiClient(base()).get("/api/metrics", headers);

test("the ops token only; the text has the app's series and the process defaults", async () => {
  for (const h of [{} as Record<string, string>, { Authorization: "Bearer wrong-token-of-some-length" }, { Authorization: `Bearer ${OPS}x` }, { Authorization: `Basic ${Buffer.from(`ops:${OPS}`).toString("base64")}` }]) {
    const r = await metricsText(h);
    expect(r.status).toBe(401);
    expect(r.text).not.toMatch(/gx_|process_/);
  }
  // Something to count: a trade-limited write, a read through the router, a product page.
  const user = await newUser();
  await user.get("/api/me");
  const products = await new ApiClient(base()).get("/api/products?limit=2");
  await new ApiClient(base()).get(`/products/${JSON.parse(products.text).items[0].id}`);
  const r = await metricsText({ Authorization: `Bearer ${OPS}` });
  expect(r.status).toBe(200);
  expect(r.headers.get("content-type")).toContain("text/plain");
  for (const name of [
    "gx_http_requests_total",
    "gx_http_request_duration_seconds_bucket",
    "gx_reads_total",
    "gx_cache_requests_total",
    "gx_replica_lag_seconds",
    "gx_node_up",
    "gx_cache_breaker_open",
    "gx_after_commit_backlog",
    "gx_rows",
    "gx_market_events_total",
    "gx_rate_limited_total",
    "process_cpu_user_seconds_total",
    "nodejs_eventloop_lag_seconds",
  ])
    expect(r.text, name).toContain(`# TYPE ${name.replace(/_bucket$/, "")} `);
  // Route templates, never ids; the sign-up's 201 and the me read are there.
  expect(r.text).toMatch(/gx_http_requests_total\{method="POST",route="\/api\/users",status="201"\} \d+/);
  expect(r.text).toMatch(/gx_http_requests_total\{method="GET",route="\/api\/me",status="200"\} \d+/);
  expect(r.text).not.toMatch(/route="[^"]*\/\d+/);
  expect(r.text).toMatch(/gx_reads_total\{node="[^"]+",why="[a-z_]+"\} \d+/);
  expect(r.text).toMatch(/gx_rows\{table="listings",status="on_sale"\} \d+/);
  // The page cache: lookups by result only (its entry counts are not lookups), and the renders it kept.
  const lookups = [...r.text.matchAll(/^gx_page_cache_requests_total\{result="([^"]+)"\} \d+/gm)].map((m) => m[1]);
  expect(lookups.length).toBeGreaterThan(0);
  for (const result of lookups) expect(["hits", "misses", "stale", "unverified"]).toContain(result);
  expect(Number(r.text.match(/^gx_page_cache_renders_total (\d+)/m)?.[1])).toBeGreaterThanOrEqual(1);
});

test.describe("Prometheus scrapes the app with the repo's config", () => {
  let prom: ChildProcess | undefined;
  let dir: string | undefined;
  test.afterAll(async () => {
    if (prom && prom.exitCode === null) {
      prom.kill("SIGTERM");
      await new Promise((r) => prom!.once("exit", r));
    }
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  test("targets up, rules loaded, the app's series queryable", async () => {
    test.setTimeout(90_000);
    // npm test installs Debian's prometheus up front (scripts/test-stack.sh); without it this fails, saying so.
    const check = spawnSync("bash", ["scripts/prometheus.sh", "--check"], { encoding: "utf8" });
    expect(check.status, `Prometheus is not available on this machine and could not be installed with apt-get: ${check.stderr.trim()}`).toBe(0);
    dir = mkdtempSync(join(tmpdir(), "gx-prom-"));
    let log = "";
    prom = spawn("bash", ["scripts/prometheus.sh"], {
      env: { ...process.env, APP_URL: base(), PROM_PORT: String(PROM_PORT), PROM_DIR: dir, PROM_SCRAPE_INTERVAL: "1s", OPS_TOKEN: OPS },
      stdio: ["ignore", "pipe", "pipe"],
    });
    prom.stdout!.on("data", (d) => (log += d));
    prom.stderr!.on("data", (d) => (log += d));
    const api = async (path: string) => {
      const r = await fetch(`${PROM}${path}`);
      return (await r.json()) as { status: string; data: any };
    };

    // The scrape target is healthy (the token works: a 401 would show as lastError).
    await expect
      .poll(
        async () => {
          if (prom!.exitCode !== null) throw new Error(`prometheus exited: ${log}`);
          const t = await api("/api/v1/targets").catch(() => null);
          const target = t?.data.activeTargets.find((x: { labels: { job: string } }) => x.labels.job === "gifticon");
          return target ? `${target.health} ${target.lastError}` : "none";
        },
        { timeout: 45_000, intervals: [500] },
      )
      .toBe("up ");

    // The config as run (the repo's, next to its targets and token files) and its rules pass promtool.
    const checked = spawnSync("promtool", ["check", "config", join(dir, "prometheus.yml")], { encoding: "utf8" });
    expect(checked.stdout + checked.stderr).toMatch(/SUCCESS: 1 rule files found/);

    const query = async (q: string) => (await api(`/api/v1/query?query=${encodeURIComponent(q)}`)).data.result as { metric: Record<string, string>; value: [number, string] }[];
    await expect.poll(async () => (await query('gx_http_requests_total{job="gifticon",route="/api/metrics",status="200"}')).length, { timeout: 15_000 }).toBeGreaterThan(0);
    for (const q of ["gx_node_up", "gx_replica_lag_seconds", "gx_cache_breaker_open", "gx_after_commit_backlog", "gx_rows", "process_resident_memory_bytes", "gx_http_request_duration_seconds_bucket"]) {
      expect((await query(`${q}{job="gifticon"}`)).length, q).toBeGreaterThan(0);
    }
    const nodes = await query('gx_node_up{job="gifticon"}');
    expect(nodes.map((n) => n.metric.role).sort()).toEqual(["primary", "replica", "replica"]);
    expect(nodes.every((n) => n.value[1] === "1")).toBe(true);

    const rules = await api("/api/v1/rules");
    const names = rules.data.groups.flatMap((g: { rules: { name: string }[] }) => g.rules.map((r) => r.name));
    expect(names).toEqual(expect.arrayContaining(["ReplicaLagging", "CacheBreakerOpen", "HighErrorRate"]));
  });
});
