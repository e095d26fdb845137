import "server-only";
import { edgeCache } from "@/lib/edge/purge";
import { guarded } from "./breaker";
import { MAX_DELTAS, pageVersionKey, TTL, type ViewKeys } from "./keys";
import { edgePathOf } from "./page-keys.cjs";
import { PUBLISH } from "./lua";
import { script } from "./redis";
import { clusterMode, keySlot } from "./cluster.cjs";
import type { Delta } from "./views";

// How commands tell the read side what they changed, right after their commit. A change is either a
// delta on a view (a new post appears, a sold one disappears) or a fence raise (the view must be re-read
// from a node that has this commit). Publishing is bounded (REDIS_TIMEOUT_MS, through the breaker) and
// never throws: a command does not wait on a silent Redis. What could not be published is not lost — the
// command's outbox row (lib/write/outbox.ts), written in its own transaction, is drained by any process
// once Redis answers, as fence raises at the drain-time position.

/**
 * A change names the pages it alters when they are fewer than the view's own (`pages`: a market change to
 * the catalog alters the browse pages of its product's category only, lib/market/changes.ts).
 */
export type Change = ({ view: ViewKeys; delta: Omit<Delta, "s"> } | { view: ViewKeys; fence: true }) & { pages?: string[] };

/** The pages whose versions a change raises (lib/write/outbox.ts keeps the same ones). */
export const pagesOf = (c: Change) => c.pages ?? c.view.pages;

function op(keyList: string[], ops: string[], target: string, fence: string, value: string) {
  keyList.push(target, fence);
  ops.push(value);
}

/** Publishes the changes of the commit at `seq`; true when Redis has them. */
export async function publish(seq: number, changes: Change[]): Promise<boolean> {
  if (!changes.length) return true;
  const keyList: string[] = [];
  const ops: string[] = [];
  const pages = new Set<string>();
  const heard = new Set<string>();
  changes.forEach((c, i) => {
    if ("fence" in c) op(keyList, ops, c.view.fence, c.view.fence, "F");
    // `i` keeps the order of changes within one commit (a remove, then the new version).
    else op(keyList, ops, c.view.deltas, c.view.fence, JSON.stringify({ s: seq, i, ...c.delta }));
    for (const page of pagesOf(c)) pages.add(page);
    if (c.view.heard) heard.add(c.view.heard);
  });
  // In the same script as the views' own changes (one slot per user: lib/cache/keys.ts).
  for (const h of heard) op(keyList, ops, h, h, "F");
  // Every page that shows a changed view gets a newer version: its rendered copy is no longer served.
  for (const page of pages) op(keyList, ops, pageVersionKey(page), pageVersionKey(page), "F");
  return send(seq, keyList, ops, pages);
}

/** Raises fences and page versions (keys as stored in the outbox) to `seq`; true when Redis has them. */
export function raiseFences(seq: number, fences: string[], pages: string[]): Promise<boolean> {
  const keyList: string[] = [];
  const ops: string[] = [];
  for (const f of new Set(fences)) op(keyList, ops, f, f, "F");
  const pageSet = new Set(pages);
  for (const p of pageSet) op(keyList, ops, pageVersionKey(p), pageVersionKey(p), "F");
  if (!keyList.length) return Promise.resolve(true);
  return send(seq, keyList, ops, pageSet);
}

/**
 * The pairs grouped by hash slot: one group on a single Redis; on a cluster one PUBLISH per slot (a script
 * may touch one slot only). Each pair's two keys share a slot (lib/cache/keys.ts), and each stream's
 * changes stay atomic; streams in different slots are published side by side.
 */
function bySlot(keyList: string[], ops: string[]) {
  if (!clusterMode()) return [{ keyList, ops }];
  const groups = new Map<number, { keyList: string[]; ops: string[] }>();
  ops.forEach((o, i) => {
    const slot = keySlot(keyList[2 * i]);
    let g = groups.get(slot);
    if (!g) groups.set(slot, (g = { keyList: [], ops: [] }));
    g.keyList.push(keyList[2 * i], keyList[2 * i + 1]);
    g.ops.push(o);
  });
  return [...groups.values()];
}

async function send(seq: number, keyList: string[], ops: string[], pages: Set<string>): Promise<boolean> {
  const common = [String(seq), String(TTL.fenceMs), String(TTL.deltasMs), String(MAX_DELTAS)];
  try {
    await Promise.all(bySlot(keyList, ops).map((g) => guarded(() => script<number>(PUBLISH).exec(g.keyList, [...common, ...g.ops]))));
  } catch {
    return false;
  }
  // Shared caches drop those pages too, after their versions went up (a copy fetched from now on is fresh).
  // Not awaited: each purge has its own deadline and never holds the command's reply.
  if (pages.size) void edgeCache().purge([...new Set([...pages].map(edgePathOf))]);
  return true;
}
