// npm run bench — the whole app under load (issue 5). Not part of npm test.
//
// Starts the production build on the bench stack (its own MariaDB primary + replica and Redis, seeded),
// PROCS app processes with every cache on, and one more process with the caches off (the floor). Then, with
// autocannon on loopback, measures each route alone, the cached product page across processes (scaling),
// a realistic mix of browsing and trading, and a bot hitting the trade rate limit. Every figure is measured
// in this run on this machine; the ratios (against a prerendered page, the ceiling, and the same page
// without caches, the floor) are what to compare between machines.
import autocannon from "autocannon";
import mysql from "mysql2/promise";
import { ApiClient } from "../../e2e/support/api-client";
import { benchAppEnv, ensureBenchBuild, serveApp, stopAll } from "./app";
import { MIX_EXPECTED, MIX_NAME, mixCatalog, mixRequests, warmPages } from "./mix";
import { fmt, startBenchStack, stopBenchStack, table } from "./support";

const PROCS = Number(process.env.PROCS ?? 2);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 10);
const WRITERS = Number(process.env.WRITERS ?? 40);
// Seconds of the same requests before each read-only row is measured, not counted: a route's first seconds
// run its code cold (JIT, first renders) and would make whichever route is measured first look slower.
const WARMUP = Number(process.env.WARMUP ?? 3);
const OFFSET = Number(process.env.GX_PORT_OFFSET ?? 0);
const BASE_PORT = 3300 + OFFSET;
const FLOOR_PORT = 3390 + OFFSET;

startBenchStack({ replicas: 1 });
const appEnv = benchAppEnv();
ensureBenchBuild(appEnv);
const serve = (port: number, extra: Record<string, string> = {}) => serveApp(appEnv, port, extra);
const ports = Array.from({ length: PROCS }, (_, i) => BASE_PORT + i);
await Promise.all([...ports.map((p) => serve(p)), serve(FLOOR_PORT, { CACHE_ENABLED: "0" })]);
const url = (port: number, path = "") => `http://127.0.0.1:${port}${path}`;
// The health detail (cache counters) needs the ops token.
const opsAuth = { Authorization: `Bearer ${appEnv.OPS_TOKEN}` };

// ---------------------------------------------------------------------------------------------------------
// Counters: database SELECTs (all nodes) and cache hits (all app processes).
const nodes = [3427 + OFFSET, 3428 + OFFSET].map((port) =>
  mysql.createPool({ host: "127.0.0.1", port, user: "gx_ops", password: "gx_ops_local", connectionLimit: 1 }),
);
async function selects() {
  let n = 0;
  for (const pool of nodes) {
    const [rows] = await pool.query("SHOW GLOBAL STATUS LIKE 'Com_select'");
    n += Number((rows as { Value: string }[])[0].Value);
  }
  return n;
}
type Health = { reads: { counters: Record<string, number> }; cache: { pages: { hits: number; misses: number; stale: number } | null } };
async function cacheCounters(all: number[]) {
  let viewHit = 0, viewMiss = 0, pageHit = 0, pageMiss = 0;
  for (const port of all) {
    const h = (await (await fetch(url(port, "/api/health"), { headers: opsAuth })).json()) as Health;
    viewHit += h.reads.counters.cacheHit ?? 0;
    viewMiss += h.reads.counters.cacheMiss ?? 0;
    pageHit += h.cache.pages?.hits ?? 0;
    pageMiss += (h.cache.pages?.misses ?? 0) + (h.cache.pages?.stale ?? 0);
  }
  return { viewHit, viewMiss, pageHit, pageMiss };
}
// Background SELECTs (monitors, heartbeats, sweepers, health probes) per second, to subtract.
const s0 = await selects();
await new Promise((r) => setTimeout(r, 2000));
const backgroundPerSec = ((await selects()) - s0) / 2;

const { productIds, face } = await mixCatalog(url(BASE_PORT));
const pick = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];

type Row = { name: string; rps: number; p50: number; p99: number; errors: number; codes: Record<string, number>; dbPerReq: number; hit: string };
const rows: Row[] = [];

