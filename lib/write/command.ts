import "server-only";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { isDuplicate } from "@/db/errors";
import { primaryDb, runCommand, type Tx } from "@/db/primary";
import { idempotencyKeys } from "@/db/schema";
import type { Change } from "@/lib/cache/publish";
import { publish } from "@/lib/cache/publish";
import { AppError } from "@/lib/errors";
import { seqOf } from "@/lib/read/gtid";
import { metrics } from "@/lib/ops/metrics";

// Every command goes through here: one transaction on the primary, then the read side is told what
// changed (lib/cache/publish.ts), and the caller gets the commit's replication position, which the adapter
// remembers as the user's read-your-writes token (lib/session/position.ts).

export type Actor = { id: number; role: "user" | "admin"; nickname: string };
export type Outcome<T> = { value: T; seq: number };
export type Emit = (changes: Change[]) => void;

export async function command<T>(fn: (tx: Tx, emit: Emit) => Promise<T>): Promise<Outcome<T>> {
  let changes: Change[] = [];
  const { value, gtid } = await runCommand(async (tx) => {
    changes = []; // a retried attempt starts over
    return fn(tx, (c) => changes.push(...c));
  });
  const seq = gtid ? seqOf(gtid) : await currentPrimarySeq();
  await publish(seq, changes);
  countMarketEvents(changes);
  return { value, seq };
}

/** Each market event puts exactly one change of its kind on the product's book: count those, after commit. */
function countMarketEvents(changes: Change[]) {
  const names: Record<string, [string, string]> = { ask: ["listing_posted", "listing_removed"], bid: ["bid_placed", "bid_removed"], trade: ["trade", "trade"] };
  for (const c of changes) {
    const d = "delta" in c ? c.delta : undefined;
    const n = d && names[d.kind];
    if (n) metrics().marketEvents.inc({ event: d.op === "remove" ? n[1] : n[0] });
  }
}

async function currentPrimarySeq(): Promise<number> {
  const [rows] = (await primaryDb().execute("SELECT @@gtid_binlog_pos AS g")) as unknown as [{ g: string }[]];
  return seqOf(rows[0]?.g);
}

/** Rows changed by an UPDATE/DELETE through Drizzle's mysql2 driver. */
export const affected = (result: unknown) => (result as [{ affectedRows: number }])[0].affectedRows;

// ---------------------------------------------------------------------------------------------------------
// Idempotency-Key: a retried request answers with the first result instead of running again.

class Replay extends Error {}

export type Idempotency = { key: string; scope: string; request: unknown };

/**
 * Like `command`, but with an Idempotency-Key the key's row is inserted first in the same transaction, so
 * the primary key decides between concurrent retries: the first runs, the others wait on that key and then
 * read its stored result. The same key with a different request is refused.
 */
export async function idempotentCommand<T>(
  actor: Actor,
  idem: Idempotency | undefined,
  fn: (tx: Tx, emit: Emit) => Promise<T>,
): Promise<Outcome<T> & { replayed?: boolean }> {
  if (!idem) return command(fn);
  const requestHash = createHash("sha256").update(JSON.stringify([idem.scope, idem.request])).digest("hex");
  try {
    return await command(async (tx, emit) => {
      try {
        await tx.insert(idempotencyKeys).values({ userId: actor.id, key: idem.key, scope: idem.scope, requestHash, response: "" });
      } catch (e) {
        if (isDuplicate(e)) throw new Replay();
        throw e;
      }
      const value = await fn(tx, emit);
      await tx
        .update(idempotencyKeys)
        .set({ response: JSON.stringify(value) })
        .where(and(eq(idempotencyKeys.userId, actor.id), eq(idempotencyKeys.key, idem.key)));
      return value;
    });
  } catch (e) {
    if (!(e instanceof Replay)) throw e;
  }
  const [row] = await primaryDb()
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, actor.id), eq(idempotencyKeys.key, idem.key)));
  if (!row || row.requestHash !== requestHash || row.scope !== idem.scope) {
    throw new AppError("conflict", "idempotency_key_reused", "같은 Idempotency-Key가 다른 요청에 이미 쓰였습니다.");
  }
  return { value: JSON.parse(row.response) as T, seq: await currentPrimarySeq(), replayed: true };
}
