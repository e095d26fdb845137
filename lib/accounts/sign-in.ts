import "server-only";
import { eq } from "drizzle-orm";
import { primaryDb } from "@/db/primary";
import { users } from "@/db/schema";
import { DUMMY_HASH, verifyPassword } from "@/lib/auth/password";

/**
 * The user whose email and password match, if active. Read on the primary: a user who just signed up can
 * sign in at once, and a suspension takes effect at once. Unknown emails cost a hash check too.
 */
export async function findUserForSignIn(email: string, password: string) {
  const [user] = await primaryDb()
    .select({ id: users.id, email: users.email, nickname: users.nickname, role: users.role, status: users.status, hash: users.passwordHash })
    .from(users)
    .where(eq(users.email, email));
  const ok = await verifyPassword(user?.hash ?? DUMMY_HASH, password);
  if (!user || !ok || user.status !== "active") return null;
  return { id: user.id, email: user.email, nickname: user.nickname, role: user.role };
}
