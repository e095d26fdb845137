// Next.js's cache handler (next.config.ts `cacheHandler`): keeps rendered pages (ISR) in this process's
// memory and serves one only while nothing it shows has changed.
//
// Every command publishes, with its deltas, the versions of the pages that show what it changed
// (`pv:<path>` = the replication position of the change; lib/cache/publish.ts, lib/cache/keys.ts).
// A request for a page reads that version (one Redis MGET) and gets the rendered copy only if the copy
// was rendered after the version's change; otherwise Next.js renders it again (concurrent requests for
// the same page share that render). The version is taken when the miss is seen, before rendering starts,
// so a change that lands during a render leaves that render marked as already stale.
//
// Redis unreachable: pages are rendered on every request (always fresh, slower) until it answers again.
// Plain CommonJS because Next.js loads it at run time, outside the app's bundles.
"use strict";
const { createClient } = require("redis");
const { clusterNodeUrls, createClusterClient, slotSuffix } = require("./cluster.cjs");
const { BROWSE_PAGE, pageVersionKey } = require("./page-keys.cjs");

const MAX_ENTRIES = Number(process.env.PAGE_CACHE_ENTRIES || 5000);
// Browse and search pages (/products?…, rendered as /browse/<query>, see proxy.ts) are one entry per query:
// any number of distinct queries may arrive, so they have a bound of their own and cannot push product
// pages out. All of them show the catalog, so they share the "/products" page's version (catalog edits);
// besides, each depends on the versions of the categories its query can show (a market change raises only
// its product's category: lib/cache/page-keys.cjs), which the page reports while rendering, with the values
// it read before reading its data (lib/cache/page-deps.ts). A browse page rendered without that report
// (Redis away) is not kept.
const MAX_BROWSE_ENTRIES = Number(process.env.PAGE_CACHE_BROWSE_ENTRIES || 2000);
const BROWSE_PREFIX = "/browse/";
/** @type {Map<string, Record<string, number>>} path → { version key: version read by the render } */
const reportedDeps = (globalThis.__gxPageDeps ??= new Map());
// CACHE_ENABLED=0 turns this off too: every page is rendered on every request (the benchmark's floor).
const ENABLED = !["0", "false", "off", "no"].includes(String(process.env.CACHE_ENABLED || "true").toLowerCase());
// A token that lives as long as Redis's data: if Redis restarts empty, the page versions it held are gone,
// so every process drops the pages it rendered before (they may be older than a forgotten version).
// On a Redis Cluster there is one per hash slot, beside the versions it vouches for (lib/cache/cluster.cjs):
// a shard that restarts empty invalidates the pages whose versions it held, and only those.
const epochKeyOf = (versionKey) => `pv:epoch${slotSuffix(versionKey)}`;
/** The epoch token last seen per epoch key. */
const epochSeen = new Map();
const OFFLINE_MS = 1000;
// Every Redis command here is bounded like the app's (REDIS_TIMEOUT_MS, REDIS_MAX_PENDING in lib/config.ts):
// a paused Redis keeps the socket open and answers nothing, and a page must not wait for it.
const TIMEOUT_MS = Number(process.env.REDIS_TIMEOUT_MS) || 250;
const MAX_PENDING = Number(process.env.REDIS_MAX_PENDING) || 500;
let inFlight = 0;

/** @type {Map<string, {value: unknown, lastModified: number, tags: string[], version: number, epoch: string | null, deps?: Record<string, number>}>} */
const entries = new Map();
/** The same for browse pages, bounded by MAX_BROWSE_ENTRIES. */
const browseEntries = new Map();
const isBrowse = (path) => typeof path === "string" && path.startsWith(BROWSE_PREFIX);
const storeFor = (path) => (isBrowse(path) ? browseEntries : entries);
const boundOf = (store) => (store === browseEntries ? MAX_BROWSE_ENTRIES : MAX_ENTRIES);
/** The page version seen by the miss that is rendering each key. */
const pending = new Map();
// Shared through globalThis so that /api/health and /api/metrics (in the app's bundle) can report them.
// hits, misses, stale, unverified: lookups by result; stores: renders kept (every miss that rendered a page).
const stats = (globalThis.__gxPageCacheStats ??= { hits: 0, misses: 0, stale: 0, unverified: 0, stores: 0, entries: 0, browseEntries: 0 });
let offlineUntil = 0;
const debug = process.env.PAGE_CACHE_DEBUG === "1" ? (...a) => console.log("[page-cache]", ...a) : () => {};
let tcp = null;
let connecting = null; // the first connection, waited for (briefly) by the first requests

function pathOf(key) {
  // Keys look like "/route-cache/APP_PAGE/<route hash>/$/products/1"; the pathname follows "/$".
  const i = key.indexOf("/$");
  if (i < 0) return null;
  const rest = key.slice(i + 2);
  return rest === "" || rest === "/index" ? "/" : rest;
}

function tcpClient() {
  if (!tcp) {
    const defaults = { RESP: 2, disableOfflineQueue: true, socket: { connectTimeout: 1000, reconnectStrategy: (n) => Math.min(50 * 2 ** n, 1000) } };
    const nodes = clusterNodeUrls();
    if (nodes.length) {
      // Each command goes to the shard of its first key (every command here names one key first).
      const cluster = createClusterClient(nodes, defaults);
      tcp = {
        connect: () => cluster.connect(),
        on: (e, f) => cluster.on(e, f),
        get isReady() {
          return cluster.isReady;
        },
        sendCommand: (args) => cluster.sendCommand(args[1], false, args),
      };
    } else tcp = createClient({ url: process.env.REDIS_URL || "redis://127.0.0.1:6479", ...defaults });
    tcp.on("error", () => {});
    connecting = tcp.connect().then(
      () => {},
      () => {},
    );
  }
  return tcp;
}

