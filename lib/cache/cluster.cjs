// Redis Cluster: which nodes (REDIS_CLUSTER_NODES, parsed here and only here), the client options every
// connection to them uses, and hash slots, for the keys that must live beside another key (lib/cache/keys.ts).
//
// On a cluster a script may only touch keys of one hash slot, and a shard may lose its data (a restart
// without persistence) while the others keep theirs. So what used to be one key for all of Redis — the
// epoch that says "Redis still has the fences it was given", the fence raised when it opens — is one key
// per slot on a cluster: `f:epoch{<tag>}` where <tag> hashes to the slot of the stream it guards. On a
// single node there is one of each, as before (`slotSuffix` returns "").
// Plain CommonJS because lib/cache/page-cache-handler.cjs (loaded by Next.js outside the bundles) uses it too.
"use strict";
const keySlot = require("cluster-key-slot");

const SLOTS = 16384;
/** @type {string[] | null} */
let tags = null;

/** The shortest strings (base 36 counters) that hash to each slot: found once, in about 20 ms. */
function tagTable() {
  if (tags) return tags;
  const t = new Array(SLOTS);
  for (let i = 0, found = 0; found < SLOTS; i++) {
    const s = i.toString(36);
    const slot = keySlot(s);
    if (t[slot] === undefined) {
      t[slot] = s;
      found++;
    }
  }
  return (tags = t);
}

/** REDIS_CLUSTER_NODES ("host:port" or redis:// URLs, comma-separated) as redis:// URLs; [] when unset. */
function clusterNodeUrls(raw = process.env.REDIS_CLUSTER_NODES) {
  return String(raw || "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)
    .map((s) => (/^rediss?:\/\//.test(s) ? s : `redis://${s}`));
}

/** Whether the app's Redis is a cluster (REDIS_CLUSTER_NODES set, and no Upstash REST URL: lib/cache/redis.ts). */
function clusterMode() {
  return clusterNodeUrls().length > 0 && !process.env.UPSTASH_REDIS_REST_URL;
}

/**
 * node-redis's cluster client on `urls`, as the app's requester (lib/cache/tcp-requester.ts) and the page
 * cache use it: primaries only, `defaults` for every node connection, and a shard whose primary stopped
 * answering looked up again at its promoted replica soon (300 ms), not after node-redis's default 5 s.
 */
function createClusterClient(urls, defaults) {
  const { createCluster } = require("redis");
  return createCluster({ rootNodes: urls.map((url) => ({ url })), defaults, RESP: 2, useReplicas: false, topologyRefreshOnReconnectionAttemptStrategy: 300 });
}

/**
 * "" on a single Redis; on a cluster, a hash tag ("{…}") in the slot of `key`: appended to a per-slot key
 * name, it puts that key beside `key`.
 */
function slotSuffix(key) {
  if (!clusterMode()) return "";
  return `{${tagTable()[keySlot(key)]}}`;
}

module.exports = { slotSuffix, clusterMode, clusterNodeUrls, createClusterClient, keySlot };
