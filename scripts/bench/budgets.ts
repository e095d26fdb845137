// How long healthy waits take here, to choose the budgets in lib/config.ts from (README "Faults"): Redis
// round trips of the view script, one cached-view read, one replica read in a snapshot, one command.
// Run on the test stack: `source /work/wt/env.sh 0 && npx tsx --conditions=react-server scripts/bench/budgets.ts`
// (or any stack's environment). Prints p50/p99/max in ms.
import { closeDatabases } from "@/db/close";
import { users } from "@/db/schema";
import { signUp } from "@/lib/accounts/commands";
import { redis } from "@/lib/cache/redis";
import { loadavg } from "node:os";
import { getFeed } from "@/lib/market/queries";
import { readAt } from "@/lib/read/router";
import { command } from "@/lib/write/command";
import { heartbeats } from "@/db/schema";
import { sql } from "drizzle-orm";
import { fmt, percentile } from "./support";

async function measure(name: string, n: number, concurrency: number, fn: () => Promise<unknown>) {
  const xs: number[] = [];
  let failed = 0;
  let left = n;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (left-- > 0) {
        const t = performance.now();
        await fn().catch(() => failed++);
        xs.push(performance.now() - t);
      }
    }),
  );
  console.log(`${name.padEnd(52)} n=${n} c=${concurrency}  p50 ${fmt(percentile(xs, 50), 2)}  p99 ${fmt(percentile(xs, 99), 2)}  max ${fmt(Math.max(...xs), 2)}  failed ${failed}`);
}

console.log(`load average ${loadavg().map((l) => l.toFixed(1)).join(" ")} on ${(await import("node:os")).cpus().length} cores`);
await signUp({ email: `budget-${Date.now()}@bench.test`, password: "bench-pass-1234", nickname: `b${Date.now() % 1e8}`, agreeTerms: true });
await getFeed();
await measure("Redis GET (one round trip)", 4000, 20, () => redis().get("f:*"));
await measure("cached view read (feed: GET_VIEW + deltas)", 2000, 20, () => getFeed());
await measure("replica read in a snapshot (readAt any)", 1000, 20, () => readAt({ mode: "any" }, (db) => db.select({ id: users.id }).from(users).limit(20)));
await measure("primary read in a snapshot (readAt primary)", 1000, 20, () => readAt({ mode: "primary" }, (db) => db.select({ id: users.id }).from(users).limit(20)));
await measure("command (one-row upsert + outbox, commit)", 500, 20, () =>
  command(async (tx) => tx.insert(heartbeats).values({ source: `budget-${Math.random()}`.slice(0, 20), ts: sql`NOW(6)` }).onDuplicateKeyUpdate({ set: { ts: sql`NOW(6)` } })),
);
await closeDatabases();
process.exit(0);
