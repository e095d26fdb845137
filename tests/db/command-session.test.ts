import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { positions } from "@/db/positions";
import { primaryDb, primaryPool, runCommand } from "@/db/primary";
import { brands } from "@/db/schema";
import { seqOf } from "@/lib/read/gtid";
import { uniq } from "../support/factory";

// A command's round trips (db/primary.ts): each new primary connection is set to READ COMMITTED once, and
// with POSITIONS=gtid it asks MariaDB to report the commit's GTID in COMMIT's own reply, so a command
// sends neither a SET TRANSACTION before it nor a SELECT @@last_gtid after it. What that must not change:
// every command runs at READ COMMITTED — the first on a brand-new connection too — and its position is its
// own commit's.

afterAll(() => closeDatabases());

describe("a command's session on the primary", () => {
  it("every command runs at READ COMMITTED, on new and reused connections alike", async () => {
    // A row read twice inside the command, changed and committed by another connection in between: READ
    // COMMITTED reads the new name the second time; REPEATABLE READ (MariaDB's default) the old one.
    const sees = async (round: number) => {
      const slug = `rc-${uniq()}-${round}`;
      await primaryDb().insert(brands).values({ slug, name: "격리", nameEn: "Isolation", category: "cafe" });
      const { value } = await runCommand(async (tx) => {
        const nameNow = async () => (await tx.select({ name: brands.name }).from(brands).where(eq(brands.slug, slug)))[0].name;
        const before = await nameNow();
        await primaryDb().update(brands).set({ name: `격리-${round}` }).where(eq(brands.slug, slug));
        return [before, await nameNow()];
      });
      return value;
    };
    // Waves of concurrent commands open new connections (the first command on each), then reuse them.
    for (let wave = 0; wave < 3; wave++) {
      const rounds = Array.from({ length: 6 }, (_, i) => wave * 10 + i);
      for (const [i, got] of (await Promise.all(rounds.map(sees))).entries()) expect(got).toEqual(["격리", `격리-${rounds[i]}`]);
    }
    for (let r = 100; r < 104; r++) expect(await sees(r)).toEqual(["격리", `격리-${r}`]);
  });

  it.runIf(positions().name === "gtid")("COMMIT's reply carries the commit's GTID, the same as @@last_gtid", async () => {
    const conn = await primaryPool().getConnection();
    try {
      await conn.query("SELECT 1"); // the session's setup statements ran before this one
      await conn.query("BEGIN");
      await conn.query("INSERT INTO brands (slug, name, name_en, category) VALUES (?, '위치', 'Position', 'cafe')", [`gtid-${uniq()}`]);
      const [ok] = (await conn.query("COMMIT")) as unknown as [{ stateChanges?: { systemVariables?: Record<string, string> } }];
      const tracked = ok.stateChanges?.systemVariables?.last_gtid;
      expect(tracked).toMatch(/^\d+-\d+-\d+$/);
      const [[row]] = (await conn.query("SELECT @@last_gtid AS g")) as unknown as [[{ g: string }]];
      expect(tracked).toBe(row.g);
      // And runCommand's position is that of its own commit.
      const slug = `gtid-${uniq()}`;
      const { seq } = await runCommand((tx) => tx.insert(brands).values({ slug, name: "위치", nameEn: "Position", category: "cafe" }));
      const [[mine]] = (await conn.query("SELECT @@gtid_binlog_pos AS g")) as unknown as [[{ g: string }]];
      expect(seq).toBeGreaterThan(seqOf(row.g));
      expect(seq).toBeLessThanOrEqual(seqOf(mine.g));
    } finally {
      conn.release();
    }
  });
});
