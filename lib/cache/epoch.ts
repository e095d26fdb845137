import "server-only";
import { randomUUID } from "node:crypto";
import { boundedQuery } from "@/db/deadline";
import { readNodes } from "@/db/readers";
import { config } from "@/lib/config";
import { primaryPositionVia } from "@/db/positions";
import { nodeStates } from "@/lib/read/monitor";
import { guarded } from "./breaker";
import { keys, TTL } from "./keys";
import { OPEN_EPOCH } from "./lua";
import { script } from "./redis";

// The cached views' epoch, as the page cache has one (lib/cache/page-cache-handler.cjs): a key without a
// TTL that lives exactly as long as Redis's data. When a reader finds it missing, Redis lost its data
// (a flush, a failover to an empty replica, a restore from an older snapshot), and with it the fences and
// deltas that kept lagging snapshots out. The reader then reads the primary's position P and opens a new
// epoch with the global fence at P: refills are accepted only from snapshots at or after P, which contain
// every change whose fence may have been lost.

const opening = new Map<string, Promise<number>>();
const g = globalThis as unknown as { __gxEpochs?: number };

async function primaryPosition(): Promise<number> {
  const primary = readNodes().find((n) => n.role === "primary")!;
  try {
    return await primaryPositionVia((sql) => boundedQuery(primary.pool, sql, [], config().DB_READ_TIMEOUT_MS, "epoch: primary position"));
  } catch {
    // Primary silent: the newest position any node was seen at is the best lower bound there is.
    return Math.max(0, ...nodeStates().map((s) => s.seq));
  }
}

/**
 * Opens a new epoch for the views beside `key` (all of them on a single Redis, its slot's on a cluster) if
 * none is open, single-flight per process; returns the fence refills must meet.
 */
export function openEpoch(key: string): Promise<number> {
  const epochKey = keys.epoch(key);
  let job = opening.get(epochKey);
  if (job) return job;
  job = (async () => {
    const seq = await primaryPosition();
    const opened = await guarded(() =>
      script<number>(OPEN_EPOCH).exec([epochKey, keys.globalFence(key)], [String(seq), randomUUID(), String(TTL.fenceMs)]),
    ).catch(() => 0);
    if (Number(opened) === 1) g.__gxEpochs = (g.__gxEpochs ?? 0) + 1;
    return seq;
  })().finally(() => opening.delete(epochKey));
  opening.set(epochKey, job);
  return job;
}

/** Epochs this process opened (health). */
export const epochsOpened = () => g.__gxEpochs ?? 0;
