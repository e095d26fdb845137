import "server-only";
import { and, eq, sql } from "drizzle-orm";
import type { Tx } from "@/db/primary";
import { LEDGER_KINDS, pointLedger, users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { affected } from "@/lib/write/command";

// The only way a balance changes: a guarded UPDATE (never below zero) and its ledger row, in the caller's
// transaction. So users.points = SUM(points_delta) and users.held_points = SUM(held_delta), always.

export type LedgerKind = (typeof LEDGER_KINDS)[number];
export type Ref = { type: "order" | "bid" | "payment" | "withdrawal"; id: number };

export async function moveBalance(
  tx: Tx,
  userId: number,
  kind: LedgerKind,
  change: { points?: number; held?: number },
  ref?: Ref,
  memo?: string,
): Promise<void> {
  const dp = change.points ?? 0;
  const dh = change.held ?? 0;
  const res = await tx
    .update(users)
    .set({ points: sql`${users.points} + ${dp}`, heldPoints: sql`${users.heldPoints} + ${dh}` })
    .where(and(eq(users.id, userId), sql`${users.points} + ${dp} >= 0`, sql`${users.heldPoints} + ${dh} >= 0`));
  if (affected(res) !== 1) {
    throw new AppError("conflict", "insufficient_points", "포인트가 부족합니다. 충전 후 다시 시도해 주세요.", {
      fields: { points: ["포인트가 부족합니다."] },
    });
  }
  // The ledger row takes the balances after the update straight from the row this transaction has just
  // updated and holds locked: one statement, not a read and then an insert.
  const l = pointLedger;
  const columns = [l.userId, l.kind, l.pointsDelta, l.heldDelta, l.pointsAfter, l.heldAfter, l.refType, l.refId, l.memo].map((c) => sql.identifier(c.name));
  await tx.execute(sql`
    INSERT INTO ${l} (${sql.join(columns, sql`, `)})
    SELECT ${userId}, ${kind}, ${dp}, ${dh}, ${users.points}, ${users.heldPoints}, ${ref?.type ?? null}, ${ref?.id ?? null}, ${memo ?? null}
    FROM ${users} WHERE ${users.id} = ${userId}`);
}

/** A user's balances as this transaction sees them (after its own moves). */
export async function balanceOf(tx: Tx, userId: number): Promise<{ points: number; heldPoints: number }> {
  const [b] = await tx.select({ points: users.points, heldPoints: users.heldPoints }).from(users).where(eq(users.id, userId));
  return b;
}
