import "server-only";
import { ensureMonitor } from "@/lib/read/monitor";
import { startHeartbeat } from "./heartbeat";
import { startSweeper } from "./sweeper";

/**
 * Heartbeat, replica monitor and the sweeper that expires deadlines, in every server process. Resolves
 * once every node was probed once (each within DB_CONNECT_TIMEOUT_MS), so a server that says it is ready
 * has its pools open and knows which nodes answer: its first /api/health is not a cold start.
 */
export async function startBackground() {
  startHeartbeat();
  startSweeper();
  await ensureMonitor();
}
