// npm run bench:scaling (also the last part of `npm run bench`) — issue 12's scaling table. Not part of
// npm test.
//
// The realistic mix (scripts/bench/mix.ts) through HAProxy (scripts/lb.sh, the configuration of
// `APP_INSTANCES=N npm start`) with 1, 2 and 3 app instances, and what each request cost on average: CPU of
// the app instances, of HAProxy, of MariaDB and of Redis (from /proc and Redis's INFO), database statements,
// and Redis commands. The same 3 instances run throughout (idle ones only poll the databases); only the
// load balancer's pool changes between rows. Every part runs on this one 2-core machine, the load generator
// included, so the table shows where the CPU goes more than how far instances scale.
import { execFileSync, spawn } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import autocannon from "autocannon";
import mysql from "mysql2/promise";
import { createClient } from "redis";
import { ApiClient } from "../../e2e/support/api-client";
import { benchAppEnv, cpuMs, ensureBenchBuild, serveApp, stopAll, track } from "./app";
import { MIX_EXPECTED, mixCatalog, mixRequests, warmPages } from "./mix";
import { fmt, startBenchStack, stopBenchStack, table } from "./support";

const MAX_INSTANCES = Number(process.env.INSTANCES ?? 3);
const CONNECTIONS = Number(process.env.CONNECTIONS ?? 50);
const SECONDS = Number(process.env.SECONDS ?? 10);
const WARMUP = Number(process.env.WARMUP ?? 3);
const WRITERS = Number(process.env.WRITERS ?? 40);
const OFFSET = Number(process.env.GX_PORT_OFFSET ?? 0);
const LB_PORT = 3380 + OFFSET;
const FIRST_PORT = 3310 + OFFSET;

startBenchStack({ replicas: 1 });
// The trade limit is raised: this measures capacity, not the limit (`npm run bench` has a row for that).
const appEnv = benchAppEnv({ RATE_LIMIT_TRADE: "100000/60", HOSTNAME: "127.0.0.1" });
ensureBenchBuild(appEnv);
execFileSync("bash", ["scripts/lb.sh", "ensure"], { stdio: "inherit" });

const ports = Array.from({ length: MAX_INSTANCES }, (_, i) => FIRST_PORT + i);
const apps = await Promise.all(ports.map((p) => serveApp(appEnv, p)));
const appPids = apps.map((a) => a.pid!);

// The parts' counters.
const runDir = ".data/bench/run";
mkdirSync(runDir, { recursive: true });
const dbPorts = [3427 + OFFSET, 3428 + OFFSET];
const dbPids = dbPorts.map((_, i) => Number(readFileSync(`${runDir}/${i === 0 ? "primary" : "replica1"}.pid`, "utf8")));
const dbs = dbPorts.map((port) => mysql.createPool({ host: "127.0.0.1", port, user: "gx_ops", password: "gx_ops_local", connectionLimit: 1 }));
const redis = createClient({ url: `redis://127.0.0.1:${6499 + OFFSET}` });
await redis.connect();

async function statements() {
  let n = 0;
  for (const pool of dbs) {
    const [rows] = await pool.query("SHOW GLOBAL STATUS WHERE Variable_name IN ('Com_select', 'Com_insert', 'Com_update', 'Com_delete', 'Com_commit')");
    for (const r of rows as { Value: string }[]) n += Number(r.Value);
  }
  return n;
}
async function redisStats() {
  const info = await redis.info();
  const num = (k: string) => Number(new RegExp(`^${k}:([\\d.]+)`, "m").exec(info)?.[1] ?? 0);
  return { commands: num("total_commands_processed"), cpuMs: (num("used_cpu_user") + num("used_cpu_sys")) * 1000 };
}
type Sample = { t: number; app: number; lb: number; db: number; redisCpu: number; redisCmds: number; stmts: number };
async function sample(lbPid: number | undefined): Promise<Sample> {
  const r = await redisStats();
  return { t: Date.now(), app: cpuMs(appPids), lb: lbPid ? cpuMs([lbPid]) : 0, db: cpuMs(dbPids), redisCpu: r.cpuMs, redisCmds: r.commands, stmts: await statements() };
}
const diff = (a: Sample, b: Sample) => ({
  ms: b.t - a.t,
  app: b.app - a.app,
  lb: b.lb - a.lb,
  db: b.db - a.db,
  redisCpu: b.redisCpu - a.redisCpu,
  redisCmds: b.redisCmds - a.redisCmds,
  stmts: b.stmts - a.stmts,
});

// What the idle system costs per second (monitors, heartbeats, sweepers of 3 instances), to subtract.
const idle0 = await sample(undefined);
await new Promise((r) => setTimeout(r, 3000));
const idle = diff(idle0, await sample(undefined));
const perSec = (x: number) => (x * 1000) / idle.ms;

// The catalog and the traders (signed up on one instance: a session works on every instance).
const direct = `http://127.0.0.1:${FIRST_PORT}`;
const { productIds, face } = await mixCatalog(direct);
console.log(`signing up ${WRITERS} traders…`);
const traders = await Promise.all(Array.from({ length: WRITERS }, () => ApiClient.signUp(direct, { points: 5_000_000 })));
await warmPages(ports.map((port) => `http://127.0.0.1:${port}`), productIds.map((id) => `/products/${id}`));