async function measure(
  name: string,
  targets: number[],
  requests: (port: number) => autocannon.Request[],
  opts: { connections?: number; expected?: number[]; hit?: "page" | "view"; warmup?: boolean } = {},
): Promise<Row> {
  const conns = opts.connections ?? CONNECTIONS;
  const run = (duration: number) =>
    Promise.all(
      targets.map((port) =>
        autocannon({ url: url(port), connections: Math.max(1, Math.round(conns / targets.length)), duration, requests: requests(port) }),
      ),
    );
  if (WARMUP > 0 && opts.warmup !== false) await run(WARMUP);
  const before = { sel: await selects(), cache: await cacheCounters(targets), t: Date.now() };
  const results = await run(SECONDS);
  const after = { sel: await selects(), cache: await cacheCounters(targets), t: Date.now() };
  const total = results.reduce((a, r) => a + r.requests.total, 0);
  const codes: Record<string, number> = {};
  for (const r of results) for (const [c, v] of Object.entries(r.statusCodeStats ?? {})) codes[c] = (codes[c] ?? 0) + (v as { count: number }).count;
  const expected = new Set((opts.expected ?? [200]).map(String));
  const errors = results.reduce((a, r) => a + r.errors + r.timeouts, 0) + Object.entries(codes).filter(([c]) => !expected.has(c)).reduce((a, [, v]) => a + v, 0);
  const background = (backgroundPerSec * (after.t - before.t)) / 1000;
  const ph = after.cache.pageHit - before.cache.pageHit, pm = after.cache.pageMiss - before.cache.pageMiss;
  const vh = after.cache.viewHit - before.cache.viewHit, vm = after.cache.viewMiss - before.cache.viewMiss;
  const hit = opts.hit === "page" ? (ph + pm ? `${fmt((100 * ph) / (ph + pm), 1)} % pages` : "—") : vh + vm ? `${fmt((100 * vh) / (vh + vm), 1)} % views` : "—";
  const row: Row = {
    name,
    rps: results.reduce((a, r) => a + r.requests.average, 0),
    p50: Math.max(...results.map((r) => r.latency.p50)),
    p99: Math.max(...results.map((r) => r.latency.p99)),
    errors,
    codes,
    dbPerReq: Math.max(0, after.sel - before.sel - background) / Math.max(1, total),
    hit,
  };
  rows.push(row);
  console.log(`  ${name}: ${fmt(row.rps, 0)} req/s, p99 ${row.p99} ms, ${JSON.stringify(codes)}`);
  return row;
}

const get = (path: () => string): autocannon.Request[] => [{ method: "GET", setupRequest: (req) => ({ ...req, path: path() }) }];
const productPath = () => `/products/${pick(productIds)}`;

// Warm every page once on every process (the first render of each page is a miss by design).
await warmPages([...ports, FLOOR_PORT].map((port) => url(port)), productIds.map((id) => `/products/${id}`));

console.log(`\nroutes, one process each, ${CONNECTIONS} connections, ${SECONDS} s:`);
const ceiling = await measure("ceiling: prerendered /about", [BASE_PORT], () => get(() => "/about"), { hit: "page" });
const product = await measure("product page /products/:id (cached)", [BASE_PORT], () => get(productPath), { hit: "page" });
const feed = await measure("new-listings feed /new (cached)", [BASE_PORT], () => get(() => "/new"), { hit: "page" });
const home = await measure("home / (catalog by category + feed, cached)", [BASE_PORT], () => get(() => "/"), { hit: "page" });
// Browse and search are kept by the page cache per query (proxy.ts → /browse/<key>): any query, sort and
// page. The many-queries row asks 10 queries × 4 sorts × 2 pages at random (80 pages, each rendered once).
const SEARCHES = ["스타벅스", "스벅 아아", "ㅅㅌㅂㅅ", "치킨", "커피", "CU", "영화", "베라 파인트", "메가커피", "상품권"];
const SORT_CHOICES = ["", "&sort=price", "&sort=discount", "&sort=validity"];
const browse = await measure("browse /products?sort=discount (cached)", [BASE_PORT], () => get(() => "/products?sort=discount"), { hit: "page" });
const searchOne = await measure("search /products?q=스타벅스 (cached)", [BASE_PORT], () => get(() => `/products?q=${encodeURIComponent("스타벅스")}`), { hit: "page" });
const searchMany = await measure("search, 80 random queries/sorts/pages (cached)", [BASE_PORT], () =>
  get(() => `/products?q=${encodeURIComponent(pick(SEARCHES))}${pick(SORT_CHOICES)}${pick(["", "&cursor=24"])}`), { hit: "page" });
