// npm run bench:contention — issue 5's strategies, measured side by side. Not part of npm test.
//
// The same contended workloads against each way of deciding who gets a gifticon, on the real primary:
//   A. one listing, BUYERS buyers pressing "buy" at the same instant (exactly one may win)
//   B. one product with ASKS asks, BUYERS buyers taking "the cheapest" at once (ASKS may win)
// For each: throughput, p50/p99 latency, winners, clean 409s, deadlocks retried and surfaced, other errors,
// and invariant violations (must be 0): more than one order per listing, a balance that is not the sum of
// its ledger, points created or destroyed.
import { startBenchStack, fmt, percentile, stopBenchStack, table } from "./support";

const BUYERS = Number(process.env.BUYERS ?? 200);
const ASKS = Number(process.env.ASKS ?? 100);
const ROUNDS = Number(process.env.ROUNDS ?? 3);

startBenchStack({ replicas: 1, seed: false });

const { closeDatabases } = await import("@/db/close");
const { lockStats, primaryDb } = await import("@/db/primary");
const { brands, orders, products, users } = await import("@/db/schema");
const { signUp } = await import("@/lib/accounts/commands");
const { topUp } = await import("@/lib/points/commands");
const { createListing } = await import("@/lib/market/commands/listings");
const { buyListing, buyLowest } = await import("@/lib/market/commands/buy");
const { isAppError } = await import("@/lib/errors");
const { eq, inArray, sql } = await import("drizzle-orm");

type Strategy = "pessimistic" | "conditional" | "skip-locked" | "redis-prefilter";
const STRATEGIES: Strategy[] = ["pessimistic", "conditional", "skip-locked", "redis-prefilter"];
type Actor = { id: number; role: "user" | "admin"; nickname: string };

const db = primaryDb();
const [{ id: brandId }] = await db.insert(brands).values({ slug: "bench", name: "벤치", nameEn: "Bench", category: "cafe" }).$returningId();
let codeN = 0;
const code = () => `5${Date.now()}${String(++codeN).padStart(6, "0")}`;

async function users_(n: number, points: number): Promise<Actor[]> {
  const out: Actor[] = [];
  for (let i = 0; i < n; i++) {
    const nick = `c${Date.now().toString(36)}${i}`;
    const { value } = await signUp({ email: `${nick}@bench.test`, password: "bench-pass-1234", nickname: nick.slice(0, 20), agreeTerms: true });
    const a: Actor = { id: value.id, role: "user", nickname: nick };
    if (points > 0) await topUp(a, { amount: points, card: "4242424242424242" });
    out.push(a);
  }
  return out;
}

console.log(`\npreparing ${BUYERS} buyers and a seller…`);
const buyers = await users_(BUYERS, 1_000_000);
const [seller] = await users_(1, 0);
const everyone = [...buyers, seller];

async function totalPoints() {
  const [r] = await db
    .select({ p: sql<string>`SUM(${users.points} + ${users.heldPoints})` })
    .from(users)
    .where(inArray(users.id, everyone.map((u) => u.id)));
  return Number(r.p);
}

async function ledgerViolations() {
  const rows = await db.execute(sql`
    SELECT u.id FROM users u LEFT JOIN (SELECT user_id, SUM(points_delta) p, SUM(held_delta) h FROM point_ledger GROUP BY user_id) l ON l.user_id = u.id
    WHERE u.points <> COALESCE(l.p, 0) OR u.held_points <> COALESCE(l.h, 0) OR u.points < 0 OR u.held_points < 0`);
  return (rows as unknown as [unknown[]])[0].length;
}

type Result = { ms: number[]; wall: number; ok: number; conflict: number; other: string[] };

async function fire(calls: (() => Promise<unknown>)[]): Promise<Result> {
  const r: Result = { ms: [], wall: 0, ok: 0, conflict: 0, other: [] };
  const t0 = performance.now();
  await Promise.all(
    calls.map(async (call) => {
      const t = performance.now();
      try {
        await call();
        r.ok++;
      } catch (e) {
        if (isAppError(e) && e.kind === "conflict") r.conflict++;
        else r.other.push(isAppError(e) ? e.code : e instanceof Error ? e.message.slice(0, 80) : String(e));
      } finally {
        r.ms.push(performance.now() - t);
      }
    }),
  );
  r.wall = performance.now() - t0;
  return r;
}

