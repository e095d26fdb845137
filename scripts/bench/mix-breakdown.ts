// npm run bench:mix — where the realistic mix's time goes (not part of npm test).
//
// The mix of `npm run bench` (scripts/bench/mix.ts) on PROCS app processes, 50 connections in a closed loop,
// in three phases of the same run: its reads alone (the baseline), the whole mix with its 15 % of listings,
// bids and purchases, and its writes alone. Per kind of request: count and latency; per phase: throughput,
// page renders (every write raises the versions of the pages that show it), cached-view lookups and the
// deltas applied to them, database reads, the app's CPU per request, and the event loop's delay
// (prom-client's histogram, reset by each scrape); then the mix's CPU split into its reads and writes at
// their own phases' cost and the rest, per render. A write makes ~18–33
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

// The writes-only phase trades far faster than a person may (30 a minute, RATE_LIMIT_TRADE): the limit is
// still checked on every trade, but set high enough here that it refuses none, so that phase measures trades.
process.env.RATE_LIMIT_TRADE ??= "100000/60";
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

type Metrics = { renders: number; lagP99: number; lagMax: number; viewHits: number; viewMisses: number; dbReads: number; deltas: number };
async function metrics(): Promise<Metrics> {
  let renders = 0, lagP99 = 0, lagMax = 0, viewHits = 0, viewMisses = 0, dbReads = 0, deltas = 0;
  for (const port of ports) {
    const text = await (await fetch(url(port, "/api/metrics"), { headers: ops, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) })).text();
    const value = (re: RegExp) => Number(text.match(re)?.[1] ?? 0);
    renders += value(/^gx_page_cache_renders_total (\S+)/m);
    viewHits += value(/^gx_cache_requests_total\{result="hit"\} (\S+)/m);
    viewMisses += value(/^gx_cache_requests_total\{result="miss"\} (\S+)/m);
    deltas += value(/^gx_read_events_total\{event="deltasApplied"\} (\S+)/m);
    for (const m of text.matchAll(/^gx_reads_total\{[^}]*\} (\S+)/gm)) dbReads += Number(m[1]);
    lagP99 = Math.max(lagP99, value(/^nodejs_eventloop_lag_p99_seconds (\S+)/m) * 1000);
    lagMax = Math.max(lagMax, value(/^nodejs_eventloop_lag_max_seconds (\S+)/m) * 1000);
  }
  return { renders, lagP99, lagMax, viewHits, viewMisses, dbReads, deltas };
}

const kindOf = (method: string, path: string) =>
  method !== "GET" ? `${method} ${path}`
  : path.startsWith("/products/") ? "GET /products/:id"
  : path.startsWith("/api/products/") ? "GET /api/products/:id"
  : path.startsWith("/products?q=") ? "GET /products?q= (search)"
  : path.startsWith("/products?") ? "GET /products? (browse)"
  : `GET ${path}`;

type Req = { method: string; path: string; headers: Record<string, string>; body?: string };
async function phase(name: string, opts: { reads?: boolean; writes?: boolean }) {
  const next = mixRequests(productIds, face, traders, opts)[0].setupRequest as (r: object) => Req;
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
    perSec: (k: "viewHits" | "viewMisses" | "dbReads" | "deltas") => (after[k] - before[k]) / seconds,
    cpuPerReq: cpu / n,
    lagP99: after.lagP99,
    lagMax: after.lagMax,
    codes,
    kinds: [...lat.entries()].sort(([a], [b]) => a.localeCompare(b)),
  };
}

