import { slotSuffix } from "./cluster.cjs";
import { BROWSE_PAGE } from "./page-keys.cjs";

// Every Redis key of the app, in one place. A cached view has three keys (lib/cache/views.ts):
//   v:{<stream>}[:<view>]  the snapshot (hash: p = replication position it was read at, d = data)
//   f:{<stream>}  the fence: the position of the last change the snapshot must include
//   x:{<stream>}  the deltas: changes committed after some snapshot, applied on read (new posts, removals)
// Several views may share one fence and delta stream (all catalog pages share "catalog"). The braces are a
// hash tag: on a Redis Cluster the keys a script reads together are in one slot (lib/cache/cluster.cjs).
// A view also names the pages that show it: every change to the view raises those pages' versions
//   pv:<path>  the position of the last change shown on that page (lib/cache/page-cache-handler.cjs)
// so a rendered page kept in Next's cache is never served after something it shows has changed.

/** The cached own pages of a user (keys.own). */
export type OwnView = "listings" | "bids" | "orders" | "me" | "ledger" | "withdrawals";

export type ViewKeys = {
  snap: string;
  fence: string;
  deltas: string;
  pages: string[];
  /** A user's own views: the position of the newest change Redis has heard of for any of them. */
  heard?: string;
};

const view = (snap: string, stream = snap, pages: string[] = []): ViewKeys => ({
  snap: snap === stream ? `v:{${stream}}` : `v:{${stream}}:${snap}`,
  fence: `f:{${stream}}`,
  deltas: `x:{${stream}}`,
  pages,
});

// The version key of a rendered page, and the pages that stand for the browse and search pages (per
// category): lib/cache/page-keys.cjs, shared with lib/cache/page-cache-handler.cjs.
export { browsePageOf, pageVersionKey } from "./page-keys.cjs";
// Beside them, `pv:epoch` (per slot on a cluster) exists as long as Redis keeps those versions: the page
// cache's own key (lib/cache/page-cache-handler.cjs).

export const keys = {
  /** A product page: the product, its ask and bid books, recent trades. */
  book: (productId: number) => view(`book:${productId}`, `book:${productId}`, [`/products/${productId}`]),
  /** The newest live listings across the market (the home page and the feed page). */
  feed: () => view("feed", "feed", ["/", "/new"]),
  /** A page of the catalog (search, filters, sort, cursor); every page shares the "catalog" stream. */
  // "/products" stands for every browse and search page (lib/cache/page-keys.cjs); a change that names its
  // product's category raises only that category's browse pages instead (lib/market/changes.ts).
  catalogPage: (query: string) => view(`catalog:${query}`, "catalog", ["/", BROWSE_PAGE]),
  catalogStream: () => view("catalog", "catalog", ["/", BROWSE_PAGE]),
  /** Products, brands and aliases as search reads them (fenced with the catalog: admin edits). */
  searchIndex: () => view("search-index", "catalog", ["/", BROWSE_PAGE]),
  /** A seller's public page: their live listings. */
  seller: (userId: number) => view(`seller:${userId}`, `seller:${userId}`, [`/sellers/${userId}`]),
  /** A seller's track record (completed trades, disputes): a snapshot kept a minute, no deltas. */
  sellerStats: (userId: number) => view(`seller-stats:${userId}`),
  /** The catalog of brands and categories (changes only through admin). */
  brands: () => view("brands", "brands", ["/", BROWSE_PAGE]),
  /**
   * A user's own page (their listings, bids, orders, account, ledger, withdrawals), seen only by them
   * (lib/accounts/own-views.ts). Kept fresh like every view: complete rows as deltas, and any other change
   * to it raises its fence (lib/write/touches.ts).
   */
  // One hash tag per user: their views and the "heard" key that every publish to one of them raises
  //   h:{u:<id>}  the position of the newest change published for any of the user's own views
  // are read together (lib/cache/views.ts, ViewCtx.floor).
  own: (userId: number, what: OwnView): ViewKeys => ({
    snap: `v:{u:${userId}}:${what}`,
    fence: `f:{u:${userId}}:${what}`,
    deltas: `x:{u:${userId}}:${what}`,
    pages: [],
    heard: `h:{u:${userId}}`,
  }),
  /** A user's account status and session version, checked on every signed-in request. */
  session: (userId: number) => view(`session:${userId}`),
  /**
   * The fence of every view beside `key`, raised when an epoch opens (lib/cache/epoch.ts): one for all of
   * a single Redis, one per slot on a cluster.
   */
  globalFence: (key: string) => `f:*${slotSuffix(key)}`,
  /**
   * Exists as long as Redis keeps the data beside `key` (no TTL): its absence means a flush or a restart or
   * restore without it (of that shard, on a cluster).
   */
  epoch: (key: string) => `f:epoch${slotSuffix(key)}`,
  /** A user's last write position (read-your-writes across devices and app instances). */
  userPosition: (userId: number) => `ryw:${userId}`,
  /** Until when a user's reads are pinned to the primary (CONSISTENCY=window), in ms since the epoch. */
  userPinnedUntil: (userId: number) => `ryw:pin:${userId}`,
  rateLimitPrefix: "rl",
};

export const TTL = {
  fenceMs: 24 * 3600_000,
  deltasMs: 24 * 3600_000,
  userPositionMs: 3600_000,
};

/** How many deltas a stream keeps; trimming raises the stream's fence past what it dropped. */
export const MAX_DELTAS = 1_000;
