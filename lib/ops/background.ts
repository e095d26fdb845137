import "server-only";
import { ensureMonitor } from "@/lib/read/monitor";
import { startHeartbeat } from "./heartbeat";
import { startSweeper } from "./sweeper";

/** Heartbeat, replica monitor and the sweeper that expires deadlines, in every server process. */
export function startBackground() {
  startHeartbeat();
  void ensureMonitor();
  startSweeper();
}
