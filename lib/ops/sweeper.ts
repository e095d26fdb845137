import "server-only";
import { isUnreachable } from "@/db/errors";
import { describeError, isAppError } from "@/lib/errors";
import { expireBids, expireListings } from "@/lib/market/commands/sweep";
import { autoConfirmDue } from "@/lib/orders/commands";
import { reconcilePayments } from "@/lib/points/commands";
import { drainOutbox } from "@/lib/write/outbox";
import { remindExpiring } from "@/lib/notifications/commands";

// Every second: publish what commands could not (the outbox: lib/write/outbox.ts), expire what passed its deadline, auto-confirm orders whose window passed, settle top-ups
// whose process died between the charge and the credit.
const EVERY_MS = 1_000; // a listing past its deadline leaves every page within about a second
const g = globalThis as unknown as { __gxSweeper?: ReturnType<typeof setInterval> };

export async function sweepOnce() {
  // First, and on its own: the outbox's changes reach Redis even while the primary is slow for the rest.
  const outboxDrained = await drainOutbox().catch(() => 0);
  return {
    outboxDrained,
    listingsExpired: await expireListings(),
    bidsExpired: await expireBids(),
    ordersConfirmed: await autoConfirmDue(),
    paymentsReconciled: await reconcilePayments(),
    expiryReminders: await remindEvery(60_000),
  };
}

// The D-7 / D-1 reminders need no second-level freshness: once a minute per process is plenty.
let lastReminder = 0;
async function remindEvery(ms: number): Promise<number> {
  if (Date.now() - lastReminder < ms) return 0;
  lastReminder = Date.now();
  return remindExpiring();
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
      // The primary down: the monitor reports it, and the next round tries again.
      if (!isUnreachable(e) && !(isAppError(e) && e.kind === "unavailable")) console.error("[sweeper]", describeError(e));
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
