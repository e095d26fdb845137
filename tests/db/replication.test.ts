import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { primaryDb, runCommand } from "@/db/primary";
import { readNodes } from "@/db/readers";
import { brands } from "@/db/schema";
import { redis } from "@/lib/cache/redis";
import { positions } from "@/db/positions";
import { seqOf } from "@/lib/read/gtid";
import { healReplication, opsQuery, primaryGtid, pauseReplication, resumeReplication, waitForReplica } from "../support/stack";

// The foundation's promises about the real servers: GTID replication carries every row to every replica,
// the read side cannot write, and Korean text survives primary → replica → cache unchanged.

const KOREAN = "스타벅스 아메리카노 ☕️ — 𝒻𝒶𝓃𝒸𝓎 한글 텍스트 🎁";
const slug = () => `t-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;

beforeAll(() => healReplication());
afterAll(async () => {
  await healReplication();
  await closeDatabases();
});

describe("replication", () => {
  it("a row written on the primary reaches every replica, at the commit's GTID", async () => {
    const s = slug();
    const { seq } = await runCommand((tx) => tx.insert(brands).values({ slug: s, name: KOREAN, nameEn: "Replicated", category: "cafe" }));
    // The commit's position (db/positions.ts): with POSITIONS=gtid its GTID's sequence number, at or before
    // the primary's now.
    const gtid = await primaryGtid();
    expect(seq).toBeGreaterThan(0);
    if (positions().name === "gtid") expect(seqOf(gtid)).toBeGreaterThanOrEqual(seq!);
    for (const node of readNodes().filter((n) => n.role === "replica")) {
      expect(await waitForReplica(node.name as "replica1", gtid!, 10)).toBe(true);
      const [row] = await node.db.select().from(brands).where(eq(brands.slug, s));
      expect(row?.name).toBe(KOREAN);
    }
  });

  it("a paused replica does not have the row until replication resumes", async () => {
    await pauseReplication("replica1");
    try {
      const s = slug();
      const { seq } = await runCommand((tx) => tx.insert(brands).values({ slug: s, name: "일시정지", nameEn: "Paused", category: "cafe" }));
      const gtid = await primaryGtid();
      const replica = readNodes().find((n) => n.name === "replica1")!;
      expect(await replica.db.select().from(brands).where(eq(brands.slug, s))).toEqual([]);
      const [pos] = await opsQuery<{ p: string }>("replica1", "SELECT @@gtid_slave_pos AS p");
      expect(seqOf(pos.p)).toBeLessThan(seqOf(gtid));
      expect(seq).toBeGreaterThan(0);
      await resumeReplication("replica1");
      expect(await waitForReplica("replica1", gtid!, 10)).toBe(true);
      expect((await replica.db.select().from(brands).where(eq(brands.slug, s))).length).toBe(1);
    } finally {
      await resumeReplication("replica1");
    }
  });
});

describe("the read side cannot write", () => {
  it("refuses a write sent through a replica client", async () => {
    const replica = readNodes().find((n) => n.role === "replica")!;
    const err = await replica.pool.query("INSERT INTO brands (slug, name, name_en, category) VALUES ('x-ro', 'x', 'x', 'cafe')").catch((e) => e);
    // Refused twice over: the server is read_only, and the account has SELECT only.
    expect(["ER_OPTION_PREVENTS_STATEMENT", "ER_TABLEACCESS_DENIED_ERROR"]).toContain(err?.code);
    expect(await replica.db.select().from(brands).where(eq(brands.slug, "x-ro"))).toEqual([]);
  });

  it("refuses a write through the primary's read-only client too", async () => {
    const primaryRead = readNodes().find((n) => n.role === "primary")!;
    await expect(primaryRead.pool.query("UPDATE users SET points = 1000000")).rejects.toMatchObject({ code: "ER_TABLEACCESS_DENIED_ERROR" });
  });

  it("the replica server itself is read_only, even for a user allowed to write", async () => {
    await expect(opsQuery("replica1", "SELECT @@read_only AS r")).resolves.toEqual([{ r: 1 }]);
    // gx_app may write on the primary; on a replica the server refuses it.
    const { createPool } = await import("@/db/pool");
    const url = new URL(process.env.DATABASE_PRIMARY_URL!);
    url.port = String(Number(url.port) + 1);
    const pool = createPool(url.toString(), { size: 1, name: "test-rw-on-replica" });
    try {
      await expect(pool.query("INSERT INTO brands (slug, name, name_en, category) VALUES ('x-ro2', 'x', 'x', 'cafe')")).rejects.toMatchObject({
        errno: 1290,
      });
    } finally {
      await pool.end();
    }
  });
});

describe("utf8mb4", () => {
  it("Korean text and emoji round-trip through primary, replica and cache", async () => {
    const s = slug();
    await runCommand((tx) => tx.insert(brands).values({ slug: s, name: KOREAN, nameEn: "utf8mb4", category: "cafe" }));
    const gtid = await primaryGtid();
    const [fromPrimary] = await primaryDb().select().from(brands).where(eq(brands.slug, s));
    expect(fromPrimary.name).toBe(KOREAN);
    await waitForReplica("replica2", gtid!, 10);
    const replica = readNodes().find((n) => n.name === "replica2")!;
    const [fromReplica] = await replica.db.select().from(brands).where(eq(brands.slug, s));
    expect(fromReplica.name).toBe(KOREAN);
    await redis().set(`test:utf8:${s}`, { name: fromReplica.name }, { ex: 60 });
    expect(await redis().get(`test:utf8:${s}`)).toEqual({ name: KOREAN });
  });
});
