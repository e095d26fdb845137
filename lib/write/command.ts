import "server-only";
import { createHash } from "node:crypto";
import { and, eq } from "drizzle-orm";
import { isDuplicate, primaryUnavailable } from "@/db/errors";
import { boundedQuery, withDeadline } from "@/db/deadline";
import { primaryDb, primaryPool, runCommand, type Tx } from "@/db/primary";
import { idempotencyKeys } from "@/db/schema";
import type { Change } from "@/lib/cache/publish";
import { publish } from "@/lib/cache/publish";
import { AppError } from "@/lib/errors";
import { config } from "@/lib/config";
import { primaryPositionVia } from "@/db/positions";
import { metrics } from "@/lib/ops/metrics";
import { outboxPublished, writeOutbox } from "./outbox";
import { startTouches, uncoveredTouches } from "./touches";

// Every command goes through here: one transaction on the primary, then the read side is told what
// changed (lib/cache/publish.ts), and the caller gets the commit's replication position, which the adapter
// remembers as the user's read-your-writes token (lib/session/position.ts).

export type Actor = {
  id: number;
  role: "user" | "admin";
  nickname: string;
  /** The primary's position when this session signed in: its reads never see older (read-your-writes). */
  signedInSeq?: number;
  /** When this session signed in (ms): CONSISTENCY=window pins its first reads to the primary. */
  signedInAt?: number;
};
export type Outcome<T> = { value: T; seq: number };
export type Emit = (changes: Change[]) => void;

export async function command<T>(fn: (tx: Tx, emit: Emit) => Promise<T>): Promise<Outcome<T>> {
  let changes: Change[] = [];
  let outboxId: number | null = null;
  const { value, seq: committed } = await runCommand(async (tx) => {
    changes = []; // a retried attempt starts over
    await startTouches(tx);
    const v = await fn(tx, (c) => changes.push(...c));
    // The users' own pages it changed without saying how: re-read from a node that has this commit.
    changes.push(...(await uncoveredTouches(tx, changes)));
    // What readers must learn is made durable with the command itself (lib/write/outbox.ts).
    outboxId = await writeOutbox(tx, changes);
    return v;
  });
  const seq = committed ?? (await currentPrimarySeq().catch(() => 0));
  // Bounded (REDIS_TIMEOUT_MS): a silent Redis costs the command at most that, and the outbox row,
  // drained later by any process, carries what could not be published now.
  if (outboxId !== null && seq && (await publish(seq, changes))) outboxPublished(outboxId);
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
  // Short: it only replaces a commit's position that could not be read; the outbox covers the readers.
  return primaryPositionVia((sql) => boundedQuery(primaryPool(), sql, [], Math.min(500, config().DB_WRITE_TIMEOUT_MS), "primary position"));
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
  const [row] = await withDeadline(
    primaryDb().select().from(idempotencyKeys).where(and(eq(idempotencyKeys.userId, actor.id), eq(idempotencyKeys.key, idem.key))),
    config().DB_WRITE_TIMEOUT_MS,
    "primary: idempotency replay",
  ).catch((e) => {
    throw primaryUnavailable(e);
  });
  if (!row || row.requestHash !== requestHash || row.scope !== idem.scope) {
    throw new AppError("conflict", "idempotency_key_reused", "같은 Idempotency-Key가 다른 요청에 이미 쓰였습니다.");
  }
  return { value: JSON.parse(row.response) as T, seq: await currentPrimarySeq().catch(() => 0), replayed: true };
}
