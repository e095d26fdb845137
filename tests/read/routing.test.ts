import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";

// A small lag threshold so that a replica with a stopped SQL thread becomes unfit within a second or two
// (the heartbeat keeps commits flowing). Set before the config is first read.
process.env.REPLICA_MAX_LAG_MS = "1200";

import { closeDatabases } from "@/db/close";
import { brands } from "@/db/schema";
import { getProductBook } from "@/lib/catalog/queries";
import { updateProduct } from "@/lib/catalog/commands";
import { startHeartbeat, stopHeartbeat } from "@/lib/ops/heartbeat";
import { health } from "@/lib/ops/health";
import { nodeState, refreshNow } from "@/lib/read/monitor";
import { readAt } from "@/lib/read/router";
import { stats } from "@/lib/read/stats";
import { makeProduct, makeUser } from "../support/factory";
import { healReplication, pauseReplication, primaryPosition } from "../support/stack";

// Issue 4, behaviours 4 and 6: lag is measured continuously, a replica too far behind gets no reads until
// it recovers, and when no replica is fit the cache serves while one refill at a time reads the primary.

const until = async (what: string, cond: () => boolean | Promise<boolean>, ms = 15_000) => {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    await refreshNow();
    if (await cond()) return;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
};

const lagOf = (n: string) => nodeState(n)?.lagMs ?? 0;

beforeAll(() => startHeartbeat());
afterEach(() => healReplication());
afterAll(async () => {
  stopHeartbeat();
  await healReplication();
  await closeDatabases();
});

describe("lag-aware routing", () => {
  it("measures a stopped replica's growing lag and sends it no reads until it recovers", async () => {
    await pauseReplication("replica1");
    await until("replica1 to fall behind the threshold", () => lagOf("replica1") > 1200);
    expect(lagOf("replica2")).toBeLessThan(1200);

    stats.reset();
    for (let i = 0; i < 40; i++) await readAt({ mode: "any" }, (db) => db.$count(brands));
    const reads = stats.snapshot().readsByNode;
    expect(reads.replica1 ?? 0).toBe(0);
    expect(reads.replica2).toBe(40);

    const h = await health();
    const r1 = h.nodes.find((n) => n.name === "replica1")!;
    expect(r1.fitForReads).toBe(false);
    expect(r1.lagMs).toBeGreaterThan(1200);
    expect(r1.replication?.sqlRunning).toBe(false);
    expect(h.status).toBe("degraded");

    await healReplication();
    await until("replica1 to recover", () => lagOf("replica1") === 0);
    stats.reset();
    for (let i = 0; i < 60; i++) await readAt({ mode: "any" }, (db) => db.$count(brands));
    expect(stats.snapshot().readsByNode.replica1 ?? 0).toBeGreaterThan(0);
  });

  it("a read that must see a position no replica has goes to the primary; one they have stays on a replica", async () => {
    await pauseReplication("replica1");
    await pauseReplication("replica2");
    await makeUser(); // a write the paused replicas do not have
    const target = await primaryPosition();
    stats.reset();
    const r = await readAt({ minSeq: target, mode: "fresh" }, async () => 1);
    expect(r.node).toBe("primary");
    expect(r.seq).toBeGreaterThanOrEqual(target);
    await healReplication();
    await refreshNow();
    const r2 = await readAt({ minSeq: target, mode: "fresh" }, async () => 1);
    expect(r2.node).toMatch(/^replica/);
    expect(r2.seq).toBeGreaterThanOrEqual(target);
  });

  it("with no fit replica, 50 readers of an invalidated view cause one primary read, not fifty", async () => {
    const admin = await makeUser({ role: "admin" });
    const product = await makeProduct(5000, "라우팅 테스트 상품");
    await getProductBook(product.id); // a cached snapshot exists
    await pauseReplication("replica1");
    await pauseReplication("replica2");
    await until("both replicas to be unfit", () => lagOf("replica1") > 1200 && lagOf("replica2") > 1200);

    await updateProduct(admin, product.id, { name: "라우팅 테스트 상품 (새 이름)" });
    stats.reset();
    const books = await Promise.all(Array.from({ length: 50 }, () => getProductBook(product.id)));
    const s = stats.snapshot();
    expect(s.readsByNode.primary ?? 0).toBeLessThanOrEqual(1);
    expect((s.readsByNode.replica1 ?? 0) + (s.readsByNode.replica2 ?? 0)).toBe(0);
    // The one that refilled saw the new name; the others got the cached page while it ran.
    expect(books.some((b) => b!.product.name.endsWith("(새 이름)"))).toBe(true);
    // After the refill everyone sees the new name, from the cache.
    const after = await getProductBook(product.id);
    expect(after!.product.name).toBe("라우팅 테스트 상품 (새 이름)");
  });
});
