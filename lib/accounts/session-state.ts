import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { keys } from "@/lib/cache/keys";
import { readView, type ViewDef } from "@/lib/cache/views";

// What decides whether a signed-in session still counts: the account's status and session version.
// Checked on every signed-in request, so it is a cached view (one Redis round trip), fenced by every
// command that changes either (suspend, reinstate, password change: lib/market/changes.ts sessionChanged)
// and read on the primary whenever the cache cannot vouch for it.

export type SessionState = { status: "active" | "suspended"; sessionVersion: number };

export const sessionView: ViewDef<number, SessionState | null> = {
  name: "session",
  keys: (userId) => keys.session(userId),
  load: async (db, userId) => {
    const [u] = await db.select({ status: users.status, sessionVersion: users.sessionVersion }).from(users).where(eq(users.id, userId));
    return u ?? null;
  },
  ttlMs: 3_600_000,
  critical: true,
};

/**
 * `signedInSeq`: the primary's position the session signed in at (lib/accounts/sign-in.ts). The cached
 * check counts only if Redis heard of the account at or after it; otherwise it is read from a node that has
 * it, so a new account never reads as "no such user" on a lagging replica while the sign-up's publish is
 * still on its way (its outbox row raises the fence a little later).
 */
export async function sessionState(userId: number, signedInSeq = 0): Promise<SessionState | null> {
  return (await readView(sessionView, userId, signedInSeq > 0 ? { floor: signedInSeq } : {})).data;
}
