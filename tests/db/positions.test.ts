import { like } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { positions } from "@/db/positions";
import { runCommand } from "@/db/primary";
import { brands } from "@/db/schema";
import { readAt } from "@/lib/read/router";
import { uniq } from "../support/factory";

// Positions (db/positions.ts) are what the whole read side compares: a command's commit position, and the
// newest position a snapshot contains. They must agree exactly — a snapshot at position p holds every
// command at or below p and none above — on the primary and on the replicas, while commands commit
// concurrently. Runs with POSITIONS=gtid here and again with POSITIONS=counter (tests/read/positions-counter.test.ts).

afterAll(() => closeDatabases());

describe(`positions (POSITIONS=${positions().name})`, () => {
  it("a snapshot holds exactly the commands at or below its position, with commits racing it", async () => {
    const tag = `pos-${uniq()}`;
    const writes = Array.from({ length: 40 }, (_, i) =>
      runCommand((tx) => tx.insert(brands).values({ slug: `${tag}-${i}`, name: "위치", nameEn: "Position", category: "cafe" })).then((r) => ({ slug: `${tag}-${i}`, seq: r.seq! })),
    );
    const reads = Array.from({ length: 40 }, (_, i) =>
      readAt({ mode: i % 3 === 0 ? "primary" : "any" }, (db) => db.select({ slug: brands.slug }).from(brands).where(like(brands.slug, `${tag}-%`))).then((r) => ({
        node: r.node,
        seq: r.seq,
        slugs: new Set(r.value.map((b) => b.slug)),
      })),
    );
    const [done, seen] = [await Promise.all(writes), await Promise.all(reads)];
    expect(new Set(done.map((w) => w.seq)).size).toBe(done.length); // one position per commit
    for (const r of seen) for (const w of done) expect(r.slugs.has(w.slug), `${w.slug} (at ${w.seq}) in a snapshot at ${r.seq} on ${r.node}`).toBe(w.seq <= r.seq);
    // The race was real: some snapshots saw some of the commands and missed others.
    expect(seen.some((r) => r.slugs.size > 0 && r.slugs.size < done.length)).toBe(true);
  });
});
