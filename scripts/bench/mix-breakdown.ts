// npm run bench:mix — where the realistic mix's time goes (not part of npm test).
//
// The mix of `npm run bench` (scripts/bench/mix.ts) on PROCS app processes, 50 connections in a closed loop,
// in two phases of the same run: its reads alone (the baseline), then the whole mix with its 15 % of
// listings, bids and purchases. Per kind of request: count and latency; per phase: throughput, page renders
// (page-cache misses: every write raises the versions of the pages that show it), the app's CPU per
// request, and the event loop's delay (prom-client's histogram, reset by each scrape). A write makes ~18–33
// sequential database round trips; each one waits its turn on an event loop that is busy rendering pages,
// so the loop's delay, times the round trips, is what a write costs under load.
import http from "node:http";
import { ApiClient } from "../../e2e/support/api-client";
import { benchAppEnv, cpuMs, ensureBenchBuild, serveApp, stopAll } from "./app";
import { mixCatalog, mixRequests, warmPages } from "./mix";
import { fmt, percentile, startBenchStack, stopBenchStack, table } from "./support";

const PROCS = Number(process.env.PROCS ?? 2);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 15);
const WRITERS = Number(process.env.WRITERS ?? 40);
const BASE_PORT = 3300 + Number(process.env.GX_PORT_OFFSET ?? 0);
// autocannon's default: a request unanswered for this long counts as an error (status 0), not a hang.
const REQUEST_TIMEOUT_MS = 10_000;

startBenchStack({ replicas: 1 });
const appEnv = benchAppEnv();
ensureBenchBuild(appEnv);
const ports = Array.from({ length: PROCS }, (_, i) => BASE_PORT + i);
const apps = await Promise.all(ports.map((p) => serveApp(appEnv, p)));
const url = (port: number, path = "") => `http://127.0.0.1:${port}${path}`;
const ops = { Authorization: `Bearer ${appEnv.OPS_TOKEN}` };

const { productIds, face } = await mixCatalog(url(BASE_PORT));
await warmPages(ports.map((port) => url(port)), [...productIds.map((id) => `/products/${id}`), "/", "/new", "/products?sort=price"]);
console.log(`signing up ${WRITERS} traders…`);
const traders = await Promise.all(Array.from({ length: WRITERS }, () => ApiClient.signUp(url(BASE_PORT), { points: 10_000_000 })));

type Metrics = { renders: number; lagP99: number; lagMax: number };
async function metrics(): Promise<Metrics> {
  let renders = 0, lagP99 = 0, lagMax = 0;
  for (const port of ports) {
    const text = await (await fetch(url(port, "/api/metrics"), { headers: ops, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })).text();
    const value = (re: RegExp) => Number(text.match(re)?.[1] ?? 0);
    renders += value(/^gx_page_cache_requests_total\{result="misses"\} (\S+)/m) + value(/^gx_page_cache_requests_total\{result="stale"\} (\S+)/m);
    lagP99 = Math.max(lagP99, value(/^nodejs_eventloop_lag_p99_seconds (\S+)/m) * 1000);
    lagMax = Math.max(lagMax, value(/^nodejs_eventloop_lag_max_seconds (\S+)/m) * 1000);
  }
  return { renders, lagP99, lagMax };
}

const kindOf = (method: string, path: string) =>
  method !== "GET" ? `${method} ${path}`
  : path.startsWith("/products/") ? "GET /products/:id"
  : path.startsWith("/api/products/") ? "GET /api/products/:id"
  : path.startsWith("/products?q=") ? "GET /products?q= (search)"
  : path.startsWith("/products?") ? "GET /products? (browse)"
  : `GET ${path}`;

