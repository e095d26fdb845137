// npm run bench:faults — issue 9's benchmark. Starts the production build on the bench stack (its own
// MariaDB primary + replica and Redis, seeded), puts a steady load of reads and trades on it, and injects
// each fault in turn: Redis, the replica and the primary paused (SIGSTOP: sockets open, nothing answers),
// then each stopped (connections refused), each for PHASE_SECONDS, followed by RECOVERY_SECONDS after it
// answers again. Prints per phase the p50/p99/max latency of reads and writes, answers by code, how long
// after the server came back the last slow or failed request ended, and at the end an invariant check:
// every write that answered 2xx exists exactly once, every 503 primary_unavailable left nothing, ledgers
// add up, one order per listing.
//
// A slow network is not a phase: `tc qdisc … netem` is not available in this kernel ("Specified qdisc kind
// is unknown" even inside a private network namespace), and a sleep in the app would not be the real cause.
import { execFile, execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomBytes, randomInt } from "node:crypto";
import { closeSync, openSync } from "node:fs";
import { cpus, loadavg } from "node:os";
import { ApiClient } from "../../e2e/support/api-client";
import { opsQuery, pauseNode, resumeNode } from "../../tests/support/stack";
import { fmt, percentile, startBenchStack, stopBenchStack, table } from "./support";
import { SERVE_ARGS } from "../serve-command";

if (process.env.GX_STACK !== "bench") throw new Error("run with GX_STACK=bench (npm run bench:faults)");
const PHASE_S = Number(process.env.PHASE_SECONDS ?? 6);
const RECOVERY_S = Number(process.env.RECOVERY_SECONDS ?? 5);
const READERS = Number(process.env.READERS ?? 6);
const WRITERS = Number(process.env.WRITERS ?? 4);
const OFFSET = Number(process.env.GX_PORT_OFFSET ?? 0);
const PORT = 3350 + OFFSET;
const BASE = `http://127.0.0.1:${PORT}`;

startBenchStack({ replicas: 1 });
const appEnv = {
  ...process.env,
  NODE_ENV: "production",
  // BENCH_DIST_DIR=.next-test reuses a build made for the tests (a build takes minutes on 2 shared cores).
  NEXT_DIST_DIR: process.env.BENCH_DIST_DIR ?? ".next-bench",
  NEXT_TELEMETRY_DISABLED: "1",
  TRUST_PROXY_HEADERS: "1",
  OPS_TOKEN: process.env.OPS_TOKEN ?? `bench-${Math.random().toString(36).slice(2)}-ops-token-0123456789`,
  RATE_LIMIT_SIGN_UP: "1000/600",
  RATE_LIMIT_SIGN_IN: "1000/60",
  RATE_LIMIT_TRADE: "100000/60",
} as NodeJS.ProcessEnv;

const fingerprint = execFileSync("bash", ["-c", "source scripts/deps.sh; source_fingerprint"], { env: appEnv }).toString().trim();
let built = "";
try {
  built = execFileSync("cat", [".next-bench/.gx-fingerprint"]).toString().trim();
} catch {}
if (built !== fingerprint && !process.env.BENCH_DIST_DIR) {
  console.log("building (next build → .next-bench)…");
  execFileSync("node_modules/.bin/next", ["build"], { env: appEnv, stdio: ["ignore", "ignore", "inherit"] });
  execFileSync("bash", ["-c", `echo ${fingerprint} > .next-bench/.gx-fingerprint`]);
}