// PHASES=writes (say) runs only some of them, e.g. to profile one (BENCH_CPU_PROF, scripts/bench/app.ts).
const PHASES = (process.env.PHASES ?? "reads,mix,writes").split(",");
const PHASE_OPTS = {
  reads: ["reads only (baseline)", { writes: false }],
  mix: ["the mix (15 % writes)", {}],
  writes: ["its writes only", { reads: false }],
} as const;
console.log(`phases of ${SECONDS} s on ${PROCS} process(es), ${CONNECTIONS} connections…`);
const phases = [];
for (const key of PHASES) {
  const [name, opts] = PHASE_OPTS[key as keyof typeof PHASE_OPTS] ?? [];
  if (!name) throw new Error(`PHASES: unknown phase ${key} (reads, mix, writes)`);
  phases.push(await phase(name, opts));
}
stopAll();
stopBenchStack();

console.log(`\nThe mix, by phase — ${PROCS} app process(es), ${CONNECTIONS} connections, ${SECONDS} s each, this machine, this run\n`);
console.log(
  table([
    ["phase", "req/s", "p50 ms", "p99 ms", "page renders/s", "view hits/s", "view misses/s", "deltas applied/s", "DB reads/s", "app CPU ms/req", "event-loop delay p99 ms", "max ms", "status codes"],
    ...phases.map((p) => [
      p.name,
      fmt(p.rps, 0),
      fmt(p.p50, 0),
      fmt(p.p99, 0),
      fmt(p.rendersPerSec, 1),
      fmt(p.perSec("viewHits"), 0),
      fmt(p.perSec("viewMisses"), 1),
      fmt(p.perSec("deltas"), 0),
      fmt(p.perSec("dbReads"), 1),
      fmt(p.cpuPerReq, 1),
      fmt(p.lagP99, 0),
      fmt(p.lagMax, 0),
      JSON.stringify(p.codes),
    ]),
  ]),
);
for (const p of phases) {
  console.log(`\n${p.name}, by kind of request:\n`);
  console.log(table([["request", "n", "p50 ms", "p90 ms", "p99 ms"], ...p.kinds.map(([k, xs]) => [k, xs.length, fmt(percentile(xs, 50), 0), fmt(percentile(xs, 90), 0), fmt(percentile(xs, 99), 0)])]));
}
const base = phases.find((p) => p.name === PHASE_OPTS.reads[0]);
const mix = phases.find((p) => p.name === PHASE_OPTS.mix[0]);
const writesOnly = phases.find((p) => p.name === PHASE_OPTS.writes[0]);
if (base && mix && writesOnly) {
  // The mix's CPU beyond what its reads and its writes cost in their own phases: what its renders (and
  // whatever else only the mix does) cost.
  const count = (write: boolean) => mix.kinds.filter(([k]) => k.startsWith("GET ") !== write).reduce((n, [, xs]) => n + xs.length, 0);
  const writeShare = count(true) / (count(true) + count(false));
  const mixCpu = mix.cpuPerReq * mix.rps; // ms a second
  const readsCpu = base.cpuPerReq * mix.rps * (1 - writeShare);
  const writesCpu = writesOnly.cpuPerReq * mix.rps * writeShare;
  const rest = mixCpu - readsCpu - writesCpu;
  console.log(
    `\nthe mix's app CPU: ${fmt(mixCpu, 0)} ms a second = its reads at the reads-only cost ${fmt(readsCpu, 0)} + its writes at the writes-only cost ${fmt(writesCpu, 0)} ` +
      `+ the rest ${fmt(rest, 0)} (${fmt((100 * rest) / mixCpu, 0)} %), ${fmt(rest / Math.max(0.1, mix.rendersPerSec), 1)} ms per page render`,
  );
}
if (base && mix) console.log(
  `\nratios: the writes cut throughput to ${fmt((100 * mix.rps) / base.rps, 0)} % of the reads-only baseline, raise p99 ${fmt(mix.p99 / base.p99, 1)}×, ` +
    `page renders ${fmt(mix.rendersPerSec / Math.max(0.1, base.rendersPerSec), 0)}×, app CPU per request ${fmt(mix.cpuPerReq / base.cpuPerReq, 1)}×, event-loop delay p99 ${fmt(mix.lagP99 / Math.max(1, base.lagP99), 1)}×`,
);
process.exit(0);
