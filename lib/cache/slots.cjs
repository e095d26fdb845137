// Redis Cluster hash slots, for the keys that must live beside another key (lib/cache/keys.ts).
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

/** Whether the app's Redis is a cluster (REDIS_CLUSTER_NODES set, and no Upstash REST URL). */
function clusterMode() {
  return Boolean(process.env.REDIS_CLUSTER_NODES) && !process.env.UPSTASH_REDIS_REST_URL;
}

/**
 * "" on a single Redis; on a cluster, a hash tag ("{…}") in the slot of `key`: appended to a per-slot key
 * name, it puts that key beside `key`.
 */
function slotSuffix(key) {
  if (!clusterMode()) return "";
  return `{${tagTable()[keySlot(key)]}}`;
}

module.exports = { slotSuffix, clusterMode, keySlot };