const rows: (string | number)[][] = [
  ["workload", "strategy", "req/s", "p50 ms", "p99 ms", "winners", "409s", "deadlocks retried", "surfaced", "other errors", "violations"],
];
const summary: Record<string, number[]> = {};

for (const workload of ["A: one listing", "B: cheapest of many"] as const) {
  // The Redis pre-filter locks one listing; "the cheapest of many" has no single key to lock.
  for (const strategy of STRATEGIES.filter((s) => workload.startsWith("A") || s !== "redis-prefilter")) {
    const runs: { r: Result; dead: number; surfaced: number; violations: number }[] = [];
    for (let round = 0; round < ROUNDS; round++) {
      const [{ id: productId }] = await db.insert(products).values({ brandId, name: `벤치 ${workload} ${strategy} ${round}`, nameEn: "bench", category: "cafe", faceValue: 5000 }).$returningId();
      const n = workload.startsWith("A") ? 1 : ASKS;
      const listingIds: number[] = [];
      for (let i = 0; i < n; i++) {
        const l = await createListing(seller, { productId, price: 4000 + (i % 10) * 10, code: code(), expiresAt: new Date(Date.now() + 30 * 86_400_000) });
        listingIds.push(l.value.id);
      }
      const before = await totalPoints();
      const l0 = { ...lockStats };
      const r = await fire(
        buyers.map((b) =>
          workload.startsWith("A")
            ? () => buyListing(b, { listingId: listingIds[0], expectedPrice: 4000 }, undefined, strategy)
            : () => buyLowest(b, { productId, maxPrice: 4090 }, undefined, strategy as "pessimistic" | "conditional" | "skip-locked"),
        ),
      );
      const dead = lockStats.deadlockRetries + lockStats.lockWaitRetries - l0.deadlockRetries - l0.lockWaitRetries;
      const surfaced = lockStats.surfaced - l0.surfaced;
      // Invariants: one order per listing, at most n orders, ledgers add up, no points created or lost.
      const [o] = await db
        .select({ n: sql<number>`COUNT(*)`, distinctListings: sql<number>`COUNT(DISTINCT ${orders.listingId})`, escrow: sql<string>`COALESCE(SUM(${orders.paid}), 0)` })
        .from(orders)
        .where(eq(orders.productId, productId));
      let violations = 0;
      if (Number(o.n) !== Number(o.distinctListings) || Number(o.n) > n || Number(o.n) !== r.ok) violations++;
      violations += await ledgerViolations();
      // What buyers paid sits in the orders (escrow) until they confirm: nothing else may have moved.
      if ((await totalPoints()) + Number(o.escrow) !== before) violations++;
      runs.push({ r, dead, surfaced, violations });
    }
    // The median round by throughput.
    runs.sort((a, b) => a.r.wall - b.r.wall);
    const m = runs[Math.floor(runs.length / 2)];
    const rps = (BUYERS / m.r.wall) * 1000;
    summary[`${workload}|${strategy}`] = [rps];
    rows.push([
      workload,
      strategy,
      fmt(rps, 0),
      fmt(percentile(m.r.ms, 50), 1),
      fmt(percentile(m.r.ms, 99), 1),
      m.r.ok,
      m.r.conflict,
      runs.reduce((a, x) => a + x.dead, 0),
      runs.reduce((a, x) => a + x.surfaced, 0),
      runs.reduce((a, x) => a + x.r.other.length, 0),
      runs.reduce((a, x) => a + x.violations, 0),
    ]);
    const others = runs.flatMap((x) => x.r.other);
    if (others.length) console.log(`  ${workload} ${strategy}: other errors e.g. ${[...new Set(others)].slice(0, 3).join(", ")}`);
  }
}

await closeDatabases();
stopBenchStack();

console.log(`\nContention: ${BUYERS} concurrent buyers, median of ${ROUNDS} rounds (deadlock/lock-wait counts are totals over all rounds)\n`);
console.log(table(rows));
for (const w of ["A: one listing", "B: cheapest of many"]) {
  const base = summary[`${w}|pessimistic`][0];
  const line = STRATEGIES.filter((s) => summary[`${w}|${s}`]).map((s) => `${s} ${fmt(summary[`${w}|${s}`][0] / base, 2)}×`);
  console.log(`${w}: ${line.join(", ")} the pessimistic baseline's throughput`);
}

