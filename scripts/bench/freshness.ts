// npm run bench:freshness — issue 4's benchmark. Not part of npm test. CONSISTENCY=window npm run
// bench:freshness runs it with the other read-your-writes scheme (lib/read/consistency.ts).
//
// With the replica really 2 s behind (MASTER_DELAY=2) and several users posting, bidding, cancelling,
// buying and reading at once, it measures, in one run on this machine:
//   1. how long after a create call returns the new post is visible to ANOTHER user (p50/p99), through the
//      app's read path (replica + cache + deltas), against reading the replica alone (the baseline);
//   2. the share of reads that saw something older than the reader's own last write (target: 0);
//   3. where reads were answered: cache, replica, primary (the primary's share is the price of freshness),
//      and where the users' own pages were (cached per user: lib/accounts/own-views.ts).
import { MAX_PRICE } from "@/lib/market/rules";
import { startBenchStack, fmt, percentile, stopBenchStack, table } from "./support";

const TOTAL_OPS = Number(process.env.OPS ?? 10_000);
const USERS = Number(process.env.USERS ?? 8);
const LAG_SECONDS = Number(process.env.LAG ?? 2);
const BASELINE_SAMPLES = Number(process.env.BASELINE ?? 30);

startBenchStack({ replicas: 1 });

const { closeDatabases } = await import("@/db/close");
const { primaryDb } = await import("@/db/primary");
const { products } = await import("@/db/schema");
const { getProductBook, loadBook, searchCatalog } = await import("@/lib/catalog/queries");
const { catalogQuerySchema } = await import("@/lib/catalog/schemas");
const { myBids, myLedger, myListings, myOrders } = await import("@/lib/accounts/queries");
const { OWN_ROWS } = await import("@/lib/accounts/own-views");
const { createListing, cancelListing } = await import("@/lib/market/commands/listings");
const { placeBid } = await import("@/lib/market/commands/bids");
const { buyLowest } = await import("@/lib/market/commands/buy");
const { getFeed } = await import("@/lib/market/queries");
const { signUp } = await import("@/lib/accounts/commands");
const { topUp } = await import("@/lib/points/commands");
const { startHeartbeat, stopHeartbeat } = await import("@/lib/ops/heartbeat");
const { readAt } = await import("@/lib/read/router");
const { consistency, markWrite, readFloor } = await import("@/lib/read/consistency");
const { config } = await import("@/lib/config");
const { refreshNow, nodeState } = await import("@/lib/read/monitor");
const { stats } = await import("@/lib/read/stats");
const { setReplicaDelay } = await import("../../tests/support/stack");

type Actor = { id: number; role: "user" | "admin"; nickname: string };

const catalog = await primaryDb().select({ id: products.id, faceValue: products.faceValue }).from(products);
const rnd = <T>(xs: T[]) => xs[Math.floor(Math.random() * xs.length)];
let codeN = 0;
const code = () => `7${Date.now()}${String(++codeN).padStart(6, "0")}`;
const expiresAt = new Date(Date.now() + 40 * 86_400_000);

async function makeUsers(n: number): Promise<Actor[]> {
  const out: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const nick = `bench${i}${Math.random().toString(36).slice(2, 6)}`;
    const { value } = await signUp({ email: `${nick}@bench.test`, password: "bench-pass-1234", nickname: nick, agreeTerms: true });
    const a: Actor = { id: value.id, role: "user", nickname: nick };
    await topUp(a, { amount: 2_000_000, card: "4242424242424242" });
    out.push(a);
  }
  return out;
}

startHeartbeat();
const users = await makeUsers(USERS);
await setReplicaDelay("replica1", LAG_SECONDS);
// Let the heartbeat show the lag before measuring.
await new Promise((r) => setTimeout(r, (LAG_SECONDS + 1) * 1000));
await refreshNow();
console.log(`\nreplica1 lag measured by the monitor: ${nodeState("replica1")?.lagMs} ms (MASTER_DELAY=${LAG_SECONDS})\n`);

// ---------------------------------------------------------------------------------------------------------
// 1+2+3: the app's read path under a mixed load.
const visibleMs: number[] = [];
let ops = 0;
let reads = 0;
let checked = 0;
let stale = 0;
const staleExamples: string[] = [];
stats.reset();