type Req = { method: string; path: string; headers: Record<string, string>; body?: string };
async function phase(name: string, writes: boolean) {
  const next = mixRequests(productIds, face, traders, { writes })[0].setupRequest as (r: object) => Req;
  const agent = new http.Agent({ keepAlive: true, maxSockets: CONNECTIONS });
  const lat = new Map<string, number[]>();
  const codes: Record<string, number> = {};
  const before = await metrics(); // a scrape also resets the event-loop histograms
  const cpu0 = cpuMs(apps.map((a) => a.pid!));
  const t0 = Date.now();
  const end = t0 + SECONDS * 1000;
  let n = 0;
  await Promise.all(
    Array.from({ length: CONNECTIONS }, async (_, i) => {
      const port = ports[i % ports.length];
      while (Date.now() < end) {
        const req = next({});
        const headers = req.body ? { ...req.headers, "content-length": String(Buffer.byteLength(req.body)) } : req.headers;
        const started = performance.now();
        const status = await new Promise<number>((resolve) => {
          const r = http.request({ host: "127.0.0.1", port, method: req.method, path: req.path, headers, agent, timeout: REQUEST_TIMEOUT_MS }, (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
          });
          r.on("timeout", () => r.destroy(new Error("timeout")));
          r.on("error", () => resolve(0));
          r.end(req.body);
        });
        const kind = kindOf(req.method, req.path);
        (lat.get(kind) ?? lat.set(kind, []).get(kind)!).push(performance.now() - started);
        codes[status] = (codes[status] ?? 0) + 1;
        n++;
      }
    }),
  );
  const seconds = (Date.now() - t0) / 1000;
  const cpu = cpuMs(apps.map((a) => a.pid!)) - cpu0;
  const after = await metrics();
  agent.destroy();
  const all = [...lat.values()].flat();
  return {
    name,
    rps: n / seconds,
    p50: percentile(all, 50),
    p99: percentile(all, 99),
    rendersPerSec: (after.renders - before.renders) / seconds,
    cpuPerReq: cpu / n,
    lagP99: after.lagP99,
    lagMax: after.lagMax,
    codes,
    kinds: [...lat.entries()].sort(([a], [b]) => a.localeCompare(b)),
  };
}

console.log(`phases of ${SECONDS} s on ${PROCS} process(es), ${CONNECTIONS} connections…`);
const phases = [await phase("reads only (baseline)", false), await phase("the mix (15 % writes)", true)];
stopAll();
stopBenchStack();

console.log(`\nThe mix, by phase — ${PROCS} app process(es), ${CONNECTIONS} connections, ${SECONDS} s each, this machine, this run\n`);
console.log(
  table([
    ["phase", "req/s", "p50 ms", "p99 ms", "page renders/s", "app CPU ms/req", "event-loop delay p99 ms", "max ms", "status codes"],
    ...phases.map((p) => [p.name, fmt(p.rps, 0), fmt(p.p50, 0), fmt(p.p99, 0), fmt(p.rendersPerSec, 1), fmt(p.cpuPerReq, 1), fmt(p.lagP99, 0), fmt(p.lagMax, 0), JSON.stringify(p.codes)]),
  ]),
);
for (const p of phases) {
  console.log(`\n${p.name}, by kind of request:\n`);
  console.log(table([["request", "n", "p50 ms", "p90 ms", "p99 ms"], ...p.kinds.map(([k, xs]) => [k, xs.length, fmt(percentile(xs, 50), 0), fmt(percentile(xs, 90), 0), fmt(percentile(xs, 99), 0)])]));
}
const [base, mix] = phases;
console.log(
  `\nratios: the writes cut throughput to ${fmt((100 * mix.rps) / base.rps, 0)} % of the reads-only baseline, raise p99 ${fmt(mix.p99 / base.p99, 1)}×, ` +
    `page renders ${fmt(mix.rendersPerSec / Math.max(0.1, base.rendersPerSec), 0)}×, app CPU per request ${fmt(mix.cpuPerReq / base.cpuPerReq, 1)}×, event-loop delay p99 ${fmt(mix.lagP99 / Math.max(1, base.lagP99), 1)}×`,
);
process.exit(0);