let server: ChildProcess | undefined;
// The server's own log is kept, so that an unexpected answer (a 500, a timeout) can be explained afterwards.
const SERVER_LOG = process.env.BENCH_SERVER_LOG ?? ".data/bench/faults-server.log";
async function serve() {
  const log = openSync(SERVER_LOG, "w");
  server = spawn("node", SERVE_ARGS, { env: { ...appEnv, PORT: String(PORT) }, stdio: ["ignore", log, log] });
  closeSync(log);
  for (let i = 0; i < 300; i++) {
    try {
      if ((await fetch(`${BASE}/api/health`)).status < 600) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error("app did not start");
}

// Stopping and starting servers without blocking this process's event loop (a blocked load generator would
// add the script's own wait to every request in flight).
const services = (...args: string[]) =>
  new Promise<void>((resolve) => execFile("bash", ["scripts/services.sh", ...args], { env: { ...process.env, GX_STACK: "bench" } }, () => resolve()));
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const newCode = () => Array.from({ length: 16 }, () => String(randomInt(10))).join("");
const kstDate = (days: number) => new Date(Date.now() + 9 * 3_600_000 + days * 86_400_000).toISOString().slice(0, 10);

type Sample = { kind: "read" | "write"; start: number; end: number; status: number; code: string };
type Write = { user: number; key: string; what: "listing" | "order"; status: number; code: string; id?: number };

const samples: Sample[] = [];
const writes: Write[] = [];
let running = true;

/** A request that cannot hang the benchmark: no answer within 10 s counts as "no answer". */
async function timed(kind: Sample["kind"], fn: () => Promise<{ status: number; body: any }>) {
  const start = performance.now();
  let status = 0;
  let code = "no_answer";
  let body: any;
  try {
    const r = await Promise.race([fn(), sleep(10_000).then(() => null)]);
    if (r) {
      status = r.status;
      body = r.body;
      code = r.body?.error?.code ?? String(r.status);
    }
  } catch (e) {
    code = `client_error:${(e as Error).message.slice(0, 40)}`;
  }
  samples.push({ kind, start, end: performance.now(), status, code });
  return { status, code, body };
}

try {
  await serve();
  const catalog = (await (await fetch(`${BASE}/api/products?limit=40`)).json()) as { items: { id: number; faceValue: number }[] };
  const products = catalog.items.filter((p) => p.faceValue >= 3000).slice(0, 12);
  const traders = [];
  for (let i = 0; i < WRITERS; i++) traders.push(await ApiClient.signUp(BASE, { points: 2_000_000 }));
  const readersAs = await Promise.all(Array.from({ length: Math.min(READERS, 4) }, () => ApiClient.signUp(BASE)));
  const pick = <T>(xs: T[]) => xs[randomInt(xs.length)];

  const readLoop = async (c: ApiClient) => {
    while (running) {
      const p = pick(products);
      // Not the home page: every new listing changes it, so under this write load it is re-rendered (10
      // catalog sections) on nearly every request whatever the fault; its render time is not a fault's.
      const path = pick([`/api/products/${p.id}`, `/products/${p.id}`, "/api/listings", "/api/me"]);
      await timed("read", () => c.get(path));
    }
  };
  const writeLoop = async (c: ApiClient & { user: { id: number } }) => {
    for (let n = 0; running; n++) {
      const p = pick(products);
      const key = `bench-${randomBytes(8).toString("hex")}`;
      const headers = { "Idempotency-Key": key };
      if (n % 2 === 0) {
        const price = Math.floor((p.faceValue * (0.7 + Math.random() * 0.25)) / 100) * 100;
        const r = await timed("write", () => c.post("/api/listings", { productId: p.id, price, code: newCode(), expiresAt: kstDate(60) }, headers));
        writes.push({ user: c.user.id, key, what: "listing", status: r.status, code: r.code, id: r.body?.id });
      } else {
        const r = await timed("write", () => c.post("/api/orders", { productId: p.id, maxPrice: p.faceValue }, headers));
        writes.push({ user: c.user.id, key, what: "order", status: r.status, code: r.code, id: r.body?.id ?? r.body?.orderId });
      }
      await sleep(Number(process.env.WRITE_PAUSE_MS ?? 200));
    }
  };

  const loops = [
    ...Array.from({ length: READERS }, (_, i) => readLoop(readersAs[i % readersAs.length])),
    ...traders.map((t) => writeLoop(t)),
  ];

  type Phase = { name: string; start: number; end: number; resumedAt?: number; recoveryEnd?: number };
  const phases: Phase[] = [];
  const phase = async (name: string, inject?: () => unknown, heal?: () => unknown) => {
    const ph: Phase = { name, start: performance.now(), end: 0 };
    await inject?.();
    await sleep(PHASE_S * 1000);
    ph.end = performance.now();
    if (heal) {
      await heal();
      ph.resumedAt = performance.now();
      await sleep(RECOVERY_S * 1000);
      ph.recoveryEnd = performance.now();
    }
    phases.push(ph);
    console.log(`  phase done: ${name}`);
  };

  console.log(`load: ${READERS} readers, ${WRITERS} traders; ${PHASE_S} s per fault, ${RECOVERY_S} s after; machine load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${cpus().length} cores`);
  await sleep(2_000); // warm-up, not measured
  samples.length = 0;
  writes.length = 0;
  await phase("baseline (no fault)");
  await phase("Redis paused (SIGSTOP)", () => pauseNode("redis"), () => resumeNode("redis"));
  await phase("replica paused (SIGSTOP)", () => pauseNode("replica1"), () => resumeNode("replica1"));
  await phase("primary paused (SIGSTOP)", () => pauseNode("primary"), () => resumeNode("primary"));
  await phase("Redis stopped", () => services("stop", "redis"), () => services("start", "redis"));
  await phase("replica stopped", () => services("stop", "replica1"), () => services("start", "replica1"));
  await phase("primary stopped", () => services("stop", "primary"), () => services("start", "primary"));
  running = false;
  await Promise.all(loops);

  const baseline = samples.filter((s) => s.kind === "read" && s.start >= phases[0].start && s.end <= phases[0].end);
  const slowMs = Math.max(100, 3 * percentile(baseline.map((s) => s.end - s.start), 99));
  const ok = (s: Sample) => s.status >= 200 && s.status < 500 && s.status !== 0;
  const rows: (string | number)[][] = [["phase", "reads", "p50", "p99", "max", "read errors", "writes", "p50", "p99", "max", "write answers", "normal again after"]];
  const describe = (ss: Sample[]) => {
    const by: Record<string, number> = {};
    for (const s of ss) by[s.code] = (by[s.code] ?? 0) + 1;
    return Object.entries(by).sort((a, b) => b[1] - a[1]).map(([c, n]) => `${n}×${c}`).join(" ");
  };
  const report: Record<string, unknown>[] = [];
  for (const ph of phases) {
    const inPh = samples.filter((s) => s.end > ph.start && s.end <= ph.end);
    const reads = inPh.filter((s) => s.kind === "read");
    const ws = inPh.filter((s) => s.kind === "write");
    const lat = (ss: Sample[]) => ss.map((s) => s.end - s.start);
    let normal = "—";
    if (ph.resumedAt) {
      const after = samples.filter((s) => s.end > ph.resumedAt! && s.end <= ph.recoveryEnd!);
      const bad = after.filter((s) => s.start >= ph.resumedAt! - 2000 && (!ok(s) || s.end - s.start > (s.kind === "read" ? slowMs : Math.max(slowMs, 300))));
      const last = bad.length ? Math.max(...bad.map((s) => s.end)) : ph.resumedAt;
      normal = `${fmt((last - ph.resumedAt!) / 1000, 1)} s`;
    }
    const readErrors = reads.filter((s) => !ok(s));
    rows.push([
      ph.name,
      reads.length,
      fmt(percentile(lat(reads), 50)),
      fmt(percentile(lat(reads), 99)),
      fmt(Math.max(...lat(reads))),
      readErrors.length ? describe(readErrors) : 0,
      ws.length,
      fmt(percentile(lat(ws), 50)),
      fmt(percentile(lat(ws), 99)),
      fmt(Math.max(...lat(ws))),
      describe(ws),
      normal,
    ]);
    report.push({ phase: ph.name, reads: reads.length, readP99: percentile(lat(reads), 99), readErrors: readErrors.length, writes: ws.length, writeMax: Math.max(...lat(ws)), normalAgain: normal });
  }
  console.log(`\nlatency in ms; "normal again after": the last request slower than ${fmt(slowMs, 0)} ms (reads; writes 300 ms) or failed ended that long after the server answered again\n`);
  console.log(table(rows));

  // ---------------------------------------------------------------------------------------------------
  // Invariants, with every server back and the replica caught up.
  for (const n of ["redis", "primary", "replica1"] as const) resumeNode(n);
  await sleep(1_000);
  const violations: string[] = [];
  const committed = new Set(
    (await opsQuery<{ u: number; k: string }>("primary", "SELECT user_id AS u, idem_key AS k FROM idempotency_keys WHERE idem_key LIKE 'bench-%'")).map((r) => `${r.u}:${r.k}`),
  );
  const listingIds = new Map((await opsQuery<{ id: number }>("primary", "SELECT id FROM listings")).map((r) => [Number(r.id), true]));
  const orderIds = new Map((await opsQuery<{ id: number }>("primary", "SELECT id FROM orders")).map((r) => [Number(r.id), true]));
  let ok2xx = 0;
  let failed503 = 0;
  let unknown = 0;
  let unknownCommitted = 0;
  const seen = new Set<string>();
  for (const w of writes) {
    const k = `${w.user}:${w.key}`;
    if (seen.has(k)) violations.push(`key used twice: ${k}`);
    seen.add(k);
    if (w.status >= 200 && w.status < 300) {
      ok2xx++;
      if (!committed.has(k)) violations.push(`2xx ${w.what} without its commit: ${k}`);
      if (w.id !== undefined && !(w.what === "listing" ? listingIds : orderIds).has(Number(w.id))) violations.push(`2xx ${w.what} #${w.id} missing`);
    } else if (w.code === "commit_unknown" || w.code === "no_answer") {
      unknown++;
      if (committed.has(k)) unknownCommitted++;
    } else if (w.status === 503) {
      failed503++;
      if (committed.has(k)) violations.push(`503 ${w.code} ${w.what} left a commit: ${k}`);
    } else if (committed.has(k)) violations.push(`${w.status} ${w.code} ${w.what} left a commit: ${k}`);
  }
  const [dupOrders] = await opsQuery<{ n: number }>("primary", "SELECT COUNT(*) AS n FROM (SELECT listing_id FROM orders WHERE listing_id IS NOT NULL GROUP BY listing_id HAVING COUNT(*) > 1) d");
  if (Number(dupOrders.n)) violations.push(`${dupOrders.n} listings with more than one order`);
  const [ledger] = await opsQuery<{ n: number }>(
    "primary",
    `SELECT COUNT(*) AS n FROM users u LEFT JOIN (SELECT user_id, SUM(points_delta) AS p, SUM(held_delta) AS h FROM point_ledger GROUP BY user_id) l ON l.user_id = u.id
     WHERE u.points <> COALESCE(l.p, 0) OR u.held_points <> COALESCE(l.h, 0)`,
  );
  if (Number(ledger.n)) violations.push(`${ledger.n} users whose balance is not their ledger's sum`);
  const [outbox] = await opsQuery<{ n: number }>("primary", "SELECT COUNT(*) AS n FROM outbox");
  console.log(`\ninvariants: ${writes.length} writes — ${ok2xx} answered 2xx (each committed exactly once), ${failed503} answered 503 (none left anything), ` +
    `${unknown} without a definite answer (commit_unknown / none within 10 s; ${unknownCommitted} of them had committed)`);
  console.log(`outbox rows left: ${outbox.n}; violations: ${violations.length}`);
  for (const v of violations.slice(0, 20)) console.log(`  ✗ ${v}`);
  const worstRead = Math.max(...report.slice(1).map((r) => Number(r.readP99)));
  const worstWrite = Math.max(...report.map((r) => Number(r.writeMax)));
  const readErrs = report.reduce((a, r) => a + Number(r.readErrors), 0);
  console.log(`\ntargets: reads p99 < 1 s under each fault: ${worstRead < 1000 ? "yes" : "NO"} (worst ${fmt(worstRead)} ms); read errors: ${readErrs}; ` +
    `writes answered within 2 s: ${worstWrite < 2000 ? "yes" : "NO"} (slowest ${fmt(worstWrite)} ms); invariant violations: ${violations.length}`);
  console.log(`the app's log: ${SERVER_LOG}`);
  console.log(`machine load average at the end: ${loadavg().map((l) => l.toFixed(1)).join(" ")}`);
  if (violations.length) process.exitCode = 1;
} finally {
  running = false;
  for (const n of ["redis", "primary", "replica1"] as const) resumeNode(n);
  server?.kill("SIGTERM");
  await sleep(500);
  if (process.env.KEEP_STACK !== "1") stopBenchStack();
}