// What the app does around every command (lib/session/position.ts, without the cookie): the write leaves
// its mark in Redis, and the author's next read takes its floor from there.
async function ownFloor(userId: number, seq: number) {
  await markWrite(userId, seq);
  return readFloor(userId);
}

function checkOwn(what: string, ok: boolean) {
  reads++;
  checked++;
  if (!ok) {
    stale++;
    if (staleExamples.length < 5) staleExamples.push(what);
  }
}

async function userLoop(me: Actor) {
  const mine: { id: number; productId: number }[] = [];
  const created: number[] = []; // every listing made, sold at once or not: what "my listings" shows
  while (ops < TOTAL_OPS) {
    const p = rnd(catalog);
    const roll = Math.random();
    if (roll < 0.35) {
      // A new post, and how long until another user sees it.
      const price = Math.round((p.faceValue * (0.8 + Math.random() * 0.15)) / 10) * 10;
      const l = await createListing(me, { productId: p.id, price, code: code(), expiresAt });
      const returned = performance.now();
      ops++;
      created.push(l.value.id);
      if (l.value.status !== "on_sale") continue;
      mine.push({ id: l.value.id, productId: p.id });
      for (;;) {
        const book = await getProductBook(p.id); // any reader: views are the same for everyone
        reads++;
        ops++;
        if (book!.asks.some((a) => a.id === l.value.id)) break;
      }
      visibleMs.push(performance.now() - returned);
      const own = await myListings({ userId: me.id, minSeq: await ownFloor(me.id, l.seq) }, 20);
      ops++;
      checkOwn(`myListings after create ${l.value.id}`, own.some((x) => x.id === l.value.id));
    } else if (roll < 0.5) {
      const b = await placeBid(me, { productId: p.id, price: Math.round((p.faceValue * 0.5) / 10) * 10 });
      ops++;
      const own = await myBids({ userId: me.id, minSeq: await ownFloor(me.id, b.seq) }, 20);
      ops++;
      checkOwn(`myBids after bid ${b.value.id}`, own.some((x) => x.id === b.value.id));
      if (b.value.status === "active") {
        const ledger = await myLedger({ userId: me.id, minSeq: await readFloor(me.id) });
        ops++;
        checkOwn(`myLedger after bid ${b.value.id}`, ledger.some((r) => r.refType === "bid" && r.refId === b.value.id));
      }
    } else if (roll < 0.6 && mine.length) {
      // One of the listings on the first page of "my listings" (the newest OWN_ROWS), as a user would.
      const newest = created[Math.max(0, created.length - OWN_ROWS)];
      const onPage = mine.filter((x) => x.id >= newest);
      if (!onPage.length) continue;
      const l = onPage[Math.floor(Math.random() * onPage.length)];
      mine.splice(mine.indexOf(l), 1);
      try {
        const c = await cancelListing(me, l.id);
        ops++;
        const own = await myListings({ userId: me.id, minSeq: await ownFloor(me.id, c.seq) });
        const book = await getProductBook(l.productId);
        ops += 2;
        checkOwn(`myListings after cancel ${l.id}`, own.find((x) => x.id === l.id)?.status === "cancelled");
        checkOwn(`book after cancel ${l.id}`, !book!.asks.some((a) => a.id === l.id));
      } catch {
        ops++; // sold meanwhile
      }
    } else if (roll < 0.7) {
      try {
        const o = await buyLowest(me, { productId: p.id, maxPrice: MAX_PRICE });
        ops++;
        const own = await myOrders({ userId: me.id, minSeq: await ownFloor(me.id, o.seq) }, 20);
        const book = await getProductBook(p.id);
        ops += 2;
        checkOwn(`myOrders after buy ${o.value.id}`, own.some((x) => x.id === o.value.id));
        const ledger = await myLedger({ userId: me.id, minSeq: await readFloor(me.id) });
        ops++;
        checkOwn(`myLedger after buy ${o.value.id}`, ledger.some((r) => r.refType === "order" && r.refId === o.value.id && r.kind === "purchase"));
        checkOwn(`book after buy ${o.value.id}`, !book!.asks.some((a) => a.id === o.value.listingId));
      } catch {
        ops++; // nothing on sale
      }
    } else {
      if (Math.random() < 0.5) await getFeed();
      else await searchCatalog(catalogQuerySchema.parse({ sort: "popular", limit: 24 }));
      reads++;
      ops++;
    }
  }
}

