// A living market for the demo, made through the app's own commands (so every balance has its ledger and
// every trade its order): past trades over the last 30 days (price history), open asks and bids on most
// products, coupons, and a few orders in each state for the demo accounts. Deterministic (seeded PRNG).
import { eq, inArray, sql } from "drizzle-orm";
import { createCoupon, issueCoupon } from "@/lib/coupons/commands";
import { createListing } from "@/lib/market/commands/listings";
import { buyListing } from "@/lib/market/commands/buy";
import { placeBid } from "@/lib/market/commands/bids";
import { confirmOrder, disputeOrder } from "@/lib/orders/commands";
import { topUp } from "@/lib/points/commands";
import type { Actor } from "@/lib/write/command";
import { primaryDb } from "../primary";
import { brands, listings, orders, products, users } from "../schema";
import { SEED_BRANDS, SEED_USERS } from "./catalog";

function prng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) % 4294967296;
    return seed / 4294967296;
  };
}
const rnd = prng(20261125);
const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
const between = (a: number, b: number) => a + Math.floor(rnd() * (b - a + 1));
const round10 = (n: number) => Math.round(n / 10) * 10;
let codeCounter = 0;
const code = () => `9${String(Date.now()).slice(-6)}${String(++codeCounter).padStart(5, "0")}${between(1000, 9999)}`;
const DAY = 86_400_000;

