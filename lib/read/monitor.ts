import "server-only";
import { boundedQuery } from "@/db/deadline";
import { readNodes, type ReadNode } from "@/db/readers";
import { config } from "@/lib/config";
import { positions } from "@/db/positions";

// Watches every database node a few times a second: is it reachable, what position has it applied, and
// how far behind the primary is it. Lag is measured from positions, not from Seconds_Behind_Master:
// the primary's position is sampled over time, so a replica at position r is as stale as the oldest
// commit it is missing, i.e. `now - (first time the primary was seen past r)`. The heartbeat that every
// app process writes (lib/ops/heartbeat.ts) keeps commits flowing, so an idle but delayed replica shows
// its delay too.

export type NodeState = {
  name: string;
  role: "primary" | "replica";
  url: string;
  reachable: boolean;
  seq: number; // applied (replica) or written (primary) position; 0 when never seen
  gtid: string | null;
  lagMs: number | null; // replicas: null when unknown (primary unreachable or never seen)
  // Replicas: an upper bound of the lag that needs no position: the primary's clock now less the newest
  // heartbeat the replica has applied (≤ true lag + one heartbeat interval). Used by CONSISTENCY=window.
  heartbeatLagMs: number | null;
  heartbeatAt: number | null; // the newest heartbeat this node has (primary's clock)
  newestHeartbeatAt?: number | null; // primary: the newest heartbeat written
  checkedAt: number;
  error: string | null;
};

const POLL_MS = 200;
// A probe is one tiny statement: the read budget is plenty for a node that answers at all.
const probeTimeoutMs = () => Math.min(config().DB_READ_TIMEOUT_MS, config().HEALTH_PROBE_TIMEOUT_MS);
/** How often every app process writes its heartbeat (lib/ops/heartbeat.ts); lag estimates allow for it. */
export const HEARTBEAT_EVERY_MS = 500;
const HISTORY_MS = 15 * 60_000;

type Monitor = {
  states: Map<string, NodeState>;
  history: { at: number; seq: number }[]; // primary position samples, only when it moved
  timer: ReturnType<typeof setInterval> | null;
  inflight: Set<string>;
  ready: Promise<void> | null;
};

const g = globalThis as unknown as { __gxMonitor?: Monitor };
const m = (): Monitor => (g.__gxMonitor ??= { states: new Map(), history: [], timer: null, inflight: new Set(), ready: null });

async function probe(node: ReadNode): Promise<void> {
  const mon = m();
  if (mon.inflight.has(node.name)) return;
  mon.inflight.add(node.name);
  const prev = mon.states.get(node.name);
  try {
    // Bounded: a silent node is reported unreachable after one budget instead of leaving the probe hanging
    // (and the node looking fine) until it wakes up. A node's first probe opens its pool's first connection
    // (TCP, handshake, authentication: over half a second in a process just started on a busy machine), so
    // it gets the connect budget; every later probe finds a connection waiting.
    const rows = await boundedQuery<{ pos: unknown; hb: Date | null; last?: Date | null }>(
      node.pool,
      positions().probeSql(node.role),
      [],
      prev ? probeTimeoutMs() : Math.max(probeTimeoutMs(), config().DB_CONNECT_TIMEOUT_MS),
      `${node.name}: probe`,
    );
    const row = rows[0];
    const gtid = row?.pos === null || row?.pos === undefined ? "" : String(row.pos);
    const heartbeatAt = row?.hb ? new Date(row.hb).getTime() : null;
    const seq = positions().parse(row?.pos);
    const now = Date.now();
    if (node.role === "primary") {
      const last = mon.history.at(-1);
      if (!last || last.seq !== seq) mon.history.push({ at: now, seq });
      while (mon.history.length > 2 && mon.history[0].at < now - HISTORY_MS) mon.history.shift();
    }
    const newestHeartbeatAt = row?.last ? new Date(row.last).getTime() : null;
    mon.states.set(node.name, { ...base(node), reachable: true, seq, gtid, heartbeatAt, newestHeartbeatAt, checkedAt: now, error: null, lagMs: prev?.lagMs ?? null, heartbeatLagMs: prev?.heartbeatLagMs ?? null });
  } catch (e) {
    mon.states.set(node.name, {
      ...(prev ?? base(node)),
      reachable: false,
      checkedAt: Date.now(),
      error: e instanceof Error ? e.message : String(e),
    });
  } finally {
    mon.inflight.delete(node.name);
  }
}

