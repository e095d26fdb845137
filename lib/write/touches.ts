import "server-only";
import { sql } from "drizzle-orm";
import type { Tx } from "@/db/primary";
import { keys, type OwnView } from "@/lib/cache/keys";
import type { Change } from "@/lib/cache/publish";

// Which users' own pages a command changed, as the database saw it: the triggers of
// db/migrations/0008_own_view_touches.sql append "<view><user id>," to @gx_touched for every row written.
// A command describes the changes it knows of with complete rows (lib/market/changes.ts, own*); every other
// touched view gets its fence raised here, so a cached own page (lib/accounts/own-views.ts) never misses a
// change, whichever code made it — a new command, an admin action, the sweeper. Forgetting to publish
// costs a re-read, never a stale page.

const VIEWS: Record<string, OwnView> = { L: "listings", B: "bids", O: "orders" };

/** Starts a command's record (the variable lives in the connection's session, across transactions). */
export async function startTouches(tx: Tx) {
  await tx.execute(sql`SET @gx_touched = NULL`);
}

/** The fence raises for the own views this transaction touched and `changes` does not describe. */
export async function uncoveredTouches(tx: Tx, changes: Change[]): Promise<Change[]> {
  const [rows] = (await tx.execute(sql`SELECT CAST(@gx_touched AS CHAR) AS t`)) as unknown as [{ t: string | null }[]];
  const raw = rows[0]?.t;
  if (!raw) return [];
  const described = new Set(changes.filter((c) => "delta" in c).map((c) => c.view.fence));
  const out = new Map<string, Change>();
  for (const token of raw.split(",")) {
    const what = VIEWS[token[0]];
    const userId = Number(token.slice(1));
    if (!what || !Number.isSafeInteger(userId) || userId <= 0) continue;
    const view = keys.own(userId, what);
    if (!described.has(view.fence) && !out.has(view.fence)) out.set(view.fence, { view, fence: true });
  }
  return [...out.values()];
}
