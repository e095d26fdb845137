import "server-only";
import { edgeCache } from "@/lib/edge/purge";
import { guarded } from "./breaker";
import { ALL_PAGES_VERSION, keys, MAX_DELTAS, pageVersionKey, TTL, type ViewKeys } from "./keys";
import { PUBLISH, RAISE } from "./lua";
import { script } from "./redis";
import type { Delta } from "./views";

// How commands tell the read side what they changed, right after their commit. A change is either a
// delta on a view (a new post appears, a sold one disappears) or a fence raise (the view must be re-read
// from a node that has this commit). Publishing is at-least-once: if Redis cannot be reached the change is
// kept in memory and retried until Redis answers (deltas are idempotent, fences only go up); if the
// backlog overflows, the global fence is raised so that no snapshot older than the lost changes is served.

export type Change = { view: ViewKeys; delta: Omit<Delta, "s"> } | { view: ViewKeys; fence: true };

type Pending = { seq: number; changes: Change[] };
const MAX_BACKLOG = 10_000;
const g = globalThis as unknown as { __gxPublish?: { backlog: Pending[]; overflowSeq: number; timer: ReturnType<typeof setInterval> | null } };
const state = () => (g.__gxPublish ??= { backlog: [], overflowSeq: 0, timer: null });


async function send(p: Pending) {
  const keyList: string[] = [];
  const ops: string[] = [];
  const pages = new Set<string>();
  p.changes.forEach((c, i) => {
    if ("fence" in c) {
      keyList.push(c.view.fence, c.view.fence);
      ops.push("F");
    } else {
      keyList.push(c.view.deltas, c.view.fence);
      // `i` keeps the order of changes within one commit (a remove, then the new version).
      ops.push(JSON.stringify({ s: p.seq, i, ...c.delta }));
    }
    for (const page of c.view.pages) pages.add(page);
  });
  // Every page that shows a changed view gets a newer version: its rendered copy is no longer served.
  for (const page of pages) {
    keyList.push(pageVersionKey(page), pageVersionKey(page));
    ops.push("F");
  }
  await guarded(() => script<number>(PUBLISH).exec(keyList, [String(p.seq), String(TTL.fenceMs), String(TTL.deltasMs), String(MAX_DELTAS), ...ops]));
  // Shared caches drop those pages too, after the versions went up (a copy fetched from now on is fresh).
  // Not awaited: it has its own deadline and never holds the command's reply.
  if (pages.size) void edgeCache().purge([...pages]);
}

/** Publishes the changes of the commit at `seq`. Never throws: a failure is queued and retried. */
export async function publish(seq: number, changes: Change[]): Promise<void> {
  if (!changes.length) return;
  const p = { seq, changes };
  try {
    await send(p);
  } catch {
    enqueue(p);
  }
}

function enqueue(p: Pending) {
  const s = state();
  if (s.backlog.length >= MAX_BACKLOG) s.overflowSeq = Math.max(s.overflowSeq, p.seq);
  else s.backlog.push(p);
  if (!s.timer) {
    s.timer = setInterval(() => void drain(), 500);
    s.timer.unref?.();
  }
}

async function drain() {
  const s = state();
  try {
    if (s.overflowSeq) {
      await guarded(() => script<number>(RAISE).exec([keys.globalFence], [String(s.overflowSeq), String(TTL.fenceMs)]));
      await guarded(() => script<number>(RAISE).exec([ALL_PAGES_VERSION], [String(s.overflowSeq), String(TTL.fenceMs)]));
      void edgeCache().purge(["*"]);
      s.overflowSeq = 0;
    }
    while (s.backlog.length) {
      await send(s.backlog[0]);
      s.backlog.shift();
    }
    if (s.timer) clearInterval(s.timer);
    s.timer = null;
  } catch {
    // still down; the timer tries again
  }
}

export const publishBacklog = () => state().backlog.length;
