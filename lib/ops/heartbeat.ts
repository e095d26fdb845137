import "server-only";
import { hostname } from "node:os";
import { sql } from "drizzle-orm";
import { primaryDb } from "@/db/primary";
import { heartbeats } from "@/db/schema";
import { HEARTBEAT_EVERY_MS } from "@/lib/read/monitor";

// Every app process writes a heartbeat row on the primary twice a second (as pt-heartbeat does), so that
// positions keep moving and a delayed replica's lag is visible even when nobody trades.

const SOURCE = `${hostname()}:${process.pid}`.slice(0, 64);
const g = globalThis as unknown as { __gxHeartbeat?: ReturnType<typeof setInterval> };

export function startHeartbeat() {
  if (g.__gxHeartbeat) return;
  let busy = false;
  g.__gxHeartbeat = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      await primaryDb()
        .insert(heartbeats)
        .values({ source: SOURCE, ts: sql`NOW(6)` })
        .onDuplicateKeyUpdate({ set: { ts: sql`NOW(6)` } });
    } catch {
      // primary down: the monitor reports it; nothing to do here
    } finally {
      busy = false;
    }
  }, HEARTBEAT_EVERY_MS);
  g.__gxHeartbeat.unref?.();
}

export function stopHeartbeat() {
  if (g.__gxHeartbeat) clearInterval(g.__gxHeartbeat);
  g.__gxHeartbeat = undefined;
}
