import { closeRedis } from "@/lib/cache/redis";
import { stopMonitor } from "@/lib/read/monitor";
import { stopOutboxDeletes } from "@/lib/write/outbox";
import { primaryPool } from "./primary";
import { closeReadNodes } from "./readers";

/** Closes every pool and client this process opened (scripts and tests end with it). */
export async function closeDatabases() {
  stopMonitor();
  await stopOutboxDeletes();
  await Promise.allSettled([primaryPool().end(), closeReadNodes(), closeRedis()]);
  Object.assign(globalThis, { __gxPrimaryPool: undefined, __gxPrimaryDb: undefined });
}
