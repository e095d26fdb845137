import "server-only";
import { config } from "@/lib/config";

// Shared caches in front of the app (a CDN, Varnish): public pages carry `s-maxage` (their ISR revalidate)
// and a bounded `stale-while-revalidate` (next.config.ts `expireTime`), so a copy is never older than that;
// and every time a page's version changes (lib/cache/publish.ts), the caches are told to drop it at once.
// One interface, so a CDN's purge API can sit beside the Varnish one; EDGE_PURGE_URLS picks Varnish.

export interface EdgeCache {
  /** Drops the cached copies of these page paths ("*": every page). Never throws, never waits long. */
  purge(paths: string[]): Promise<void>;
}

/**
 * Varnish (ops/varnish/gifticon.vcl): one `BAN` request per path, naming it in `X-Purge-Path`; the VCL bans
 * every cached object of that path, whatever its query string. Each request has a deadline: a cache that
 * does not answer costs a purge (the copy then ages out within its bounded lifetime), never a command.
 */
export function varnish(urls: string[], timeoutMs: number): EdgeCache {
  return {
    async purge(paths) {
      await Promise.all(
        urls.flatMap((url) =>
          paths.map((path) =>
            fetch(url, { method: "BAN", headers: { "X-Purge-Path": path }, signal: AbortSignal.timeout(timeoutMs) })
              .then((r) => {
                if (!r.ok) complain(url, `${path}: ${r.status}`);
                return r.body?.cancel();
              })
              .catch((e: unknown) => complain(url, `${path}: ${e instanceof Error ? e.message : e}`)),
          ),
        ),
      );
    },
  };
}

// One line per cache per minute at most: a cache that is down must not flood the log with every commit.
// Kept on globalThis: Next.js's bundles (pages, route handlers, actions) each load this module.
const complained: Map<string, number> = ((globalThis as { __gxEdgeComplained?: Map<string, number> }).__gxEdgeComplained ??= new Map());
function complain(url: string, what: string) {
  if (Date.now() - (complained.get(url) ?? 0) < 60_000) return;
  complained.set(url, Date.now());
  console.error(`[edge] purge at ${url} failed (${what}); its copies age out within their bounded lifetime`);
}

const none: EdgeCache = { purge: async () => {} };
let edge: EdgeCache | undefined;
export function edgeCache(): EdgeCache {
  if (!edge) {
    const cfg = config();
    edge = cfg.EDGE_PURGE_URLS.length ? varnish(cfg.EDGE_PURGE_URLS, cfg.EDGE_PURGE_TIMEOUT_MS) : none;
  }
  return edge;
}
