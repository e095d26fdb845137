// Seeds the catalog, the demo accounts and a living market (`npm run db:seed`). Runs once per database:
// a second run finds the demo admin and does nothing, so `npm start` can call it every time.
import "../load-env";
import { eq, isNull } from "drizzle-orm";
import { nicknameKey } from "@/lib/accounts/nickname";
import { hashPassword } from "@/lib/auth/password";
import { closeDatabases } from "../close";
import { isDuplicate } from "../errors";
import { primaryDb } from "../primary";
import { brands, coupons, products, users } from "../schema";
import { SEED_BRANDS, SEED_USERS } from "./catalog";
import { seedMarket } from "./market";

const db = primaryDb();

async function main() {
  const [existing] = await db.select({ id: users.id }).from(users).where(eq(users.email, SEED_USERS[0].email));
  if (existing) {
    // The last thing the seed makes is the WELCOME1000 coupon: without it, an earlier run stopped halfway.
    const [done] = await db.select({ id: coupons.id }).from(coupons).where(eq(coupons.code, "WELCOME1000"));
    if (done) {
      await fillNicknameKeys();
      console.log("[seed] already seeded; nothing to do");
      return;
    }
    throw new Error(
      "[seed] an earlier seed stopped halfway. Start from an empty database: `npm stop`, remove .data/<stack> (e.g. rm -rf .data/dev), then `npm start`.",
    );
  }
  const t0 = Date.now();
  for (const b of SEED_BRANDS) {
    const [{ id: brandId }] = await db
      .insert(brands)
      .values({ slug: b.slug, name: b.name, nameEn: b.nameEn, category: b.category, color: b.color })
      .$returningId();
    await db.insert(products).values(b.products.map((p) => ({ ...p, brandId, category: b.category })));
  }
  const hashes = new Map<string, string>();
  for (const u of SEED_USERS) {
    if (!hashes.has(u.password)) hashes.set(u.password, await hashPassword(u.password));
    await db
      .insert(users)
      .values({ email: u.email, nickname: u.nickname, nicknameKey: nicknameKey(u.nickname), role: u.role, passwordHash: hashes.get(u.password)! });
  }
  const productCount = SEED_BRANDS.reduce((n, b) => n + b.products.length, 0);
  console.log(`[seed] catalog: ${SEED_BRANDS.length} brands, ${productCount} products; ${SEED_USERS.length} demo users`);
  await seedMarket();
  console.log(`[seed] done in ${((Date.now() - t0) / 1000).toFixed(1)} s`);
}

/** Accounts made before users.nickname_key existed get theirs (a look-alike of an earlier name stays null). */
async function fillNicknameKeys() {
  const rows = await db.select({ id: users.id, nickname: users.nickname }).from(users).where(isNull(users.nicknameKey)).orderBy(users.id);
  for (const r of rows) {
    try {
      await db.update(users).set({ nicknameKey: nicknameKey(r.nickname) }).where(eq(users.id, r.id));
    } catch (e) {
      if (!isDuplicate(e, "users_nickname_key_uq")) throw e;
    }
  }
  if (rows.length) console.log(`[seed] nickname keys for ${rows.length} older accounts`);
}

try {
  await main();
} finally {
  await closeDatabases();
}
