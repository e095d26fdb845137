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
    // Three writers commit 15 commands each, racing one another, while three readers read snapshots on the
    // primary and the replicas until the writers are done.
    const done: { slug: string; seq: number }[] = [];
    const seen: { node: string; seq: number; slugs: Set<string> }[] = [];
    let writing = true;
    const writers = [0, 1, 2].map(async (w) => {
      for (let i = 0; i < 15; i++) {
        const slug = `${tag}-${w}-${i}`;
        const r = await runCommand((tx) => tx.insert(brands).values({ slug, name: "위치", nameEn: "Position", category: "cafe" }));
        done.push({ slug, seq: r.seq! });
      }
    });
    const readers = [0, 1, 2].map(async (k) => {
      while (writing) {
        const r = await readAt({ mode: k === 0 ? "primary" : "any" }, (db) => db.select({ slug: brands.slug }).from(brands).where(like(brands.slug, `${tag}-%`)));
        seen.push({ node: r.node, seq: r.seq, slugs: new Set(r.value.map((b) => b.slug)) });
      }
    });
    await Promise.all(writers);
    writing = false;
    await Promise.all(readers);
    expect(new Set(done.map((w) => w.seq)).size).toBe(done.length); // one position per commit
    for (const r of seen) for (const w of done) expect(r.slugs.has(w.slug), `${w.slug} (at ${w.seq}) in a snapshot at ${r.seq} on ${r.node}`).toBe(w.seq <= r.seq);
    // The race was real: some snapshots saw some of the commands and missed others.
    expect(seen.some((r) => r.slugs.size > 0 && r.slugs.size < done.length)).toBe(true);
  });
});