async function withBalancer<T>(n: number, fn: (pid: number) => Promise<T>): Promise<T> {
  const cfg = `${runDir}/haproxy-scaling.cfg`;
  writeFileSync(cfg, execFileSync("bash", ["scripts/lb.sh", "config", String(LB_PORT), ...ports.slice(0, n).map(String)]));
  const lb = track(spawn("haproxy", ["-db", "-f", cfg], { stdio: "ignore", env: { ...process.env, PATH: `${process.env.PATH}:/usr/sbin` } }));
  try {
    // Every instance of the pool up in HAProxy's checks (rise 2 × 500 ms).
    for (let i = 0; i < 100; i++) {
      const seen = new Set<string>();
      for (let k = 0; k < n * 3; k++) {
        try {
          seen.add((await fetch(`http://127.0.0.1:${LB_PORT}/api/health/live`)).headers.get("x-served-by") ?? "");
        } catch {}
      }
      if (seen.size >= n && !seen.has("")) break;
      await new Promise((r) => setTimeout(r, 200));
    }
    if (n === 1) {
      // Each kind of read answers through the balancer as it does directly (a broken route would otherwise
      // only show as an error count).
      for (const path of ["/", "/new", `/products/${productIds[0]}`, "/products?sort=price", `/products?q=${encodeURIComponent("커피")}`, `/api/products/${productIds[0]}`]) {
        const res = await fetch(`http://127.0.0.1:${LB_PORT}${path}`);
        if (res.status !== 200) throw new Error(`GET ${path} through HAProxy answered ${res.status}`);
      }
    }
    return await fn(lb.pid!);
  } finally {
    lb.kill("SIGTERM");
    await new Promise((r) => lb.once("exit", r));
  }
}

type Row = { n: number; rps: number; p50: number; p99: number; errors: number; codes: Record<string, number>; perReq: ReturnType<typeof diff> };
const rows: Row[] = [];
for (let n = 1; n <= MAX_INSTANCES; n++) {
  const row = await withBalancer(n, async (lbPid) => {
    const run = (duration: number) => autocannon({ url: `http://127.0.0.1:${LB_PORT}`, connections: CONNECTIONS, duration, requests: mixRequests(productIds, face, traders) });
    if (WARMUP > 0) await run(WARMUP);
    const before = await sample(lbPid);
    const r = await run(SECONDS);
    const d = diff(before, await sample(lbPid));
    const total = r.requests.total;
    const codes: Record<string, number> = {};
    for (const [c, v] of Object.entries(r.statusCodeStats ?? {})) codes[c] = (v as { count: number }).count;
    const expected = new Set(MIX_EXPECTED.map(String));
    const errors = r.errors + r.timeouts + Object.entries(codes).filter(([c]) => !expected.has(c)).reduce((a, [, v]) => a + v, 0);
    const per = (x: number, idlePerSec: number) => Math.max(0, x - (idlePerSec * d.ms) / 1000) / Math.max(1, total);
    return {
      n,
      rps: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      errors,
      codes,
      perReq: {
        ms: d.ms,
        app: per(d.app, perSec(idle.app)),
        lb: d.lb / Math.max(1, total),
        db: per(d.db, perSec(idle.db)),
        redisCpu: per(d.redisCpu, perSec(idle.redisCpu)),
        redisCmds: per(d.redisCmds, perSec(idle.redisCmds)),
        stmts: per(d.stmts, perSec(idle.stmts)),
      },
    };
  });
  rows.push(row);
  console.log(`  ${n} instance(s): ${fmt(row.rps, 0)} req/s, p99 ${row.p99} ms, ${JSON.stringify(row.codes)}`);
}

stopAll();
await redis.quit();
await Promise.all(dbs.map((d) => d.end()));
stopBenchStack();

const one = rows[0];
console.log(`\nScaling — the mix through HAProxy, ${CONNECTIONS} connections, ${SECONDS} s per row; everything on this machine (${(await import("node:os")).cpus().length} cores), this run\n`);
console.log(
  table([
    ["instances", "req/s", "× 1 instance", "p50 ms", "p99 ms", "errors", "app CPU ms/req", "HAProxy CPU ms/req", "MariaDB CPU ms/req", "Redis CPU ms/req", "DB statements/req", "Redis commands/req"],
    ...rows.map((r) => [
      r.n,
      fmt(r.rps, 0),
      fmt(r.rps / one.rps, 2) + "×",
      r.p50,
      r.p99,
      r.errors,
      fmt(r.perReq.app, 2),
      fmt(r.perReq.lb, 2),
      fmt(r.perReq.db, 2),
      fmt(r.perReq.redisCpu, 2),
      fmt(r.perReq.stmts, 2),
      fmt(r.perReq.redisCmds, 2),
    ]),
  ]),
);
const cpuPerReq = one.perReq.app + one.perReq.lb + one.perReq.db + one.perReq.redisCpu;
console.log(
  `\nCPU per request with 1 instance: ${fmt(cpuPerReq, 2)} ms in the servers (app ${fmt((100 * one.perReq.app) / cpuPerReq, 0)} %), ` +
    `so 2 cores carry at most ≈ ${fmt(2000 / cpuPerReq, 0)} req/s of the mix before the load generator takes its share`,
);
console.log(`mix status codes per row: ${rows.map((r) => JSON.stringify(r.codes)).join(" ")}`);
process.exit(rows.some((r) => r.errors) ? 1 : 0);
