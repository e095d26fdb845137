import "server-only";
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { DUMMY_HASH, verifyPassword } from "@/lib/auth/password";
import { readAt } from "@/lib/read/router";

/**
 * The user whose email and password match, if active. Read on the primary: a user who just signed up can
 * sign in at once, and a suspension takes effect at once. Unknown emails cost a hash check too.
 * It reads through the primary's read-only account (readAt "primary"), not the write client: reading the
 * session (lib/auth/auth.ts) on every page must not pull the write path into the read side's imports.
 */
export async function findUserForSignIn(email: string, password: string) {
  const { value: user, seq } = await readAt({ mode: "primary" }, async (db) => {
    const [u] = await db
      .select({ id: users.id, email: users.email, nickname: users.nickname, role: users.role, status: users.status, sessionVersion: users.sessionVersion, hash: users.passwordHash })
      .from(users)
      .where(eq(users.email, email));
    return u ?? null;
  });
  const ok = await verifyPassword(user?.hash ?? DUMMY_HASH, password);
  if (!user || !ok || user.status !== "active") return null;
  // `seq`: the primary's position the account was read at. The session carries it, so that the new
  // session's own reads never see less than sign-in saw (a just-created account is not "signed out" on a
  // lagging replica; lib/session/position.ts).
  return { id: user.id, email: user.email, nickname: user.nickname, role: user.role, sessionVersion: user.sessionVersion, seq };
}
