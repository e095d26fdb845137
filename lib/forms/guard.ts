import "server-only";
import { notFound, redirect } from "next/navigation";
import { getMeForAccess } from "@/lib/accounts/queries";
import { currentActor } from "@/lib/auth/session";
import { readerPosition } from "@/lib/session/position";
import type { Actor } from "@/lib/write/command";
import { loginHref } from "./links";

// Who may see a page. Signed-in pages send a visitor to the login page and back; admin pages answer
// everyone else with the same 404 as a page that does not exist (nothing about the admin area is revealed).

export async function signedInOrLogin(returnTo: string): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect(loginHref(returnTo));
  return actor;
}

/** The session's role is only a hint: the account is re-read (fresh) before an admin page shows anything. */
export async function adminOrNotFound(): Promise<Actor & { minSeq: number }> {
  const actor = await currentActor();
  if (actor?.role !== "admin") notFound();
  const minSeq = await readerPosition(actor.id);
  const me = await getMeForAccess({ userId: actor.id, minSeq });
  if (me?.role !== "admin" || me.status !== "active") notFound();
  return { ...actor, minSeq };
}