const base = (node: ReadNode): NodeState => ({
  name: node.name,
  role: node.role,
  url: node.url,
  reachable: false,
  seq: 0,
  gtid: null,
  lagMs: null,
  heartbeatLagMs: null,
  heartbeatAt: null,
  checkedAt: 0,
  error: null,
});

function computeLags() {
  const mon = m();
  const primary = mon.states.get("primary");
  for (const s of mon.states.values()) {
    if (s.role !== "replica") continue;
    if (!primary?.reachable || !s.reachable) {
      s.lagMs = s.reachable ? s.lagMs : null;
      s.heartbeatLagMs = null;
      continue;
    }
    s.heartbeatLagMs = primary.heartbeatAt && s.heartbeatAt ? Math.max(0, primary.heartbeatAt - s.heartbeatAt) : null;
    // The age of the newest heartbeat the replica has applied, less one heartbeat interval: a lower bound of
    // its lag.
    const fromHeartbeat = primary.heartbeatAt && s.heartbeatAt ? Math.max(0, primary.heartbeatAt - s.heartbeatAt - HEARTBEAT_EVERY_MS) : 0;
    if (s.seq >= primary.seq) {
      // It has every position. With GTIDs the heartbeats are positions too; with a counter only commands
      // are, so a replica that stopped applying while no command ran shows it by the heartbeats alone: how far
      // the newest one it has is behind the newest one written.
      const missed = primary.newestHeartbeatAt && s.heartbeatAt ? Math.max(0, primary.newestHeartbeatAt - s.heartbeatAt) : 0;
      s.lagMs = positions().name === "counter" ? missed : 0;
      continue;
    }
    // The first sample in which the primary had something this replica has not applied yet.
    const firstAhead = mon.history.find((h) => h.seq > s.seq);
    const fromHistory = firstAhead ? Math.max(0, Date.now() - firstAhead.at) : HISTORY_MS;
    // When the history does not reach back far enough (the monitor just started), the heartbeat's bound.
    s.lagMs = firstAhead === mon.history[0] ? Math.max(fromHistory, fromHeartbeat) : fromHistory;
  }
}

async function pollOnce() {
  await Promise.all(readNodes().map(probe));
  computeLags();
}

/** Starts the monitor in this process (idempotent) and resolves once every node was probed once. */
export function ensureMonitor(): Promise<void> {
  const mon = m();
  if (!mon.timer) {
    mon.timer = setInterval(() => void pollOnce().catch(() => {}), POLL_MS);
    mon.timer.unref?.();
    mon.ready = pollOnce().catch(() => {});
  }
  return mon.ready ?? Promise.resolve();
}

export function stopMonitor() {
  const mon = m();
  if (mon.timer) clearInterval(mon.timer);
  mon.timer = null;
  mon.ready = null;
  mon.states.clear();
  mon.history = [];
}

/** Probe now instead of waiting for the next tick (tests, and the health endpoint). */
export const refreshNow = () => pollOnce();

export function nodeStates(): NodeState[] {
  return readNodes().map((n) => m().states.get(n.name) ?? base(n));
}

export function nodeState(name: string): NodeState | undefined {
  return m().states.get(name);
}

/** A read saw `name` fail or overrun: no more reads go there until a probe sees it answer again. */
export function markUnreachable(name: string, e: unknown) {
  const s = m().states.get(name);
  if (s) s.reachable = false, s.error = e instanceof Error ? e.message : String(e);
}
