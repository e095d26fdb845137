import "server-only";
import { boundedQuery } from "@/db/deadline";
import { readNodes } from "@/db/readers";
import { config } from "@/lib/config";

// The outbox's numbers (lib/write/outbox.ts), for /api/health and metrics. Read through the primary's
// read-only account, so that the status pages need not import the write client.

/** `deleting`: the batched delete in flight, if any. */
export type OutboxState = { done: Set<number>; timer: ReturnType<typeof setInterval> | null; drained: number; published: number; deleting: Promise<void> | null };
const g = globalThis as unknown as { __gxOutbox?: OutboxState; __gxOutboxStats?: () => Promise<OutboxStats> };
export const outboxState = (): OutboxState => (g.__gxOutbox ??= { done: new Set(), timer: null, drained: 0, published: 0, deleting: null });

export type OutboxStats = {
  /** Rows on the primary not yet deleted (published-but-not-deleted included); null when it did not answer. */
  pending: number | null;
  oldestAgeMs: number | null;
  /** This process: rows it drained, commands it published at once, published rows awaiting their delete. */
  drained: number;
  published: number;
  awaitingDelete: number;
};

export async function outboxStats(): Promise<OutboxStats> {
  const s = outboxState();
  let pending: number | null = null;
  let oldestAgeMs: number | null = null;
  try {
    const primary = readNodes().find((n) => n.role === "primary")!;
    const [r] = await boundedQuery<{ n: number; age: number | null }>(
      primary.pool,
      "SELECT COUNT(*) AS n, TIMESTAMPDIFF(MICROSECOND, MIN(created_at), NOW(3)) DIV 1000 AS age FROM outbox",
      [],
      config().HEALTH_PROBE_TIMEOUT_MS,
      "outbox stats",
    );
    pending = Number(r.n);
    oldestAgeMs = r.age === null ? null : Number(r.age);
  } catch {}
  return { pending, oldestAgeMs, drained: s.drained, published: s.published, awaitingDelete: s.done.size };
}
// For the metrics (lib/ops/metrics.ts is loaded outside the server graph too and cannot import this).
g.__gxOutboxStats = outboxStats;