const t0 = performance.now();
await Promise.all(users.map((u) => userLoop(u)));
const elapsed = (performance.now() - t0) / 1000;
const s = stats.snapshot();
const dbReads = Object.values(s.readsByNode).reduce((a, b) => a + b, 0);
const primaryReads = s.readsByNode.primary ?? 0;
const own = { cache: s.counters.ownFromCache ?? 0, replica: s.counters.ownFromReplica ?? 0, primary: s.counters.ownFromPrimary ?? 0 };
const ownTotal = own.cache + own.replica + own.primary;

// ---------------------------------------------------------------------------------------------------------
// Baseline: the same "is my new post visible to someone else?" question, reading the replica alone.
const baselineMs: number[] = [];
const replicaOnly = async (productId: number) => (await readAt({ mode: "any" }, (db) => loadBook(db, productId))).value;
for (let i = 0; i < BASELINE_SAMPLES; i += 10) {
  await Promise.all(
    Array.from({ length: Math.min(10, BASELINE_SAMPLES - i) }, async () => {
      const p = rnd(catalog);
      const l = await createListing(users[0], { productId: p.id, price: p.faceValue, code: code(), expiresAt });
      const returned = performance.now();
      if (l.value.status !== "on_sale") return;
      for (;;) {
        const book = await replicaOnly(p.id);
        if (book!.asks.some((a) => a.id === l.value.id)) break;
        await new Promise((r) => setTimeout(r, 10));
      }
      baselineMs.push(performance.now() - returned);
    }),
  );
}

stopHeartbeat();
await setReplicaDelay("replica1", 0);
await closeDatabases();
stopBenchStack();

const scheme = `${consistency().name === "window" ? `CONSISTENCY=window (${config().CONSISTENCY_WINDOW_MS} ms)` : "CONSISTENCY=gtid"}, POSITIONS=${config().POSITIONS}`;
console.log(`\nFreshness under a ${LAG_SECONDS} s replica lag, read-your-writes by ${scheme} — ${ops} mixed operations by ${USERS} users in ${fmt(elapsed)} s\n`);
console.log(
  table([
    ["new post visible to another user", "p50 ms", "p99 ms", "max ms", "samples"],
    ["app read path (replica + cache + deltas)", fmt(percentile(visibleMs, 50), 2), fmt(percentile(visibleMs, 99), 2), fmt(Math.max(...visibleMs), 2), visibleMs.length],
    ["baseline: reading the replica alone", fmt(percentile(baselineMs, 50), 0), fmt(percentile(baselineMs, 99), 0), fmt(Math.max(...baselineMs), 0), baselineMs.length],
    ["ratio (baseline / app), p99", fmt(percentile(baselineMs, 99) / percentile(visibleMs, 99), 0) + "×", "", "", ""],
  ]),
);
console.log();
console.log(
  table([
    ["reads", "count", "share"],
    ["reads (own pages, books, feed, search)", reads, ""],
    ["  checked against the reader's own last write", checked, ""],
    ["  …that saw something older (target 0)", stale, fmt((100 * stale) / Math.max(1, checked), 3) + " % of checked"],
    ["database reads (cache misses and own pages)", dbReads, fmt((100 * dbReads) / Math.max(1, reads), 1) + " % of reads"],
    ["  on the replica", dbReads - primaryReads, ""],
    ["  on the primary", primaryReads, fmt((100 * primaryReads) / Math.max(1, reads), 1) + " % of reads"],
    ["cache hit ratio (views)", "", fmt(100 * (s.cacheHitRatio ?? 0), 1) + " %"],
    ["own pages (listings, bids, orders, points ledger) read", ownTotal, ""],
    ["  from the cache (snapshot + the user's deltas)", own.cache, fmt((100 * own.cache) / Math.max(1, ownTotal), 1) + " %"],
    ["  from a replica", own.replica, fmt((100 * own.replica) / Math.max(1, ownTotal), 1) + " %"],
    ["  from the primary (target ≤ 10 %)", own.primary, fmt((100 * own.primary) / Math.max(1, ownTotal), 1) + " %"],
    ["waited for the replica (MASTER_GTID_WAIT ok / timed out)", `${s.counters.waitOk ?? 0} / ${s.counters.waitTimeout ?? 0}`, ""],
  ]),
);
if (staleExamples.length) console.log("\nstale reads, e.g.:", staleExamples);
process.exit(stale === 0 ? 0 : 1);
