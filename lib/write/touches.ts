import "server-only";
import { inArray, sql } from "drizzle-orm";
import type { Tx } from "@/db/primary";
import { pointLedger, users, withdrawals } from "@/db/schema";
import { ownRow } from "@/lib/accounts/own-changes";
import { meColumns, myWithdrawalColumns } from "@/lib/accounts/own-columns";
import { keys, type OwnView } from "@/lib/cache/keys";
import type { Change } from "@/lib/cache/publish";

// Which users' own pages a command changed, as the database saw it: the triggers of
// db/migrations/0008_own_view_touches.sql append "<view><user id>[:<row id>]," to @gx_touched for every row
// written. Then, still in the command's transaction:
// - the single-table views (the account row, the point ledger, withdrawals) get the rows as they are now,
//   read back by id and published whole: every balance change is described, whoever made it;
// - a list view (listings, bids, orders: joins) is described by the command's own deltas
//   (lib/accounts/own-changes.ts) or, if it has none for that view, gets its fence raised.
// So a cached own page (lib/accounts/own-views.ts) never misses a change, whichever code made it — a new
// command, an admin action, the sweeper. Forgetting to publish costs a re-read, never a stale page.

const LISTS: Record<string, OwnView> = { L: "listings", B: "bids", O: "orders" };

type RowView = { what: OwnView; read: (tx: Tx, ids: number[]) => Promise<{ id: number; userId: number; row: unknown }[]> };
const ROWS: Record<string, RowView> = {
  M: { what: "me", read: async (tx, ids) => (await tx.select(meColumns).from(users).where(inArray(users.id, ids))).map((r) => ({ id: r.id, userId: r.id, row: r })) },
  P: { what: "ledger", read: async (tx, ids) => (await tx.select().from(pointLedger).where(inArray(pointLedger.id, ids))).map((r) => ({ id: r.id, userId: r.userId, row: r })) },
  W: {
    what: "withdrawals",
    read: async (tx, ids) => (await tx.select(myWithdrawalColumns).from(withdrawals).where(inArray(withdrawals.id, ids))).map((r) => ({ id: r.id, userId: r.userId, row: r })),
  },
};

/** Starts a command's record (the variable lives in the connection's session, across transactions). */
export async function startTouches(tx: Tx) {
  await tx.execute(sql`SET @gx_touched = NULL`);
}

/** The changes of the own views this transaction touched that `changes` does not describe. */
export async function uncoveredTouches(tx: Tx, changes: Change[]): Promise<Change[]> {
  const [rows] = (await tx.execute(sql`SELECT CAST(@gx_touched AS CHAR) AS t`)) as unknown as [{ t: string | null }[]];
  const raw = rows[0]?.t;
  if (!raw) return [];
  const described = new Set(changes.filter((c) => "delta" in c).map((c) => c.view.fence));
  const fences = new Map<string, Change>();
  const fence = (userId: number, what: OwnView) => {
    const view = keys.own(userId, what);
    if (!described.has(view.fence)) fences.set(view.fence, { view, fence: true });
  };
  const wanted = new Map<string, Map<number, number>>(); // letter → row id → user id
  for (const token of new Set(raw.split(","))) {
    const m = /^([A-Z])(\d+)(?::(\d+))?$/.exec(token);
    if (!m) continue;
    const [, letter, uid, rowId] = m;
    const userId = Number(uid);
    if (LISTS[letter]) fence(userId, LISTS[letter]);
    else if (ROWS[letter]) {
      if (!rowId || rowId === "0") fence(userId, ROWS[letter].what);
      else {
        if (!wanted.has(letter)) wanted.set(letter, new Map());
        wanted.get(letter)!.set(Number(rowId), userId);
      }
    }
  }
  const published: Change[] = [];
  for (const [letter, ids] of wanted) {
    const { what, read } = ROWS[letter];
    const found = await read(tx, [...ids.keys()]);
    for (const r of found) published.push(ownRow(r.userId, what, r.row as never));
    // A row gone by now, or moved to another user: that user's view is re-read.
    for (const [id, userId] of ids) if (!found.some((r) => r.id === id && r.userId === userId)) fence(userId, what);
  }
  return [...published, ...fences.values()];
}