export async function seedMarket() {
  const db = primaryDb();
  const userRows = await db.select({ id: users.id, email: users.email, nickname: users.nickname, role: users.role }).from(users);
  const byEmail = new Map(userRows.map((u) => [u.email, { id: u.id, nickname: u.nickname, role: u.role } as Actor]));
  const admin = byEmail.get("admin@gifticon.test")!;
  const seller = byEmail.get("seller@gifticon.test")!;
  const buyer = byEmail.get("buyer@gifticon.test")!;
  const traders = SEED_USERS.filter((u) => u.email.startsWith("trader")).map((u) => byEmail.get(u.email)!);

  for (const u of SEED_USERS) if (u.points) await topUp(byEmail.get(u.email)!, { amount: u.points, card: "4242424242424242" });
  // Traders buy a lot in the seed; give them room.
  for (const t of traders) await topUp(t, { amount: 1_500_000, card: "4242424242424242" });

  // Only the seeded catalog (a database that tests have used also holds their products and open bids).
  const catalog = await db
    .select({ id: products.id, faceValue: products.faceValue })
    .from(products)
    .innerJoin(brands, eq(brands.id, products.brandId))
    .where(inArray(brands.slug, SEED_BRANDS.map((b) => b.slug)))
    .orderBy(products.id);
  let trades = 0;
  let asks = 0;
  let bidsPlaced = 0;

  // Past trades, oldest first, so that order ids follow time.
  const plan: { productId: number; faceValue: number; at: number }[] = [];
  for (const p of catalog) {
    const n = between(4, 12);
    for (let i = 0; i < n; i++) plan.push({ productId: p.id, faceValue: p.faceValue, at: Date.now() - between(1, 29 * 24) * 3600_000 - between(0, 3599) * 1000 });
  }
  plan.sort((a, b) => a.at - b.at);
  for (const t of plan) {
    const s = pick(traders);
    let b = pick(traders);
    while (b.id === s.id) b = pick(traders);
    const price = round10(t.faceValue * (0.74 + rnd() * 0.18));
    const l = await createListing(s, { productId: t.productId, price, code: code(), expiresAt: new Date(Date.now() + between(20, 90) * DAY) });
    const o = await buyListing(b, { listingId: l.value.id, expectedPrice: price });
    await confirmOrder(b, o.value.id);
    const at = new Date(t.at);
    await db.update(orders).set({ createdAt: at, completedAt: new Date(t.at + between(1, 48) * 3600_000) }).where(eq(orders.id, o.value.id));
    await db.update(listings).set({ createdAt: new Date(t.at - between(1, 72) * 3600_000) }).where(eq(listings.id, l.value.id));
    trades++;
  }

  // Open books: asks on most products, bids below them on many.
  for (const p of catalog) {
    if (rnd() < 0.12) continue;
    const lowAsk = round10(p.faceValue * (0.8 + rnd() * 0.1));
    const nAsks = between(1, 5);
    for (let i = 0; i < nAsks; i++) {
      const s = pick([...traders, seller]);
      await createListing(s, {
        productId: p.id,
        price: Math.min(p.faceValue, lowAsk + i * round10(p.faceValue * 0.02)),
        code: code(),
        expiresAt: new Date(Date.now() + between(10, 90) * DAY),
        deadline: new Date(Date.now() + between(20, 7 * 24) * 3600_000),
      });
      asks++;
    }
    const nBids = between(0, 3);
    for (let i = 0; i < nBids; i++) {
      const b = pick([...traders, buyer]);
      await placeBid(b, { productId: p.id, price: round10(p.faceValue * (0.6 + rnd() * 0.15)), deadline: new Date(Date.now() + between(24, 10 * 24) * 3600_000) });
      bidsPlaced++;
    }
  }
  // Spread the open listings' creation times over the last two days, newest id newest (the feed is ordered
  // by id and says "n시간 전").
  const [{ top }] = await db.select({ top: sql<number>`MAX(${listings.id})` }).from(listings).where(eq(listings.status, "on_sale"));
  await db.execute(sql`UPDATE listings SET created_at = NOW(3) - INTERVAL ((${Number(top)} - id) * 25) MINUTE WHERE status = 'on_sale'`);

  // The demo accounts' own history.
  const starbucks = catalog[0];
  const sold = await createListing(seller, { productId: starbucks.id, price: round10(starbucks.faceValue * 0.85), code: code(), expiresAt: new Date(Date.now() + 60 * DAY) });
  const waiting = await buyListing(buyer, { listingId: sold.value.id, expectedPrice: sold.value.price }); // paid: waiting for the buyer's confirmation
  const other = catalog[5];
  const disputed = await createListing(traders[0], { productId: other.id, price: round10(other.faceValue * 0.85), code: code(), expiresAt: new Date(Date.now() + 45 * DAY) });
  const d = await buyListing(buyer, { listingId: disputed.value.id, expectedPrice: disputed.value.price });
  await disputeOrder(buyer, d.value.id, "코드를 입력하니 '이미 사용된 쿠폰'이라고 나옵니다.");

  // Coupons last: WELCOME1000's existence marks a finished seed (db/seed/index.ts).
  // Two public codes (anyone claims each once; GIFTY10 for the first 1,000), and one issued to the buyer
  // alone (its code claims nothing for anyone else).
  await createCoupon(admin, { code: "GIFTY10", name: "10% 할인 (최대 3,000원)", audience: "public", maxClaims: 1000, kind: "percent", value: 10, minPrice: 5000, maxDiscount: 3000, validUntil: new Date(Date.now() + 90 * DAY) });
  const sorry = await createCoupon(admin, { code: "SORRY2000-BUYER", name: "불편 보상 2,000원 할인", audience: "issued", kind: "amount", value: 2000, minPrice: 4000, validUntil: new Date(Date.now() + 60 * DAY) });
  await issueCoupon(admin, { couponId: sorry.value.id, email: "buyer@gifticon.test" });
  const welcome = await createCoupon(admin, { code: "WELCOME1000", name: "신규 가입 1,000원 할인", audience: "public", kind: "amount", value: 1000, minPrice: 3000, validUntil: new Date(Date.now() + 180 * DAY) });
  await issueCoupon(admin, { couponId: welcome.value.id, email: "buyer@gifticon.test" });

  const open = await db.select({ n: sql<number>`COUNT(*)` }).from(listings).where(inArray(listings.status, ["on_sale"]));
  console.log(`[seed] market: ${trades} past trades, ${asks} asks and ${bidsPlaced} bids placed (${open[0].n} listings on sale), orders #${waiting.value.id} (paid) and #${d.value.id} (disputed) for buyer@`);
}
