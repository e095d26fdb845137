import { execFileSync } from "node:child_process";
import { createClient } from "redis";
import { readFileSync } from "node:fs";
import mysql from "mysql2/promise";
import { primaryPositionVia } from "@/db/positions";

// Test tooling that controls the real test stack: stop and start servers, pause and delay replication.
// Uses the ops account (all privileges, 127.0.0.1 only) that scripts/services.sh creates.

export type NodeName = "primary" | "replica1" | "replica2";
// The test stack by default; benchmarks use the same tooling on the bench stack (scripts/stack.sh).
const STACK = process.env.GX_STACK === "bench" ? "bench" : "test";
const BASE_PORT = (STACK === "bench" ? 3427 : 3417) + Number(process.env.GX_PORT_OFFSET ?? 0);
export const portOf = (n: NodeName) => (n === "primary" ? BASE_PORT : BASE_PORT + Number(n.slice(-1)));

export async function opsQuery<T = Record<string, unknown>>(node: NodeName, sql: string, params: unknown[] = []) {
  const conn = await mysql.createConnection({
    host: "127.0.0.1",
    port: portOf(node),
    user: process.env.OPS_DATABASE_USER ?? "gx_ops",
    password: process.env.OPS_DATABASE_PASSWORD ?? "gx_ops_local",
    database: "gifticon",
    timezone: "Z",
    connectTimeout: 2_000,
  });
  try {
    const [rows] = await conn.query(sql, params);
    return rows as T[];
  } finally {
    await conn.end();
  }
}

export function services(...args: string[]) {
  execFileSync("bash", ["scripts/services.sh", ...args], { env: { ...process.env, GX_STACK: STACK }, stdio: "pipe" });
}
export const stopNode = (n: NodeName | "redis") => services("stop", n);
export const startNode = (n: NodeName | "redis") => services("start", n);

/** Stops applying events on a replica (the IO thread keeps fetching them): reads there go stale. */
export const pauseReplication = (n: NodeName) => opsQuery(n, "STOP SLAVE SQL_THREAD");
export const resumeReplication = (n: NodeName) => opsQuery(n, "START SLAVE");

/** Keeps a replica `seconds` behind the primary (MASTER_DELAY), as a real lagging replica would be. */
export async function setReplicaDelay(n: NodeName, seconds: number) {
  await opsQuery(n, "STOP SLAVE");
  await opsQuery(n, `CHANGE MASTER TO MASTER_DELAY=${Math.trunc(seconds)}`);
  await opsQuery(n, "START SLAVE");
}

export async function primaryGtid(): Promise<string> {
  const [row] = await opsQuery<{ g: string }>("primary", "SELECT @@gtid_binlog_pos AS g");
  return row.g;
}

/** The primary's newest position as the app counts them (db/positions.ts: a GTID's number, or the counter). */
export async function primaryPosition(): Promise<number> {
  return primaryPositionVia((sql) => opsQuery("primary", sql));
}

/** Waits until the replica has applied `gtid` (MASTER_GTID_WAIT); false on timeout. */
export async function waitForReplica(n: NodeName, gtid: string, timeoutSeconds = 20) {
  const [row] = await opsQuery<{ r: number }>(n, "SELECT MASTER_GTID_WAIT(?, ?) AS r", [gtid, timeoutSeconds]);
  return Number(row.r) === 0;
}

/** Every replica back to normal: running, no delay, caught up with the primary. */
export async function healReplication(replicas: NodeName[] = ["replica1", "replica2"]) {
  for (const n of replicas) {
    try {
      await opsQuery(n, "SELECT 1");
    } catch {
      startNode(n);
    }
    await setReplicaDelay(n, 0);
  }
  const g = await primaryGtid();
  for (const n of replicas) await waitForReplica(n, g, 30);
}

// Silence instead of refusal: SIGSTOP freezes a server with its sockets open (connections are accepted by
// the kernel and nothing answers), as in a partition, a stalled disk or a long-running script; SIGCONT
// resumes it. The pid files are the ones scripts/services.sh writes under .data/<stack>/run.
const pidOf = (n: NodeName | "redis") => Number(readFileSync(`.data/${STACK}/run/${n}.pid`, "utf8").trim());
export const pauseNode = (n: NodeName | "redis") => process.kill(pidOf(n), "SIGSTOP");
export function resumeNode(n: NodeName | "redis") {
  try {
    process.kill(pidOf(n), "SIGCONT");
  } catch {
    // not running (stopped by a test): nothing to resume
  }
}

// The stack's Redis Cluster (scripts/services.sh cluster): 3 primaries on the first three ports, a replica
// of each on the next three. Started on first use, stopped with the stack.
export function redisCluster() {
  services("cluster", "up");
  const out = execFileSync("bash", ["scripts/services.sh", "cluster", "env"], { env: { ...process.env, GX_STACK: STACK }, encoding: "utf8" });
  const nodes = out.trim().replace(/^REDIS_CLUSTER_NODES=/, "");
  return { nodes, urls: nodes.split(",").map((n) => `redis://${n}`) };
}
/** The pid of cluster node `n` (0…5), for SIGKILL/SIGSTOP in failover tests. */
export const clusterPid = (n: number) => Number(readFileSync(`.data/${STACK}/run/cluster-${n}.pid`, "utf8").trim());
export const startClusterNode = (n: number) => services("cluster", "start", String(n));

/** Asks one node, directly (not through the cluster client), within a second. */
export async function askNode<T>(port: number, ...cmd: string[]): Promise<T> {
  const c = createClient({ url: `redis://127.0.0.1:${port}`, RESP: 2, socket: { connectTimeout: 1_000, reconnectStrategy: false } });
  c.on("error", () => {});
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no answer from ${port}`)), 1_000)));
  try {
    return (await Promise.race([c.connect().then(() => c.sendCommand(cmd)), deadline])) as T;
  } finally {
    clearTimeout(timer);
    c.destroy();
  }
}

/** The port of the primary that serves `key`'s slot, as `via` sees the cluster. */
export async function primaryOf(key: string, via: number): Promise<number> {
  const slot = await askNode<number>(via, "CLUSTER", "KEYSLOT", key);
  const lines = String(await askNode<string>(via, "CLUSTER", "NODES")).trim().split("\n");
  for (const l of lines) {
    const [, addr, flags, , , , , , ...ranges] = l.split(" ");
    if (!flags.includes("master") || flags.includes("fail")) continue;
    for (const r of ranges) {
      const [a, b = a] = r.split("-").map(Number);
      if (slot >= a && slot <= b) return Number(addr.split(":")[1].split("@")[0]);
    }
  }
  throw new Error(`no live primary for slot ${slot}`);
}

/** Polls `fn` (errors count as not yet) until `ok` holds, for up to `ms`; throws saying what it waited for. */
export async function eventually<T>(what: string, fn: () => Promise<T>, ok: (v: T) => boolean, ms = 20_000): Promise<T> {
  const end = Date.now() + ms;
  let last: T | undefined;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (ok(last)) return last;
    } catch {}
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`timed out waiting for ${what} (last: ${JSON.stringify(last)?.slice(0, 200)})`);
}

/** Rows waiting in the transactional outbox (lib/write/outbox.ts). */
export const outboxRows = async () => Number((await opsQuery<{ n: number }>("primary", "SELECT COUNT(*) AS n FROM outbox"))[0].n);
