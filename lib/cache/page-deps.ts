import "server-only";
import { guarded } from "./breaker";
import { browsePageOf, pageVersionKey } from "./keys";
import { redis } from "./redis";

// What a browse or search page depends on besides the catalog as a whole, for the page cache
// (lib/cache/page-cache-handler.cjs): the browse version of each category its query can show, read while the
// page renders and before it reads its data, so that any later change to one of them makes the rendered copy
// stale, and a change to a product of another category does not. Handed over through globalThis: the page
// runs in the app's bundle, the cache handler outside it, in the same process, one report per path, taken
// by the handler when it stores the render. Should two renders of one path ever overlap, the report keeps
// the older version of each key: whichever render is stored is then stale sooner, never served too long.

type Deps = Record<string, number>;
const MAX_REPORTS = 1_000; // renders that never store (an error) must not leave their entry for good
const reports = (): Map<string, Deps> => ((globalThis as { __gxPageDeps?: Map<string, Deps> }).__gxPageDeps ??= new Map());

/**
 * Tells the page cache that the page at `path` shows products of these categories only. Without Redis
 * nothing is told, and the page cache does not keep the copy (it could not check it against their changes).
 */
export async function reportBrowseDeps(path: string, categories: readonly string[]): Promise<void> {
  const all = reports();
  const keys = categories.map((c) => pageVersionKey(browsePageOf(c)));
  let values: unknown[];
  try {
    values = keys.length ? await guarded(() => redis().mget<unknown[]>(...keys)) : [];
  } catch {
    all.delete(path); // Redis away: no report, no kept copy
    return;
  }
  const earlier = all.get(path);
  const deps: Deps = {};
  keys.forEach((k, i) => (deps[k] = Math.min(Number(values[i]) || 0, earlier?.[k] ?? Infinity)));
  all.set(path, deps);
  if (all.size > MAX_REPORTS) all.delete(all.keys().next().value!);
}
