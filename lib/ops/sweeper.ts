import "server-only";
import { expireBids, expireListings } from "@/lib/market/commands/sweep";
import { autoConfirmDue } from "@/lib/orders/commands";

// Every second: expire what passed its deadline, auto-confirm orders whose window passed.
const EVERY_MS = 1_000; // a listing past its deadline leaves every page within about a second
const g = globalThis as unknown as { __gxSweeper?: ReturnType<typeof setInterval> };

export async function sweepOnce() {
  const [listingsExpired, bidsExpired, ordersConfirmed] = [await expireListings(), await expireBids(), await autoConfirmDue()];
  return { listingsExpired, bidsExpired, ordersConfirmed };
}

export function startSweeper() {
  if (g.__gxSweeper) return;
  let busy = false;
  g.__gxSweeper = setInterval(async () => {
    if (busy) return;
    busy = true;
    try {
      await sweepOnce();
    } catch (e) {
      // primary down or similar: the next round tries again
      if (!(e instanceof Error && /primary_unavailable|ECONNREFUSED/.test(`${(e as { code?: string }).code} ${e.message}`))) {
        console.error("[sweeper]", e instanceof Error ? e.message : e);
      }
    } finally {
      busy = false;
    }
  }, EVERY_MS);
  g.__gxSweeper.unref?.();
}

export function stopSweeper() {
  if (g.__gxSweeper) clearInterval(g.__gxSweeper);
  g.__gxSweeper = undefined;
}