await measure("API GET /api/products/:id", [BASE_PORT], () => get(() => `/api/products/${pick(productIds)}`), { hit: "view" });
await measure("API GET /api/listings", [BASE_PORT], () => get(() => "/api/listings"), { hit: "view" });
const floor = await measure("floor: product page, caches off", [FLOOR_PORT], () => get(productPath));

console.log(`\nscaling: the cached product page on ${PROCS} processes`);
const scaled = PROCS > 1 ? await measure(`product page on ${PROCS} processes`, ports, () => get(productPath), { hit: "page" }) : product;

// ---------------------------------------------------------------------------------------------------------
// A realistic mix (scripts/bench/mix.ts).
console.log(`\nsigning up ${WRITERS} traders for the mix…`);
const traders = await Promise.all(Array.from({ length: WRITERS }, () => ApiClient.signUp(url(BASE_PORT), { points: 1_000_000 })));
console.log(`mix on ${PROCS} processes:`);
const mix = await measure(MIX_NAME, ports, () => mixRequests(productIds, face, traders), { expected: MIX_EXPECTED, hit: "page", warmup: false });

// A bot buying everything as fast as it can is stopped by the per-user trade limit.
console.log("\na bot buying as fast as it can:");
const bot = await ApiClient.signUp(url(BASE_PORT), { points: 2_000_000 });
const botCodes: Record<number, number> = {};
let retryAfter = "";
await Promise.all(
  Array.from({ length: 10 }, async () => {
    for (let i = 0; i < 20; i++) {
      const id = pick(productIds);
      const r = await bot.post("/api/orders", { productId: id, maxPrice: face.get(id) ?? 5000 });
      botCodes[r.status] = (botCodes[r.status] ?? 0) + 1;
      if (r.status === 429) retryAfter ||= r.headers.get("retry-after") ?? "";
    }
  }),
);

stopAll();
await Promise.all(nodes.map((n) => n.end()));
stopBenchStack();

// ---------------------------------------------------------------------------------------------------------
console.log(`\nLoad — ${PROCS} app process(es) + 1 floor process, autocannon on loopback, ${CONNECTIONS} connections, ${SECONDS} s per row, this machine, this run\n`);
console.log(
  table([
    ["route", "req/s", "p50 ms", "p99 ms", "errors", "cache hits", "DB queries/req"],
    ...rows.map((r) => [r.name, fmt(r.rps, 0), r.p50, r.p99, r.errors, r.hit, fmt(r.dbPerReq, 2)]),
  ]),
);
console.log(`\nmix status codes: ${JSON.stringify(mix.codes)}`);
console.log(
  `\nratios (floor = the product page with the caches off): product page ${fmt(product.rps / floor.rps, 1)}× the floor and ${fmt((100 * product.rps) / ceiling.rps, 0)} % of the ceiling; ` +
    `feed page ${fmt(feed.rps / floor.rps, 1)}× the floor and ${fmt((100 * feed.rps) / ceiling.rps, 0)} % of the ceiling; ` +
    `home ${fmt(home.rps / floor.rps, 1)}× the floor and ${fmt((100 * home.rps) / ceiling.rps, 0)} % of the ceiling; ` +
    `browse ${fmt((100 * browse.rps) / ceiling.rps, 0)} %, search ${fmt((100 * searchOne.rps) / ceiling.rps, 0)} %, many searches ${fmt((100 * searchMany.rps) / ceiling.rps, 0)} % of the ceiling; ` +
    `${PROCS} processes serve the product page at ${fmt(scaled.rps / product.rps, 2)}× one process`,
);
console.log(`bot: ${JSON.stringify(botCodes)} (429 with Retry-After: ${retryAfter || "—"} s; limit ${appEnv.RATE_LIMIT_TRADE} per user)`);
