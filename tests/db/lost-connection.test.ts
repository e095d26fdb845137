import { eq, sql } from "drizzle-orm";
import { afterAll, describe, expect, it } from "vitest";
import { closeDatabases } from "@/db/close";
import { primaryDb, runCommand } from "@/db/primary";
import { brands } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { positions } from "@/db/positions";
import { opsQuery } from "../support/stack";

// A primary connection that dies inside a command (the server killed it, restarted, or went away) must
// give the client a definite 503, never a 500. Drizzle then tries ROLLBACK on the dead connection, and the
// error it throws is the rollback's ("Failed query: rollback"), whose cause mysql2 raises without a code
// ("Can't add new command when connection is in closed state"); the bench:faults run with the primary
// stopped answered one write 500 this way.

const slug = () => `lc-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}`;
const brand = (s: string) => ({ slug: s, name: "연결 끊김", nameEn: "Lost", category: "cafe" as const });
async function killOwnConnection(tx: Parameters<Parameters<typeof runCommand>[0]>[0]) {
  const [rows] = (await tx.execute(sql`SELECT CONNECTION_ID() AS id`)) as unknown as [{ id: number }[]];
  await opsQuery("primary", `KILL CONNECTION ${Number(rows[0].id)}`);
}
const exists = async (s: string) => (await primaryDb().select().from(brands).where(eq(brands.slug, s))).length > 0;
/** The command must fail with an AppError: its kind and code (a raw driver error would be a 500). */
async function failureOf(work: Parameters<typeof runCommand>[0]) {
  const err = await runCommand(work).then(
    () => new Error("the command committed"),
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(AppError);
  return { kind: (err as AppError).kind, code: (err as AppError).code };
}

afterAll(() => closeDatabases());

describe("a primary connection lost inside a command", () => {
  it("mid-transaction: 503 primary_unavailable, and nothing was written", async () => {
    const s = slug();
    const failure = await failureOf(async (tx) => {
      await tx.insert(brands).values(brand(s));
      await killOwnConnection(tx);
      await tx.insert(brands).values(brand(`${s}-2`));
    });
    expect(failure).toEqual({ kind: "unavailable", code: "primary_unavailable" });
    expect(await exists(s)).toBe(false);
  });

  it("as COMMIT is sent: 503 commit_unknown (the client cannot know whether it committed), never a 500", async () => {
    const s = slug();
    const failure = await failureOf(async (tx) => {
      await tx.insert(brands).values(brand(s));
      await killOwnConnection(tx); // the callback returns: Drizzle sends COMMIT on the dead connection
    });
    // With POSITIONS=counter the command's last statement before COMMIT raises the counter (db/positions.ts):
    // that is what meets the dead connection, so the answer is a definite "not written".
    expect(failure).toEqual({ kind: "unavailable", code: positions().name === "counter" ? "primary_unavailable" : "commit_unknown" });
    // Here the server killed the session before COMMIT arrived, so it rolled back.
    expect(await exists(s)).toBe(false);
  });

  it("the next command runs normally on a fresh connection", async () => {
    const s = slug();
    await runCommand((tx) => tx.insert(brands).values(brand(s)));
    expect(await exists(s)).toBe(true);
  });
});
