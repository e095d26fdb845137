import { randomBytes } from "node:crypto";
import { eq, sql } from "drizzle-orm";
import { primaryDb } from "@/db/primary";
import { brands, pointLedger, products, users } from "@/db/schema";
import { signUp } from "@/lib/accounts/commands";
import { topUp } from "@/lib/points/commands";
import type { Actor } from "@/lib/write/command";

// Test data made through the real commands where one exists (sign-up, top-up), so balances and ledgers
// are what the app itself would have written.

export const uniq = () => randomBytes(5).toString("hex");

export async function makeUser(opts: { points?: number; role?: "user" | "admin" } = {}): Promise<Actor & { email: string; password: string }> {
  const u = uniq();
  const email = `t-${u}@example.test`;
  const password = `pass-${u}-1234`;
  const { value } = await signUp({ email, password, nickname: `t${u}` });
  if (opts.role === "admin") await primaryDb().update(users).set({ role: "admin" }).where(eq(users.id, value.id));
  const actor: Actor = { id: value.id, role: opts.role ?? "user", nickname: `t${u}` };
  if (opts.points) await topUp(actor, { amount: opts.points, card: "4242424242424242" });
  return { ...actor, email, password };
}

export async function makeProduct(faceValue = 5000, name = `테스트 상품 ${uniq()}`) {
  const db = primaryDb();
  const [{ id: brandId }] = await db.insert(brands).values({ slug: `b-${uniq()}`, name: "테스트브랜드", nameEn: "Test Brand", category: "cafe" }).$returningId();
  const [{ id }] = await db.insert(products).values({ brandId, name, nameEn: "Test product", category: "cafe", faceValue, emoji: "☕" }).$returningId();
  return { id, faceValue, brandId };
}

/** A code nobody has used: 16 digits. */
export const newCode = () => Array.from(randomBytes(16), (b) => String(b % 10)).join("");

/** A date N days from now as YYYY-MM-DD (Korean time). */
export const inDays = (n: number) => new Date(Date.now() + 9 * 3600_000 + n * 86_400_000).toISOString().slice(0, 10);

export async function balances(userId: number) {
  const [u] = await primaryDb().select({ points: users.points, held: users.heldPoints }).from(users).where(eq(users.id, userId));
  const [l] = await primaryDb()
    .select({ points: sql<string>`COALESCE(SUM(${pointLedger.pointsDelta}), 0)`, held: sql<string>`COALESCE(SUM(${pointLedger.heldDelta}), 0)` })
    .from(pointLedger)
    .where(eq(pointLedger.userId, userId));
  return { points: u.points, held: u.held, ledgerPoints: Number(l.points), ledgerHeld: Number(l.held) };
}

/** Domain invariant 3 for one user: never negative, always the sum of the ledger. */
export async function expectLedgerConsistent(userId: number) {
  const b = await balances(userId);
  if (b.points < 0 || b.held < 0 || b.points !== b.ledgerPoints || b.held !== b.ledgerHeld) {
    throw new Error(`ledger mismatch for user ${userId}: ${JSON.stringify(b)}`);
  }
  return b;
}
