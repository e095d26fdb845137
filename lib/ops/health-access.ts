import "server-only";
import { createHash, timingSafeEqual } from "node:crypto";
import { getMeForAccess } from "@/lib/accounts/queries";
import { currentActor } from "@/lib/auth/session";
import { config } from "@/lib/config";
import { readerPosition } from "@/lib/session/position";

// Who may see the health detail (database topology, positions, error texts): an operator's tool with
// OPS_TOKEN, or an active admin (the session's role is only a hint: the account is re-read).

const digest = (s: string) => createHash("sha256").update(s).digest();

/** `Authorization: Bearer <OPS_TOKEN>`, compared in constant time (digests of equal length). */
export function hasOpsToken(headers: Headers): boolean {
  const token = config().OPS_TOKEN;
  const m = /^Bearer ([\x21-\x7e]{1,512})$/.exec(headers.get("authorization") ?? "");
  if (!token || !m) return false;
  return timingSafeEqual(digest(m[1]), digest(token));
}

export async function canSeeHealthDetail(headers: Headers): Promise<boolean> {
  if (hasOpsToken(headers)) return true;
  const actor = await currentActor();
  if (actor?.role !== "admin") return false;
  const me = await getMeForAccess({ userId: actor.id, minSeq: await readerPosition(actor.id) });
  return me?.role === "admin" && me.status === "active";
}