async function command(args) {
  const url = process.env.UPSTASH_REDIS_REST_URL;
  if (url) {
    const res = await fetch(url, {
      method: "POST",
      headers: { Authorization: `Bearer ${process.env.UPSTASH_REDIS_REST_TOKEN}`, "Content-Type": "application/json" },
      body: JSON.stringify(args),
      signal: AbortSignal.timeout(TIMEOUT_MS),
    });
    const body = await res.json();
    if (!res.ok || body.error) throw new Error(body.error || `HTTP ${res.status}`);
    return body.result;
  }
  const c = tcpClient();
  if (!c.isReady && connecting) {
    await Promise.race([connecting, new Promise((r) => setTimeout(r, TIMEOUT_MS))]);
    connecting = null; // after the first attempt, an outage fails at once
  }
  if (!c.isReady) throw new Error("redis not connected");
  if (inFlight >= MAX_PENDING) throw new Error("redis: too many commands waiting");
  inFlight++;
  const p = c.sendCommand(args.map(String));
  p.then(
    () => inFlight--,
    () => inFlight--,
  );
  let timer;
  const deadline = new Promise((_, reject) => {
    timer = setTimeout(() => setImmediate(() => reject(new Error(`redis: no answer within ${TIMEOUT_MS} ms`))), TIMEOUT_MS);
  });
  return Promise.race([p, deadline]).finally(() => clearTimeout(timer));
}

/**
 * The page's current version, those of `depKeys` (a browse page's categories, in the same slot), and the
 * epoch they belong to, or null when they cannot be known (Redis down). A rendered copy is served only
 * under the epoch it was rendered in.
 */
async function versionOf(path, depKeys = []) {
  if (Date.now() < offlineUntil) return null;
  try {
    const versionKey = pageVersionKey(isBrowse(path) ? BROWSE_PAGE : path);
    const epochKey = epochKeyOf(versionKey);
    const got = await command(["MGET", versionKey, ...depKeys, epochKey]);
    const page = got[0];
    const deps = got.slice(1, 1 + depKeys.length).map((v) => Number(v) || 0);
    let epoch = got[got.length - 1];
    if (!epoch) {
      await command(["SET", epochKey, `${Date.now()}-${Math.random().toString(36).slice(2)}`, "NX"]);
      epoch = await command(["GET", epochKey]);
    }
    const seen = epochSeen.get(epochKey);
    if (epoch !== seen) {
      if (seen !== undefined) debug("redis lost its data: the pages rendered before are not served again");
      // On a single Redis one epoch covers every page: the memory of the old ones is freed at once.
      if (!slotSuffix(versionKey)) {
        entries.clear();
        browseEntries.clear();
        pending.clear();
      }
      epochSeen.set(epochKey, epoch);
    }
    return { version: Number(page) || 0, deps, epoch };
  } catch {
    offlineUntil = Date.now() + OFFLINE_MS;
    return null;
  }
}

class PageCacheHandler {
  constructor(options) {
    this.options = options;
  }

  async get(key) {
    if (!ENABLED) return null;
    const path = pathOf(key);
    const store = storeFor(path);
    const e = store.get(key);
    const depKeys = e && e.deps ? Object.keys(e.deps) : [];
    const current = path ? await versionOf(path, depKeys) : { version: 0, deps: [], epoch: null };
    if (current === null) {
      stats.unverified++;
      return null;
    }
    const { version, epoch } = current;
    debug("get", key, "version", version, "entry", e ? e.version : "none");
    if (e && e.version >= version && e.epoch === epoch && depKeys.every((k, i) => e.deps[k] >= current.deps[i])) {
      stats.hits++;
      store.delete(key); // least recently used goes first when full
      store.set(key, e);
      return { value: e.value, lastModified: e.lastModified, tags: e.tags };
    }
    if (e) stats.stale++;
    else stats.misses++;
    if (!pending.has(key)) {
      pending.set(key, { version, epoch });
      // A render that never stores (an error, an unknown id) must not leave its key here for good.
      if (pending.size > MAX_ENTRIES + MAX_BROWSE_ENTRIES) pending.delete(pending.keys().next().value);
    }
    return null;
  }

  async set(key, data, ctx) {
    const path = pathOf(key);
    const store = storeFor(path);
    const seen = pending.get(key);
    pending.delete(key);
    const deps = isBrowse(path) ? reportedDeps.get(path) : undefined;
    if (deps) reportedDeps.delete(path);
    debug("set", key, "version", seen && seen.version, "kind", data && data.kind, "deps", deps);
    // A "not found" render is not kept: otherwise every id that names nothing (/products/99999999) would
    // take an entry and could push real pages out. Nor is a browse page that reported no dependencies.
    if (!data || seen === undefined || data.status === 404 || (isBrowse(path) && !deps)) {
      store.delete(key);
      return;
    }
    stats.stores++;
    store.set(key, { value: data, lastModified: Date.now(), tags: (ctx && ctx.tags) || [], version: seen.version, epoch: seen.epoch, deps });
    while (store.size > boundOf(store)) store.delete(store.keys().next().value);
    stats.entries = entries.size;
    stats.browseEntries = browseEntries.size;
  }

  // The app never calls revalidatePath/revalidateTag: pages are invalidated by version (see above).
  async revalidateTag() {}

  resetRequestCache() {}
}

module.exports = PageCacheHandler;
